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

/** What each audit action means, in words (the code stays available as a tooltip). */
const actionLabels: Record<string, string> = {
  'tool.call': 'Tool called',
  'call.held': 'Call held for a decision',
  deny: 'Call denied',
  'composite.run': 'Composite skill ran',
  'schedule.add': 'Schedule added',
  'schedule.fire': 'Scheduled run',
  'skill.add': 'Skill added',
  'skill.update': 'Skill updated',
  'skill.remove': 'Skill removed',
  'skill.enable': 'Skill enabled',
  'skill.disable': 'Skill disabled',
  'skill.promote': 'Promoted to the library',
  'skill.deprecate': 'Marked deprecated',
  'skill.undeprecate': 'No longer deprecated',
  'approval.import': 'Imported for approval',
  'approval.update': 'Update sent for approval',
  'approval.generated': 'Generated, sent for approval',
  'approval.external-edit': 'Edited on disk, sent for approval',
  'approval.tools-changed': 'Tools changed, sent for approval',
  'approval.enable': 'Enabling requested',
  'approval.approve': 'Approved',
  'approval.reject': 'Rejected',
  'approval.withdraw': 'Request closed: skill removed',
  'approval.auto': 'Approved automatically',
  'pin.tools-changed': 'Served tools changed',
  'scan.review-failed-open': 'LLM review failed; judged on the scan alone',
  'governance.set': 'Governance changed',
  'client.add': 'MCP client added',
  'client.remove': 'MCP client removed',
  'client.role': 'MCP client role changed',
  'client.rotate': 'MCP client token rotated',
  'webhook.add': 'Webhook added',
  'webhook.remove': 'Webhook removed',
  'webhook.call': 'Webhook called',
  'webhook.refused': 'Webhook refused',
}

/** `approval.import` → "Imported for approval"; an unknown code → "Source: sync" rather than the raw code. */
export function actionLabel(action: string): string {
  const known = actionLabels[action]
  if (known) return known
  const [family = '', ...rest] = action.split('.')
  const words = (text: string): string => text.replace(/[-_]+/g, ' ').trim()
  const head = words(family)
  const label = rest.length > 0 ? `${head}: ${words(rest.join(' '))}` : head
  return label.charAt(0).toUpperCase() + label.slice(1)
}

/** `rate_limited` → "rate limited". */
export function outcomeLabel(outcome: string): string {
  return outcome.replace(/[-_]+/g, ' ')
}
