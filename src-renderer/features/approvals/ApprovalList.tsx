import type { KeyboardEvent } from 'react'
import { InlineError } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { useApprovalsStore } from '../../stores/context'
import { ApprovalRow } from './ApprovalRow'
import { filterOptions } from './presentation'

/** The requests under the current filter: skeleton, error, empty state or rows (↑/↓ move between them). */
export function ApprovalList() {
  const items = useApprovalsStore((state) => state.items)
  const loaded = useApprovalsStore((state) => state.listLoaded)
  const error = useApprovalsStore((state) => state.listError)
  const filter = useApprovalsStore((state) => state.filter)
  const selectedId = useApprovalsStore((state) => state.selectedId)
  const refresh = useApprovalsStore((state) => state.refresh)

  if (!loaded) return <SkeletonLines count={5} label="Loading requests" />

  const filterLabel = filterOptions.find((option) => option.value === filter)?.label.toLowerCase() ?? filter
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {error && (
        <div className="p-2">
          <InlineError
            action={
              <button type="button" className="shrink-0 underline" onClick={() => void refresh()}>
                Retry
              </button>
            }
          >
            {error}
          </InlineError>
        </div>
      )}
      {items.length === 0 && !error ? (
        <p className="p-4 text-center text-muted" data-testid="approvals-empty">
          {filter === 'pending'
            ? 'Nothing waits for a decision.'
            : filter === 'all'
              ? 'No requests yet.'
              : `No ${filterLabel} requests.`}
        </p>
      ) : (
        <ul aria-label="Approval requests" className="min-h-0 flex-1 overflow-y-auto" onKeyDown={moveFocus}>
          {items.map((approval) => (
            <li key={approval.id}>
              <ApprovalRow approval={approval} selected={approval.id === selectedId} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function moveFocus(event: KeyboardEvent<HTMLUListElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
  const links = Array.from(event.currentTarget.querySelectorAll<HTMLAnchorElement>('a'))
  const index = links.findIndex((link) => link === document.activeElement)
  const next = links[index === -1 ? 0 : index + (event.key === 'ArrowDown' ? 1 : -1)]
  if (!next) return
  event.preventDefault()
  next.focus()
}
