import type { Approval, ScanFinding, ScanReport } from '../../contract/models'
import { AppError } from '../base/appError'

/** The finding an LLM review set to fail open adds when it could not run. */
export const REVIEW_FAILED_OPEN = 'scan.review-failed-open'

/** The LOW finding that records a failed-open review on the report (and so on the request). */
export function reviewFailedOpen(reason: string): ScanFinding {
  return {
    rule: REVIEW_FAILED_OPEN,
    severity: 'LOW',
    file: '.',
    line: null,
    message: `The AI review could not run (${reason}). It is set to fail open, so this skill was judged on the static scan alone; review it yourself before approving.`,
    evidence: reason.slice(0, 300),
  }
}

/** Why the review failed open for this report, or null when it ran (or was off). */
export function reviewFailureOf(report: ScanReport): string | null {
  return report.findings.find((f) => f.rule === REVIEW_FAILED_OPEN)?.evidence ?? null
}

/** The decision recorded when locked governance refuses a request outright (no person decides it). */
export function governanceRefusal(reason: string) {
  return {
    status: 'rejected',
    trust: null,
    allowedClients: null,
    rateLimitPerMinute: null,
    notes: reason,
    decidedBy: 'governance:locked',
  } as const
}

/**
 * A CRITICAL request is approved only with an explicit acknowledgement, so that approving the most
 * dangerous skills is never one click or one command away.
 */
export function requireCriticalAcknowledgement(approval: Approval, acknowledged: boolean | undefined): void {
  if (approval.risk !== 'CRITICAL' || acknowledged === true) return
  throw new AppError(
    'INVALID_INPUT',
    `${approval.skill} has CRITICAL findings. Read them (\`skilldock approvals --id ${approval.id.slice(0, 8)}\`); to approve it anyway, acknowledge the risk explicitly (acknowledgeCritical, or --acknowledge-critical on the command line).`,
    { risk: 'CRITICAL', requires: 'acknowledgeCritical' },
  )
}

/** A rejection says why, for the audit log and for whoever asked for the skill. */
export function requireRejectionReason(notes: string | null | undefined): string {
  const reason = notes?.trim() ?? ''
  if (reason.length === 0) {
    throw new AppError(
      'INVALID_INPUT',
      'Say why the request is rejected (notes; --reason on the command line). It is kept in the audit log.',
    )
  }
  return reason
}
