import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ManagedPolicy, TeamRequest, TeamStatus } from '../../../src-main/contract/team'
import type { ApiClient } from '../../api/client'
import { messageOf } from '../../stores/errors'

export type TeamApi = Pick<ApiClient, 'invoke'>

export interface TeamState {
  status: TeamStatus | null
  requests: TeamRequest[]
  policy: ManagedPolicy | null
  error: string | null
  busy: boolean
  load(): Promise<void>
  /** Reads only the managed policy (the Approvals screen shows what it pins). */
  loadPolicy(): Promise<void>
  sync(): Promise<void>
  join(url: string, allowLocal: boolean): Promise<boolean>
}

/**
 * The Team screen's data: joined teams and why each team skill is (not) active (`team.status`),
 * requests waiting on `request/*` branches (`team.requests`), and the managed policy in force.
 */
export function createTeamStore(api: TeamApi): StoreApi<TeamState> {
  return createStore<TeamState>()((set, get) => {
    const run = async (work: () => Promise<void>): Promise<boolean> => {
      set({ busy: true, error: null })
      try {
        await work()
        return true
      } catch (error) {
        set({ error: messageOf(error) })
        return false
      } finally {
        set({ busy: false })
      }
    }
    return {
      status: null,
      requests: [],
      policy: null,
      error: null,
      busy: false,
      async load() {
        await run(async () => {
          const [status, policy] = await Promise.all([
            api.invoke('team.status', {}),
            api.invoke('policy.managed', {}),
          ])
          const requests = status.teams.length > 0 ? await api.invoke('team.requests', {}) : []
          set({ status, policy, requests })
        })
      },
      async loadPolicy() {
        try {
          set({ policy: await api.invoke('policy.managed', {}) })
        } catch (error) {
          set({ error: messageOf(error) })
        }
      },
      async sync() {
        await run(async () => {
          const status = await api.invoke('team.sync', {})
          set({ status, requests: await api.invoke('team.requests', {}) })
        })
      },
      async join(url, allowLocal) {
        const joined = await run(async () => {
          const status = await api.invoke('team.join', { url, ...(allowLocal ? { allowLocal: true } : {}) })
          set({ status })
        })
        if (joined) await get().load()
        return joined
      },
    }
  })
}
