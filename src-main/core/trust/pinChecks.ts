import type { ToolInfo } from '../../contract/models'
import { isoNow } from '../base/clock'
import type { ApprovalInbox, InboxDeps } from './approvalInbox'
import { toolsHash } from './toolsHash'

/* The pin checks of approved skills: files on disk and tools served, each compared with what was approved. */

/**
 * After a re-index: an approved skill whose files differ from the pin is `changed` (the indexer
 * holds it), its server stops, and a new request shows the diff. Also mends what an earlier
 * process left half done (held, but died before it filed the request): every pin mismatch in
 * the database is looked at, not only `names`.
 */
export async function checkContent(
  deps: InboxDeps,
  inbox: Pick<ApprovalInbox, 'request'>,
  names: string[],
): Promise<void> {
  const candidates = new Set([...names, ...deps.skills.pinMismatches()])
  for (const name of candidates) {
    const record = deps.skills.findSummary(name)
    const pins = deps.skills.pins(name)
    if (!record || !pins?.approvedFingerprint || record.origin === 'builtin') continue
    if (record.fingerprint === pins.approvedFingerprint) continue
    deps.skills.holdChangedPin(record.id, isoNow(deps.clock))
    // This content already has its request (waiting, or refused by a person): no second one.
    const latest = deps.approvals.latestFor(name)
    if (
      latest?.fingerprint === record.fingerprint &&
      (latest.status === 'pending' || latest.status === 'rejected')
    )
      continue
    await deps.stopServer(name)
    await inbox.request(name, 'external-edit', 'system', 'the files changed since they were approved')
  }
}

/**
 * At every handshake: the served tools must hash to the pin. Returns false (and moves the skill
 * to `changed` with a new request) when they differ; pins them at the first start after approval.
 */
export function checkServedTools(
  deps: InboxDeps,
  inbox: Pick<ApprovalInbox, 'request'>,
  name: string,
  tools: ToolInfo[],
): boolean {
  const pins = deps.skills.pins(name)
  const record = deps.skills.findSummary(name)
  if (!pins?.approvedFingerprint || !record || record.origin === 'builtin') return true
  const hash = toolsHash(tools)
  if (pins.toolsHash === null) {
    deps.skills.setToolsHash(name, hash)
    return true
  }
  if (pins.toolsHash === hash) return true
  const now = isoNow(deps.clock)
  deps.skills.setState(name, 'changed', now)
  deps.audit.append(
    { actor: 'system', action: 'pin.tools-changed', skillName: name, outcome: 'changed' },
    now,
  )
  deps.events.emit('skills.changed', { names: [name] })
  void inbox
    .request(name, 'tools-changed', 'system', 'the tools the server offers changed since approval')
    .catch(() => undefined)
  return false
}
