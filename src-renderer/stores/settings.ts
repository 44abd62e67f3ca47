import { createStore, type StoreApi } from 'zustand/vanilla'
import type { LlmConfig, RouteInput, RouteOutput } from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

export type SettingsApi = Pick<ApiClient, 'invoke'>

export interface SettingsState {
  llm: LlmConfig | null
  loadError: string | null
  saving: boolean
  saveError: string | null
  saved: boolean
  keySaving: boolean
  keyError: string | null
  testing: boolean
  testResult: RouteOutput<'llm.test'> | null
  testError: string | null

  load(): Promise<void>
  save(change: RouteInput<'llm.set'>): Promise<boolean>
  /**
   * Stores the provider key in the keychain. The key is passed through and never kept in the
   * store, so nothing in the UI can show it again.
   */
  saveKey(key: string): Promise<boolean>
  test(): Promise<void>
}

/** Settings: the generator's model provider and its key. */
export function createSettingsStore(api: SettingsApi): StoreApi<SettingsState> {
  return createStore<SettingsState>()((set) => ({
    llm: null,
    loadError: null,
    saving: false,
    saveError: null,
    saved: false,
    keySaving: false,
    keyError: null,
    testing: false,
    testResult: null,
    testError: null,

    async load() {
      try {
        set({ llm: await api.invoke('llm.get', {}), loadError: null })
      } catch (error) {
        set({ loadError: messageOf(error) })
      }
    },

    async save(change) {
      set({ saving: true, saveError: null, saved: false })
      try {
        const llm = await api.invoke('llm.set', change)
        set({ llm, saving: false, saved: true })
        return true
      } catch (error) {
        set({ saving: false, saveError: messageOf(error) })
        return false
      }
    },

    async saveKey(key) {
      set({ keySaving: true, keyError: null })
      try {
        await api.invoke('llm.setKey', { key })
        set({ keySaving: false })
        try {
          set({ llm: await api.invoke('llm.get', {}) })
        } catch {
          // The key is stored; the "key set" flag catches up on the next load.
        }
        return true
      } catch (error) {
        set({ keySaving: false, keyError: messageOf(error) })
        return false
      }
    },

    async test() {
      set({ testing: true, testResult: null, testError: null })
      try {
        set({ testResult: await api.invoke('llm.test', {}), testing: false })
      } catch (error) {
        set({ testing: false, testError: messageOf(error) })
      }
    },
  }))
}
