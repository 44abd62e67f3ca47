import type { ActivityEntry } from '../../../src-main/contract'
import type { BadgeTone } from '../../components/Badge'

/** The tone of an outcome badge: ok green, failures red, refusals amber, the rest neutral. */
export function outcomeTone(outcome: string | null): BadgeTone {
  if (outcome === null) return 'neutral'
  if (['ok', 'approved', 'active', 'trusted'].includes(outcome)) return 'ok'
  if (['error', 'timeout', 'crashed', 'failed'].includes(outcome)) return 'danger'
  if (['denied', 'rejected', 'rate_limited', 'cancelled', 'changed', 'pending'].includes(outcome))
    return 'warn'
  return 'neutral'
}

/** The action families offered by the filter (the core matches a trailing `.` as a prefix). */
export const actionChoices: ReadonlyArray<{ value: string; label: string }> = [
  { value: '', label: 'Any action' },
  { value: 'tool.call', label: 'Tool calls' },
  { value: 'skill.', label: 'Skill changes' },
  { value: 'approval.', label: 'Approvals' },
  { value: 'source.', label: 'Sources' },
  { value: 'client.', label: 'MCP clients' },
  { value: 'governance.', label: 'Governance' },
]

/** A one-line summary of an entry's detail: the tool and its duration for calls, else its short fields. */
export function describeDetail(entry: ActivityEntry): string {
  const { detail } = entry
  const parts: string[] = []
  if (typeof detail.tool === 'string') parts.push(detail.tool)
  if (typeof detail.durationMs === 'number' && entry.action === 'tool.call') {
    parts.push(`${Math.round(detail.durationMs)} ms`)
  }
  for (const [key, value] of Object.entries(detail)) {
    if (['tool', 'durationMs', 'argumentBytes'].includes(key)) continue
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      parts.push(`${key}: ${String(value)}`)
    }
  }
  const text = parts.join(' · ')
  return text.length > 160 ? `${text.slice(0, 157)}…` : text
}
