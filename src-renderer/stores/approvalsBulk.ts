import type { StoreApi } from 'zustand/vanilla'
import type { Approval, ApprovalStatus, BulkApproval, RouteInput } from '../../src-main/contract'
import type { ApprovalsApi, ApprovalsState } from './approvals'
import { messageOf } from './errors'

/** How the inbox groups its requests. */
export type ApprovalGrouping = 'none' | 'source' | 'risk'

/** One decision for the selected requests (never `trusted`: that needs the name typed, one by one). */
export type BulkDecision = Pick<RouteInput<'approvals.approveMany'>, 'trust' | 'allowedClients' | 'notes'>

/** "Approve all LOW from <source>": the list shown before anything is approved. */
export interface LowPreview {
  source: string
  loading: boolean
  items: BulkApproval['items']
  error: string | null
}

/** Requests per page when the inbox loads: each answer stays small however long the inbox is. */
export const APPROVALS_PAGE = 500

/** Every request of a status, page by page (keyset paging in the core). */
export async function listAllApprovals(
  api: ApprovalsApi,
  status: ApprovalStatus | undefined,
): Promise<Approval[]> {
  const all: Approval[] = []
  for (;;) {
    const cursor = all.at(-1)?.id
    const page = await api.invoke('approvals.list', {
      ...(status ? { status } : {}),
      limit: APPROVALS_PAGE,
      ...(cursor ? { cursor } : {}),
    })
    all.push(...page)
    if (page.length < APPROVALS_PAGE || page.at(-1)?.id === cursor) return all
  }
}

type BulkActionNames =
  | 'setGroupBy'
  | 'setSelected'
  | 'clearSelection'
  | 'approveSelected'
  | 'previewLowFrom'
  | 'confirmPreview'
  | 'cancelPreview'

/** The inbox's many-at-once actions: grouping, ticks, one decision for the ticked, LOW-from-source. */
export function createBulkActions(deps: {
  api: ApprovalsApi
  set: StoreApi<ApprovalsState>['setState']
  get: StoreApi<ApprovalsState>['getState']
  refresh: () => Promise<void>
  loadDetail: (id: string) => Promise<void>
}): Pick<ApprovalsState, BulkActionNames> {
  const { api, set, get, refresh, loadDetail } = deps
  /** One bulk call; its outcome (approved, and why others were not) shows like "Approve all LOW". */
  const runBulk = async (input: RouteInput<'approvals.approveMany'>): Promise<void> => {
    set({ bulk: { running: true, approved: 0, failures: [] } })
    try {
      const result = await api.invoke('approvals.approveMany', input)
      const approved = result.items.filter((item) => item.outcome === 'approved').length
      const failures = result.items
        .filter((item) => item.outcome === 'failed' || item.outcome === 'skipped')
        .map((item) => ({ skill: item.skill, message: item.reason ?? item.outcome }))
      set({ bulk: { running: false, approved, failures } })
    } catch (error) {
      set({
        bulk: {
          running: false,
          approved: 0,
          failures: [{ skill: 'bulk approval', message: messageOf(error) }],
        },
      })
    }
    await refresh()
    const { selectedId } = get()
    if (selectedId) await loadDetail(selectedId)
  }

  return {
    setGroupBy(groupBy) {
      set({ groupBy })
    },
    setSelected(ids, on) {
      const selected = new Set(get().selected)
      for (const id of ids) {
        if (on) selected.add(id)
        else selected.delete(id)
      }
      set({ selected: [...selected] })
    },
    clearSelection() {
      set({ selected: [] })
    },
    async approveSelected(decision) {
      const ids = get().selected
      if (ids.length === 0) return
      await runBulk({ ids, ...decision })
      set({ selected: [] })
    },
    async previewLowFrom(source) {
      set({ preview: { source, loading: true, items: [], error: null } })
      try {
        const result = await api.invoke('approvals.approveMany', { source, maxRisk: 'LOW', dryRun: true })
        if (get().preview?.source !== source) return
        set({ preview: { source, loading: false, items: result.items, error: null } })
      } catch (error) {
        set({ preview: { source, loading: false, items: [], error: messageOf(error) } })
      }
    },
    async confirmPreview() {
      const preview = get().preview
      if (!preview) return
      const ids = preview.items.filter((item) => item.outcome === 'would-approve').map((item) => item.id)
      set({ preview: null })
      // Exactly the listed requests, still only up to LOW: what was shown is what is approved.
      if (ids.length > 0) await runBulk({ ids, maxRisk: 'LOW' })
    },
    cancelPreview() {
      set({ preview: null })
    },
  }
}
