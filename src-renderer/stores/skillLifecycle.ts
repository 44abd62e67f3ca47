import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

export type SkillLifecycleApi = Pick<ApiClient, 'invoke'>

export interface SkillLifecycleState {
  pending: boolean
  error: string | null
  /** What the last action did, in words (for the person who clicked it). */
  done: string | null
  promote(name: string): Promise<void>
  deprecate(name: string, reason: string, replacement: string | null): Promise<void>
  undeprecate(name: string): Promise<void>
  clear(): void
}

/**
 * Promote, deprecate and undeprecate from the skill page (`skills.promote`, `skills.deprecate`,
 * `skills.undeprecate`); the skills store follows the change through `skills.changed`.
 */
export function createSkillLifecycleStore(api: SkillLifecycleApi): StoreApi<SkillLifecycleState> {
  return createStore<SkillLifecycleState>()((set) => {
    const act = async (work: () => Promise<string>) => {
      set({ pending: true, error: null, done: null })
      try {
        set({ pending: false, done: await work() })
      } catch (error) {
        set({ pending: false, error: messageOf(error) })
      }
    }
    return {
      pending: false,
      error: null,
      done: null,
      promote: (name) =>
        act(async () => {
          const skill = await api.invoke('skills.promote', { name })
          return `Promoted ${skill.name}; it is ${skill.state}.`
        }),
      deprecate: (name, reason, replacement) =>
        act(async () => {
          await api.invoke('skills.deprecate', { name, reason, ...(replacement ? { replacement } : {}) })
          return `Deprecated ${name}.`
        }),
      undeprecate: (name) =>
        act(async () => {
          await api.invoke('skills.undeprecate', { name })
          return `${name} is no longer deprecated.`
        }),
      clear: () => set({ error: null, done: null }),
    }
  })
}
