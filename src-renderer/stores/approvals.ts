import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Approval, ApprovalStatus, Governance, RouteInput } from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import {
  type ApprovalGrouping,
  type BulkDecision,
  createBulkActions,
  listAllApprovals,
  type LowPreview,
} from './approvalsBulk'
import { messageOf, shownError, type ShownError } from './errors'

export { APPROVALS_PAGE, type ApprovalGrouping, type BulkDecision, type LowPreview } from './approvalsBulk'

/** The inbox's status filter: the pending requests (default), one other status, or every request. */
export type ApprovalFilter = ApprovalStatus | 'all'

/** A decision as the form sends it; the request id is the open one. */
export type DecisionInput = Omit<RouteInput<'approvals.decide'>, 'id'>

export interface DecisionError extends ShownError {
  /** After a CONFLICT: the pending request that replaced the open one, when there is one. */
  replacementId: string | null
}

/** Progress and outcome of "Approve all LOW-risk". */
export interface BulkOutcome {
  running: boolean
  approved: number
  failures: Array<{ skill: string; message: string }>
}

export type ApprovalsApi = Pick<ApiClient, 'invoke' | 'on'>

export interface ApprovalsState {
  /** Every pending request, newest first: the nav badge count and the bulk action read it. */
  pending: Approval[]
  /** The requests under the current filter (the same array as `pending` when filtering on pending). */
  items: Approval[]
  filter: ApprovalFilter
  listLoaded: boolean
  listError: string | null
  selectedId: string | null
  detail: Approval | null
  detailError: string | null
  deciding: boolean
  decisionError: DecisionError | null
  bulk: BulkOutcome | null
  groupBy: ApprovalGrouping
  /** Ids of the requests ticked for one decision. */
  selected: string[]
  preview: LowPreview | null
  governance: Governance | null
  governanceError: string | null
  governanceSaving: boolean

  refresh(): Promise<void>
  setFilter(filter: ApprovalFilter): void
  select(id: string | null): Promise<void>
  /** Decides the open request; resolves true when the core accepted the decision. */
  decide(input: DecisionInput): Promise<boolean>
  /** Approves every pending LOW-risk request at its requested trust, one by one. */
  approveAllLow(): Promise<void>
  dismissBulk(): void
  setGroupBy(groupBy: ApprovalGrouping): void
  /** Ticks or unticks requests. */
  setSelected(ids: readonly string[], on: boolean): void
  clearSelection(): void
  /** Approves the ticked requests with one decision, each on its own in the core. */
  approveSelected(decision: BulkDecision): Promise<void>
  /** Lists what "approve all LOW from <source>" would approve; nothing is decided yet. */
  previewLowFrom(source: string): Promise<void>
  /** Approves exactly the previewed requests. */
  confirmPreview(): Promise<void>
  cancelPreview(): void
  loadGovernance(): Promise<void>
  setGovernance(change: RouteInput<'governance.set'>): Promise<void>
  dispose(): void
}

/**
 * What "Approve all LOW-risk" may approve: LOW risk, and never as `trusted` (that needs the skill's
 * name typed on its own page). Requests naming no trust level are approved sandboxed.
 */
export function bulkApprovable(item: Approval): boolean {
  return item.status === 'pending' && item.risk === 'LOW' && item.requestedTrust !== 'trusted'
}

