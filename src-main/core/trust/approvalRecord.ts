import { randomUUID } from 'node:crypto'
import type { Approval, SkillState, TrustLevel } from '../../contract/models'
import { AppError } from '../base/appError'
import { isoNow } from '../base/clock'
import type { Assessment, InboxDeps } from './approvalInbox'
import { governanceRefusal, reviewFailureOf } from './decisionChecks'

/**
 * Records an assessment for a skill already in the catalog (same transaction as the caller's file
 * changes when the caller wraps it): the approval request, the state, the risk, and for an automatic
 * approval the pin. Returns the resulting state and the request.
 */
export function recordAssessment(
  deps: InboxDeps,
  {
    skill,
    assessment,
    requester,
    reason,
  }: { skill: string; assessment: Assessment; requester: string; reason: string | null },
): { state: SkillState; approval: Approval } {
  const now = isoNow(deps.clock)
  const record = deps.skills.findSummary(skill)
  if (!record) throw new AppError('NOT_FOUND', `No skill named "${skill}".`)
  const pins = deps.skills.pins(skill)
  const { decision, report } = assessment
  const reviewFailure = reviewFailureOf(report)
  const approval = deps.approvals.create(
    {
      id: randomUUID(),
      skill,
      kind: assessment.kind,
      requester,
      reason: reason ?? decision.reason,
      fingerprint: report.fingerprint,
      risk: report.risk,
      findings: report.findings,
      requestedTrust: decision.trust,
      diff: pins?.commit ? deps.git.diffSince(pins.commit, skill) : null,
      skillPath: record.path,
      details: {
        storedCredentials: assessment.storedCredentials,
        reviewFailure,
        warnings: assessment.warnings,
      },
    },
    now,
  )
  deps.skills.setRisk(skill, report.risk, now)
  if (reviewFailure !== null) {
    deps.audit.append(
      {
        actor: 'system',
        action: 'scan.review-failed-open',
        skillName: skill,
        outcome: 'failed-open',
        detail: { reason: reviewFailure },
      },
      now,
    )
  }
  if (decision.outcome === 'approve' && report.fingerprint) {
    const decided = deps.approvals.decide(
      approval.id,
      {
        status: 'approved',
        trust: decision.trust,
        allowedClients: null,
        rateLimitPerMinute: null,
        notes: decision.reason,
        decidedBy: `governance:${deps.governance.get().mode}`,
      },
      now,
    )
    if (record.origin === 'draft') deps.installDraft?.(skill, record.path)
    pinSkill(deps, skill, report.fingerprint, null, decision.trust, null, null, now)
    deps.audit.append(
      { actor: 'governance', action: 'approval.auto', skillName: skill, outcome: 'approved' },
      now,
    )
    deps.events.emit('skills.changed', { names: [skill] })
    return { state: 'active', approval: decided }
  }
  const state: SkillState =
    decision.outcome === 'refuse'
      ? 'rejected'
      : assessment.kind === 'import' || assessment.kind === 'generated' || assessment.kind === 'enable'
        ? 'pending'
        : 'changed'
  if (decision.outcome === 'refuse') {
    deps.approvals.decide(approval.id, governanceRefusal(decision.reason), now)
  }
  deps.skills.setState(skill, state, now)
  deps.audit.append(
    { actor: requester, action: `approval.${assessment.kind}`, skillName: skill, outcome: state },
    now,
  )
  if (decision.outcome === 'request') {
    deps.events.emit('approvals.pending', {
      id: approval.id,
      skill,
      risk: report.risk,
      kind: assessment.kind,
    })
  }
  deps.events.emit('skills.changed', { names: [skill] })
  return { state, approval: deps.approvals.get(approval.id)! }
}

export function pinSkill(
  deps: Pick<InboxDeps, 'skills' | 'git'>,
  skill: string,
  fingerprint: string,
  hash: string | null,
  trust: TrustLevel,
  allowedClients: string[] | null,
  rateLimitPerMinute: number | null,
  now: string,
  commit: string | null = deps.git.head(),
): void {
  deps.skills.approve(
    skill,
    { fingerprint, toolsHash: hash, trust, allowedClients, rateLimitPerMinute, state: 'active', commit },
    now,
  )
}
