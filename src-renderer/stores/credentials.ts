import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RouteOutput, SkillSummary } from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

export type CredentialsApi = Pick<ApiClient, 'invoke'>

export type DeclaredCredential = RouteOutput<'secrets.declared'>[number]

export interface CredentialsState {
  /** Skills to pick from. */
  skills: SkillSummary[]
  skillsError: string | null
  skill: string | null
  /** What the manifest declares, with whether each is stored. */
  declared: DeclaredCredential[]
  /** Names stored for the skill (declared or not). Values never reach the renderer. */
  stored: string[]
  loading: boolean
  error: string | null
  saving: boolean
  saveError: string | null
  /** The name last stored, for the confirmation. */
  savedName: string | null
  deleting: string | null

  loadSkills(): Promise<void>
  pick(skill: string | null): Promise<void>
  /**
   * Sends `value` to the keychain under `name`. The value is passed straight through and never kept
   * in the store, so nothing can render it back.
   */
  save(name: string, value: string): Promise<boolean>
  remove(name: string): Promise<void>
}

/** Settings → Credentials: per-skill secrets in the OS keychain, write-only from the UI. */
export function createCredentialsStore(api: CredentialsApi): StoreApi<CredentialsState> {
  let request = 0

  return createStore<CredentialsState>()((set, get) => {
    const loadSkillSecrets = async (skill: string): Promise<void> => {
      const mine = ++request
      set({ loading: true })
      try {
        const [declared, stored] = await Promise.all([
          api.invoke('secrets.declared', { skill }),
          api.invoke('secrets.list', { skill }),
        ])
        if (mine !== request) return
        set({ declared, stored: stored.map((ref) => ref.name), loading: false, error: null })
      } catch (error) {
        if (mine !== request) return
        set({ declared: [], stored: [], loading: false, error: messageOf(error) })
      }
    }

    return {
      skills: [],
      skillsError: null,
      skill: null,
      declared: [],
      stored: [],
      loading: false,
      error: null,
      saving: false,
      saveError: null,
      savedName: null,
      deleting: null,

      async loadSkills() {
        try {
          set({ skills: await api.invoke('skills.list', {}), skillsError: null })
        } catch (error) {
          set({ skillsError: messageOf(error) })
        }
      },

      async pick(skill) {
        set({ skill, declared: [], stored: [], error: null, saveError: null, savedName: null })
        if (skill) await loadSkillSecrets(skill)
        else request++
      },

      async save(name, value) {
        const { skill } = get()
        if (!skill) return false
        set({ saving: true, saveError: null, savedName: null })
        try {
          await api.invoke('secrets.set', { skill, name, value })
          set({ saving: false, savedName: name })
          await loadSkillSecrets(skill)
          return true
        } catch (error) {
          set({ saving: false, saveError: messageOf(error) })
          return false
        }
      },

      async remove(name) {
        const { skill } = get()
        if (!skill) return
        set({ deleting: name, saveError: null, savedName: null })
        try {
          await api.invoke('secrets.delete', { skill, name })
          set({ deleting: null })
          await loadSkillSecrets(skill)
        } catch (error) {
          set({ deleting: null, saveError: messageOf(error) })
        }
      },
    }
  })
}
