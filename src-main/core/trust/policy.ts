import type { ApprovalKind, GovernanceMode, RiskLevel, SkillState, TrustLevel } from '../../contract/models'

/** What governance does with a new or changed skill. */
export interface PolicyDecision {
  /** `approve`: active at once; `request`: a person decides; `refuse`: not allowed at all in this mode. */
  outcome: 'approve' | 'request' | 'refuse'
  state: SkillState
  trust: TrustLevel
  reason: string
}

/**
 * The governance rules of the trust issue:
 * - semi_auto: everything new, updated, generated or externally changed waits for a person;
 * - full_auto: LOW-risk skills are approved at `sandboxed` trust, the rest wait;
 * - locked: nothing activates without a person, and generated drafts are refused;
 * - CRITICAL findings always need a person, in every mode.
 */
export function decide(mode: GovernanceMode, risk: RiskLevel, kind: ApprovalKind): PolicyDecision {
  const wait = (reason: string): PolicyDecision => ({
    outcome: 'request',
    state: 'pending',
    trust: 'sandboxed',
    reason,
  })
  if (mode === 'locked' && kind === 'generated') {
    return {
      outcome: 'refuse',
      state: 'rejected',
      trust: 'sandboxed',
      reason: 'governance is locked: self-generated skills are refused',
    }
  }
  if (risk === 'CRITICAL') return wait('the scan found CRITICAL problems: a person must decide')
  if (mode === 'full_auto' && risk === 'LOW') {
    return {
      outcome: 'approve',
      state: 'active',
      trust: 'sandboxed',
      reason: 'approved automatically (full_auto, LOW risk)',
    }
  }
  if (mode === 'full_auto') return wait(`${risk} risk needs a person even in full_auto`)
  return wait(
    mode === 'locked'
      ? 'governance is locked: only a person can activate skills'
      : 'semi_auto: a person approves every new or changed skill',
  )
}
