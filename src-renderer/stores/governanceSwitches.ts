import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Governance, TrustLevel } from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

export type GovernanceSwitchesApi = Pick<ApiClient, 'invoke'>

/** The switches beside the governance mode, as one record. */
export interface GovernanceSwitches {
  gapDetection: boolean
  selfGeneration: boolean
  defaultTrust: TrustLevel
  llmReview: boolean
  reviewFailOpen: boolean
}

export type SwitchChange = Partial<GovernanceSwitches>

export interface GovernanceSwitchesState {
  switches: GovernanceSwitches | null
  error: string | null
  saving: boolean
  load(): Promise<void>
  save(change: SwitchChange): Promise<void>
}

const of = (g: Governance, review: { llmReview: boolean; reviewFailOpen: boolean }): GovernanceSwitches => ({
  gapDetection: g.gapDetection,
  selfGeneration: g.selfGeneration,
  defaultTrust: g.defaultTrust,
  ...review,
})

/**
 * Gap detection, self-generation, default trust and the LLM review of scans (`governance.set`,
 * `scan.settings`): the same switches as `skilldock governance --…`.
 */
export function createGovernanceSwitchesStore(api: GovernanceSwitchesApi): StoreApi<GovernanceSwitchesState> {
  return createStore<GovernanceSwitchesState>()((set, get) => ({
    switches: null,
    error: null,
    saving: false,
    async load() {
      try {
        const [governance, review] = await Promise.all([
          api.invoke('governance.get', {}),
          api.invoke('scan.settings', {}),
        ])
        set({ switches: of(governance, review), error: null })
      } catch (error) {
        set({ error: messageOf(error) })
      }
    },
    async save(change) {
      const before = get().switches
      // Shown at once (a checkbox follows the click); the core's answer then stands, or the old state on an error.
      set({ saving: true, error: null, switches: before ? { ...before, ...change } : before })
      try {
        const { llmReview, reviewFailOpen, ...rest } = change
        const governance =
          Object.keys(rest).length > 0
            ? await api.invoke('governance.set', rest)
            : await api.invoke('governance.get', {})
        const review = await api.invoke('scan.settings', { llmReview, reviewFailOpen })
        set({ switches: of(governance, review), saving: false })
      } catch (error) {
        set({ saving: false, error: messageOf(error), switches: before })
      }
    },
  }))
}
