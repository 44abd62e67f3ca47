import type { Approval, RiskLevel } from '../../../src-main/contract'
import type { ApprovalGrouping } from '../../stores/approvals'

/** A line of the inbox list: a group heading or a request. */
export type InboxEntry =
  | { kind: 'group'; key: string; label: string; source: string | null; ids: string[]; count: number }
  | { kind: 'request'; approval: Approval }

/** Heights in pixels: fixed, so the list can show only what is on screen (2,000 requests stay fast). */
export const GROUP_HEIGHT = 30
export const ROW_HEIGHT = 50

const riskOrder: Array<RiskLevel | null> = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', null]

/**
 * What a bulk decision may include: a pending, scanned request that is not CRITICAL (a CRITICAL one
 * needs its own acknowledgement, so it is never ticked).
 */
export function selectable(approval: Approval): boolean {
  return approval.status === 'pending' && approval.risk !== null && approval.risk !== 'CRITICAL'
}

/** The list's lines: the requests as they come, or under one heading per source or per risk. */
export function inboxEntries(items: readonly Approval[], groupBy: ApprovalGrouping): InboxEntry[] {
  if (groupBy === 'none') return items.map((approval) => ({ kind: 'request', approval }))
  const groups = new Map<string, Approval[]>()
  for (const approval of items) {
    const key = groupBy === 'source' ? (approval.source ?? '') : (approval.risk ?? '')
    const members = groups.get(key)
    if (members) members.push(approval)
    else groups.set(key, [approval])
  }
  const keys = [...groups.keys()].sort((a, b) =>
    groupBy === 'risk'
      ? riskOrder.indexOf((a || null) as RiskLevel | null) -
        riskOrder.indexOf((b || null) as RiskLevel | null)
      : // Named sources first, alphabetically; requests from no configured source last.
        (a === '' ? 1 : 0) - (b === '' ? 1 : 0) || a.localeCompare(b),
  )
  const entries: InboxEntry[] = []
  for (const key of keys) {
    const members = groups.get(key) ?? []
    entries.push({
      kind: 'group',
      key,
      label: key || (groupBy === 'source' ? 'Not from a source' : 'Not scanned'),
      source: groupBy === 'source' && key !== '' ? key : null,
      ids: members.filter(selectable).map((approval) => approval.id),
      count: members.length,
    })
    for (const approval of members) entries.push({ kind: 'request', approval })
  }
  return entries
}

/** Top offset of each entry and the total height. */
export function entryOffsets(entries: readonly InboxEntry[]): { tops: number[]; height: number } {
  const tops: number[] = []
  let height = 0
  for (const entry of entries) {
    tops.push(height)
    height += entry.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT
  }
  return { tops, height }
}

/** Index range [start, end) of the entries that overlap the visible window, with some overscan. */
export function visibleRange(
  tops: readonly number[],
  scrollTop: number,
  viewport: number,
  overscan = 8,
): { start: number; end: number } {
  let low = 0
  let high = tops.length
  // The first entry whose top is below the window's top (binary search: tops are sorted).
  while (low < high) {
    const mid = (low + high) >> 1
    if ((tops[mid] ?? 0) < scrollTop) low = mid + 1
    else high = mid
  }
  const start = Math.max(0, low - 1 - overscan)
  let end = low
  while (end < tops.length && (tops[end] ?? 0) < scrollTop + viewport) end += 1
  return { start, end: Math.min(tops.length, end + overscan) }
}
