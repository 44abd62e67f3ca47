import type { Approval } from '../../../src-main/contract'
import { type KeyboardEvent, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { ErrorBox } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { useAppStore } from '../../stores/context'
import { ApprovalRow } from './ApprovalRow'
import {
  entryOffsets,
  GROUP_HEIGHT,
  type InboxEntry,
  inboxEntries,
  ROW_HEIGHT,
  selectable,
  visibleRange,
} from './approvalGroups'
import { filterOptions } from './presentation'

/** Used until the list has been measured (and where layout gives no height, as in tests). */
const FALLBACK_VIEWPORT = 1200

/**
 * The requests under the current filter: skeleton, error, empty state or rows (↑/↓ move between them).
 * Only the rows on screen are rendered, so a 2,000-request inbox scrolls as fast as a short one.
 */
export function ApprovalList() {
  const items = useAppStore('approvals', (state) => state.items)
  const loaded = useAppStore('approvals', (state) => state.listLoaded)
  const error = useAppStore('approvals', (state) => state.listError)
  const filter = useAppStore('approvals', (state) => state.filter)
  const refresh = useAppStore('approvals', (state) => state.refresh)
  const groupBy = useAppStore('approvals', (state) => state.groupBy)
  const entries = useMemo(() => inboxEntries(items, groupBy), [items, groupBy])

  if (!loaded) return <SkeletonLines count={5} label="Loading requests" />

  const filterLabel = filterOptions.find((option) => option.value === filter)?.label.toLowerCase() ?? filter
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <ErrorBox error={error} className="p-2" onRetry={() => void refresh()} />
      {items.length === 0 && !error ? (
        <p className="p-4 text-center text-muted" data-testid="approvals-empty">
          {filter === 'pending'
            ? 'Nothing waits for a decision.'
            : filter === 'all'
              ? 'No requests yet.'
              : `No ${filterLabel} requests.`}
        </p>
      ) : (
        <VirtualEntries entries={entries} />
      )}
    </div>
  )
}

function VirtualEntries({ entries }: { entries: InboxEntry[] }) {
  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT)
  const { tops, height } = useMemo(() => entryOffsets(entries), [entries])
  const { start, end } = visibleRange(tops, scrollTop, viewport)

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    const measure = (): void => setViewport(element.clientHeight || FALLBACK_VIEWPORT)
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  return (
    <div
      ref={scroller}
      className="min-h-0 flex-1 overflow-y-auto"
      data-testid="approval-scroller"
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <ul aria-label="Approval requests" className="relative" style={{ height }} onKeyDown={moveFocus}>
        {entries.slice(start, end).map((entry, offset) => {
          const top = tops[start + offset] ?? 0
          return entry.kind === 'group' ? (
            <li
              key={`group:${entry.key}`}
              className="absolute inset-x-0"
              style={{ top, height: GROUP_HEIGHT }}
            >
              <GroupHeading entry={entry} />
            </li>
          ) : (
            <li
              key={entry.approval.id}
              className="absolute inset-x-0 flex"
              style={{ top, height: ROW_HEIGHT }}
            >
              <RequestLine approval={entry.approval} />
            </li>
          )
        })}
      </ul>
    </div>
  )
}

function RequestLine({ approval }: { approval: Approval }) {
  const selectedId = useAppStore('approvals', (state) => state.selectedId)
  const ticked = useAppStore('approvals', (state) => state.selected.includes(approval.id))
  const setSelected = useAppStore('approvals', (state) => state.setSelected)
  const canTick = selectable(approval)
  return (
    <>
      {approval.status === 'pending' && (
        <label
          className="flex w-7 shrink-0 items-center justify-center border-b border-line"
          title={canTick ? undefined : 'CRITICAL or unscanned: decide it on its own page'}
        >
          <input
            type="checkbox"
            data-testid="approval-select"
            aria-label={`Select ${approval.skill}`}
            checked={ticked}
            disabled={!canTick}
            onChange={(event) => setSelected([approval.id], event.target.checked)}
          />
        </label>
      )}
      <div className="min-w-0 flex-1">
        <ApprovalRow approval={approval} selected={approval.id === selectedId} />
      </div>
    </>
  )
}

function GroupHeading({ entry }: { entry: InboxEntry & { kind: 'group' } }) {
  const allTicked = useAppStore(
    'approvals',
    (state) => entry.ids.length > 0 && entry.ids.every((id) => state.selected.includes(id)),
  )
  const setSelected = useAppStore('approvals', (state) => state.setSelected)
  const previewLowFrom = useAppStore('approvals', (state) => state.previewLowFrom)
  const filter = useAppStore('approvals', (state) => state.filter)
  return (
    <div
      className="flex h-full items-center gap-1.5 border-b border-line bg-fg/4 px-2 text-sm"
      data-testid="approval-group"
      data-group={entry.key}
    >
      <input
        type="checkbox"
        data-testid="approval-group-select"
        aria-label={`Select every request of ${entry.label} that can be approved together`}
        checked={allTicked}
        disabled={entry.ids.length === 0}
        onChange={(event) => setSelected(entry.ids, event.target.checked)}
      />
      <span className="truncate font-medium">{entry.label}</span>
      <span className="text-muted tabular-nums">{entry.count}</span>
      {entry.source !== null && filter === 'pending' && (
        <button
          type="button"
          data-testid="approve-low-from-source"
          className="ml-auto shrink-0 text-accent hover:underline"
          onClick={() => void previewLowFrom(entry.source!)}
        >
          Approve all LOW…
        </button>
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
  // Keep the focused row in view, so the rows after it get rendered as focus moves on.
  next.scrollIntoView?.({ block: 'nearest' })
}
