import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Gap } from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

export type GapsApi = Pick<ApiClient, 'invoke' | 'on'>

export interface GapsState {
  gaps: Gap[]
  loaded: boolean
  error: string | null
  load(): Promise<void>
  dispose(): void
}

/** Capability gaps the core recorded (unknown tool calls, "I can't…" in agent output), newest first. */
export function createGapsStore(api: GapsApi): StoreApi<GapsState> {
  return createStore<GapsState>()((set) => {
    const load = async (): Promise<void> => {
      try {
        set({ gaps: await api.invoke('gaps.list', {}), loaded: true, error: null })
      } catch (error) {
        set({ loaded: true, error: messageOf(error) })
      }
    }
    // A finished generation changes a gap's status (generating → proposed).
    const unsubscribe = api.on('generator.progress', (progress) => {
      if (progress.stage === 'done') void load()
    })
    return { gaps: [], loaded: false, error: null, load, dispose: unsubscribe }
  })
}
