import { Settings2 } from 'lucide-react'
import { useEffect } from 'react'
import { routeHref } from '../../router'
import type { ApprovalFilter, ApprovalGrouping } from '../../stores/approvals'
import { useAppStore } from '../../stores/context'
import { ApprovalDetail } from './ApprovalDetail'
import { ApprovalList } from './ApprovalList'
import { BulkApproveLow } from './BulkApproveLow'
import { BulkDecisionBar, LowFromSourcePreview } from './BulkDecisionBar'
import { GovernancePanel } from './GovernancePanel'
import { filterOptions } from './presentation'
import { PendingCalls } from '../policies/PendingCalls'

/** The approval inbox: requests on the left; the open request, or governance, on the right. */
export function ApprovalsPage({ approvalId }: { approvalId: string | null }) {
  const refresh = useAppStore('approvals', (state) => state.refresh)
  const select = useAppStore('approvals', (state) => state.select)
  const filter = useAppStore('approvals', (state) => state.filter)
  const setFilter = useAppStore('approvals', (state) => state.setFilter)
  const pendingCount = useAppStore('approvals', (state) => state.pending.length)
  const groupBy = useAppStore('approvals', (state) => state.groupBy)
  const setGroupBy = useAppStore('approvals', (state) => state.setGroupBy)

  useEffect(() => {
    void refresh()
  }, [refresh])

  // The route is the source of truth for the open request.
  useEffect(() => {
    void select(approvalId)
  }, [select, approvalId])

  return (
    <div className="flex h-full">
      <div className="flex w-[340px] shrink-0 flex-col border-r border-line bg-panel">
        <div className="flex flex-col gap-1.5 border-b border-line p-2">
          {/* Wraps rather than overflows: at 340 px the Governance link used to sit under the detail pane. */}
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
            <label className="flex items-center gap-1.5 text-muted">
              Show
              <select
                value={filter}
                onChange={(event) => setFilter(event.target.value as ApprovalFilter)}
                className="h-6 rounded border border-line bg-surface px-1 text-fg"
              >
                {filterOptions.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center gap-1.5 text-muted">
              Group
              <select
                value={groupBy}
                data-testid="approval-group-by"
                onChange={(event) => setGroupBy(event.target.value as ApprovalGrouping)}
                className="h-6 rounded border border-line bg-surface px-1 text-fg"
              >
                <option value="none">none</option>
                <option value="source">by source</option>
                <option value="risk">by risk</option>
              </select>
            </label>
            <span className="whitespace-nowrap text-muted" aria-live="polite">
              {pendingCount} pending
            </span>
            <a
              href={routeHref('approvals')}
              className="ml-auto inline-flex items-center gap-1 rounded px-1.5 py-0.5 whitespace-nowrap text-muted hover:bg-fg/8 hover:text-fg"
            >
              <Settings2 size={13} aria-hidden />
              Governance
            </a>
          </div>
          <BulkApproveLow />
          <LowFromSourcePreview />
          <BulkDecisionBar />
        </div>
        <PendingCalls />
        <ApprovalList />
      </div>
      <div className="min-w-0 flex-1 overflow-y-auto bg-surface">
        {approvalId ? <ApprovalDetail /> : <GovernancePanel />}
      </div>
    </div>
  )
}