/** The approval inbox: pending count, list, the open request and its decision, and governance. */
export function createApprovalsStore(api: ApprovalsApi): StoreApi<ApprovalsState> {
  let listRequest = 0
  let detailRequest = 0

  return createStore<ApprovalsState>()((set, get) => {
    const refresh = async (): Promise<void> => {
      const request = ++listRequest
      const { filter } = get()
      try {
        const [pending, items] = await Promise.all([
          listAllApprovals(api, 'pending'),
          filter === 'pending' ? null : listAllApprovals(api, filter === 'all' ? undefined : filter),
        ])
        if (request !== listRequest) return
        // Ticks follow the requests still pending.
        const open = new Set(pending.map((item) => item.id))
        const selected = get().selected.filter((id) => open.has(id))
        set({ pending, items: items ?? pending, selected, listLoaded: true, listError: null })
      } catch (error) {
        if (request !== listRequest) return
        set({ listLoaded: true, listError: messageOf(error) })
      }
    }

    const loadDetail = async (id: string): Promise<void> => {
      const request = ++detailRequest
      try {
        const detail = await api.invoke('approvals.get', { id })
        if (request !== detailRequest) return
        set({ detail, detailError: null })
      } catch (error) {
        if (request !== detailRequest) return
        set({ detail: null, detailError: messageOf(error) })
      }
    }

    // A request can be created or decided elsewhere (CLI, governance, a re-index): follow along.
    const onChange = (skills: string[] | null): void => {
      void refresh()
      const { selectedId, detail } = get()
      if (selectedId && (!skills || skills.length === 0 || (detail && skills.includes(detail.skill)))) {
        void loadDetail(selectedId)
      }
    }
    const unsubscribes = [
      api.on('approvals.pending', () => onChange(null)),
      api.on('skills.changed', ({ names }) => onChange(names)),
    ]

    const decideOne = (id: string, input: DecisionInput): Promise<Approval> =>
      api.invoke('approvals.decide', { id, ...input })

    const bulkActions = createBulkActions({ api, set, get, refresh, loadDetail })

    return {
      pending: [],
      items: [],
      filter: 'pending',
      listLoaded: false,
      listError: null,
      selectedId: null,
      detail: null,
      detailError: null,
      deciding: false,
      decisionError: null,
      bulk: null,
      groupBy: 'none',
      selected: [],
      preview: null,
      governance: null,
      governanceError: null,
      governanceSaving: false,

      refresh,
      setFilter(filter) {
        set({ filter, listLoaded: false })
        void refresh()
      },
      async select(id) {
        if (id === get().selectedId && !get().detailError) return
        const { detail } = get()
        set({
          selectedId: id,
          detail: detail && detail.id === id ? detail : null,
          detailError: null,
          decisionError: null,
        })
        if (id) await loadDetail(id)
        else detailRequest++
      },
      async decide(input) {
        const open = get().detail
        if (!open) return false
        set({ deciding: true, decisionError: null })
        try {
          const decided = await decideOne(open.id, input)
          detailRequest++
          set({ deciding: false, detail: decided })
          void refresh()
          return true
        } catch (error) {
          const shown = shownError(error)
          if (shown.code !== 'CONFLICT') {
            set({ deciding: false, decisionError: { ...shown, replacementId: null } })
            return false
          }
          // Decided elsewhere, or the files changed meanwhile and the core made a new request.
          await refresh()
          const replacement = get().pending.find((item) => item.skill === open.skill && item.id !== open.id)
          set({ deciding: false, decisionError: { ...shown, replacementId: replacement?.id ?? null } })
          await loadDetail(open.id)
          return false
        }
      },
      async approveAllLow() {
        const low = get().pending.filter(bulkApprovable)
        set({ bulk: { running: true, approved: 0, failures: [] } })
        let approved = 0
        const failures: BulkOutcome['failures'] = []
        for (const item of low) {
          try {
            await decideOne(item.id, { approve: true, trust: item.requestedTrust ?? 'sandboxed' })
            approved += 1
          } catch (error) {
            failures.push({ skill: item.skill, message: messageOf(error) })
          }
          set({ bulk: { running: true, approved, failures: [...failures] } })
        }
        set({ bulk: { running: false, approved, failures } })
        await refresh()
        const { selectedId } = get()
        if (selectedId) await loadDetail(selectedId)
      },
      dismissBulk() {
        set({ bulk: null })
      },
      ...bulkActions,
      async loadGovernance() {
        try {
          set({ governance: await api.invoke('governance.get', {}), governanceError: null })
        } catch (error) {
          set({ governanceError: messageOf(error) })
        }
      },
      async setGovernance(change) {
        set({ governanceSaving: true, governanceError: null })
        try {
          set({ governance: await api.invoke('governance.set', change), governanceSaving: false })
        } catch (error) {
          set({ governanceSaving: false, governanceError: messageOf(error) })
        }
      },
      dispose() {
        for (const unsubscribe of unsubscribes) unsubscribe()
      },
    }
  })
}
