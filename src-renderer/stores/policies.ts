import { createStore, type StoreApi } from 'zustand/vanilla'
import type {
  CallPolicy,
  CallRequest,
  ClientRole,
  LimitScope,
  PolicyKind,
  RateLimit,
  Role,
} from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { changeThenReload, messageOf } from './errors'

export type PoliciesApi = Pick<ApiClient, 'invoke' | 'on'>

export interface PoliciesState {
  policies: CallPolicy[]
  roles: Role[]
  clients: ClientRole[]
  limits: RateLimit[]
  /** Calls waiting for a person's decision, newest first (the rail badge counts them too). */
  pendingCalls: CallRequest[]
  loaded: boolean
  /** True once the held calls were read at least once. */
  callsLoaded: boolean
  /**
   * Why the held calls could not be read; kept apart from `error` so a failed background refresh
   * (the rail badge reads them on every screen) is not shown as a failed change on the Policies page.
   */
  callsError: string | null
  /** The last failure of a load or a change, verbatim from the core. */
  error: string | null
  /** Ids of held calls being decided (their buttons are disabled). */
  deciding: string[]
  load(): Promise<void>
  loadCalls(): Promise<void>
  addPolicy(input: {
    skill: string
    tool?: string
    kind: PolicyKind
    timeoutSeconds?: number
  }): Promise<boolean>
  removePolicy(id: number): Promise<boolean>
  addRole(name: string, allow: string[]): Promise<boolean>
  removeRole(name: string): Promise<boolean>
  assignRole(client: string, role: string | null): Promise<boolean>
  setLimit(input: {
    scope: LimitScope
    target: string
    maxCalls: number
    windowSeconds: number
  }): Promise<boolean>
  removeLimit(scope: LimitScope, target: string): Promise<boolean>
  decide(id: string, approve: boolean, reason?: string): Promise<boolean>
  dispose(): void
}

/** Call policies, roles, client roles, rate limits and the calls held for approval. */
export function createPoliciesStore(api: PoliciesApi): StoreApi<PoliciesState> {
  // The list is re-read from several places at once (events, the badge, the page's poll): only
  // the newest answer counts, so a slow stale answer never brings back a decided call.
  let callsRequest = 0
  return createStore<PoliciesState>()((set, get) => {
    const load = async (): Promise<void> => {
      try {
        const [policies, roles, clients, limits] = await Promise.all([
          api.invoke('policies.list', {}),
          api.invoke('roles.list', {}),
          api.invoke('roles.clients', {}),
          api.invoke('limits.list', {}),
        ])
        set({ policies, roles, clients, limits, loaded: true, error: null })
      } catch (error) {
        set({ loaded: true, error: messageOf(error) })
      }
    }
    const loadCalls = async (): Promise<void> => {
      const request = ++callsRequest
      try {
        const pendingCalls = await api.invoke('calls.list', { status: 'pending' })
        if (request !== callsRequest) return
        set({ pendingCalls, callsLoaded: true, callsError: null })
      } catch (error) {
        if (request !== callsRequest) return
        set({ callsError: messageOf(error) })
      }
    }
    const change = changeThenReload(set, load)
    const offPending = api.on('calls.pending', () => void loadCalls())
    const offDecided = api.on('calls.decided', () => void loadCalls())
    return {
      policies: [],
      roles: [],
      clients: [],
      limits: [],
      pendingCalls: [],
      loaded: false,
      callsLoaded: false,
      callsError: null,
      error: null,
      deciding: [],
      load,
      loadCalls,
      addPolicy: (input) => change(() => api.invoke('policies.add', input)),
      removePolicy: (id) => change(() => api.invoke('policies.remove', { id })),
      addRole: (name, allow) => change(() => api.invoke('roles.add', { name, allow })),
      removeRole: (name) => change(() => api.invoke('roles.remove', { name })),
      assignRole: (client, role) => change(() => api.invoke('roles.assign', { client, role })),
      setLimit: (input) => change(() => api.invoke('limits.set', input)),
      removeLimit: (scope, target) => change(() => api.invoke('limits.remove', { scope, target })),
      decide: async (id, approve, reason) => {
        set({ deciding: [...get().deciding, id] })
        try {
          await api.invoke('calls.decide', { id, approve, ...(reason ? { reason } : {}) })
          set({ error: null, pendingCalls: get().pendingCalls.filter((c) => c.id !== id) })
          return true
        } catch (error) {
          set({ error: messageOf(error) })
          await loadCalls()
          return false
        } finally {
          set({ deciding: get().deciding.filter((d) => d !== id) })
        }
      },
      dispose: () => {
        offPending()
        offDecided()
      },
    }
  })
}
