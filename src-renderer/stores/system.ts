import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AppInfo, DoctorCheck, RouteOutput } from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

export type SystemApi = Pick<ApiClient, 'invoke'>

export interface SystemState {
  info: AppInfo | null
  paths: RouteOutput<'app.paths'> | null
  loadError: string | null
  checks: DoctorCheck[] | null
  checking: boolean
  doctorError: string | null
  /** When the checks last ran (ISO). */
  checkedAt: string | null

  load(): Promise<void>
  /** Runs `skilldock doctor`'s checks; resolves with them (or null when the call failed). */
  runDoctor(): Promise<DoctorCheck[] | null>
}

/** Settings → Paths and Doctor: where SkillDock keeps its data, and whether this machine can run skills. */
export function createSystemStore(api: SystemApi): StoreApi<SystemState> {
  return createStore<SystemState>()((set, get) => ({
    info: null,
    paths: null,
    loadError: null,
    checks: null,
    checking: false,
    doctorError: null,
    checkedAt: null,

    async load() {
      try {
        const [info, paths] = await Promise.all([api.invoke('app.info', {}), api.invoke('app.paths', {})])
        set({ info, paths, loadError: null })
      } catch (error) {
        set({ loadError: messageOf(error) })
      }
    },

    async runDoctor() {
      if (get().checking) return null
      set({ checking: true, doctorError: null })
      try {
        const checks = await api.invoke('app.doctor', {})
        set({ checks, checking: false, checkedAt: new Date().toISOString() })
        return checks
      } catch (error) {
        set({ checking: false, doctorError: messageOf(error) })
        return null
      }
    },
  }))
}
