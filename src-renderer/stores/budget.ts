import { createStore, type StoreApi } from 'zustand/vanilla'
import type { LlmBudget } from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

export type BudgetApi = Pick<ApiClient, 'invoke' | 'on'>

export interface BudgetState {
  budget: LlmBudget | null
  error: string | null
  load(): Promise<void>
  dispose(): void
}

/** The model budgets (per request, daily, monthly) and what has been spent (`llm.budget`). */
export function createBudgetStore(api: BudgetApi): StoreApi<BudgetState> {
  return createStore<BudgetState>()((set) => {
    const load = async (): Promise<void> => {
      try {
        set({ budget: await api.invoke('llm.budget', {}), error: null })
      } catch (error) {
        set({ error: messageOf(error) })
      }
    }
    // A finished generation has spent tokens.
    const unsubscribe = api.on('generator.progress', (progress) => {
      if (progress.stage === 'done') void load()
    })
    return { budget: null, error: null, load, dispose: unsubscribe }
  })
}
