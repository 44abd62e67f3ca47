import type {
  ApprovalKind,
  ApprovalStatus,
  GovernanceMode,
  RiskLevel,
  ScanFinding,
  TrustLevel,
} from '../../../src-main/contract'
import type { BadgeTone } from '../../components/Badge'
import type { ApprovalFilter } from '../../stores/approvals'

/** Most severe first: the order findings are grouped in. */
export const severityOrder: readonly RiskLevel[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']

export interface FindingGroup {
  severity: RiskLevel
  findings: ScanFinding[]
}

/** Findings grouped by severity, CRITICAL first; within a group by file then line. Empty groups are left out. */
export function groupFindings(findings: readonly ScanFinding[]): FindingGroup[] {
  return severityOrder
    .map((severity) => ({
      severity,
      findings: findings
        .filter((finding) => finding.severity === severity)
        .sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0)),
    }))
    .filter((group) => group.findings.length > 0)
}

/** `scripts/run.py:12`, or the file alone when the line is unknown. */
export function findingLocation(finding: ScanFinding): string {
  return finding.line === null ? finding.file : `${finding.file}:${finding.line}`
}

export const kindLabels: Record<ApprovalKind, string> = {
  import: 'New skill',
  update: 'Update',
  generated: 'Generated',
  'external-edit': 'Edited on disk',
  'tools-changed': 'Tools changed',
  enable: 'Enable',
}

export const statusTones: Record<ApprovalStatus, BadgeTone> = {
  pending: 'warn',
  approved: 'ok',
  rejected: 'danger',
  superseded: 'neutral',
}

export const filterOptions: ReadonlyArray<{ value: ApprovalFilter; label: string }> = [
  { value: 'pending', label: 'Pending' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'superseded', label: 'Superseded' },
  { value: 'all', label: 'All' },
]

export const trustLevels: readonly TrustLevel[] = ['trusted', 'monitored', 'sandboxed', 'restricted']

/** What each trust level means for the person choosing it. */
export const trustDescriptions: Record<TrustLevel, string> = {
  trusted: 'Runs with your permissions, like any program you install.',
  monitored: 'Runs with your permissions; every call is written to the audit log.',
  sandboxed: 'Runs in an OS sandbox: no network except declared domains, writes only to its own folder.',
  restricted: 'Sandboxed, rate-limited, and callable only by the clients you list.',
}

export const RESTRICTED_RULE = 'A restricted skill needs at least one allowed client.'

export const governanceModes: ReadonlyArray<{ value: GovernanceMode; label: string; explanation: string }> = [
  {
    value: 'semi_auto',
    label: 'Semi-automatic',
    explanation: 'A person approves everything new or changed before it can run.',
  },
  {
    value: 'full_auto',
    label: 'Automatic for low risk',
    explanation:
      'LOW-risk skills are approved automatically at sandboxed trust; everything else waits for a person.',
  },
  {
    value: 'locked',
    label: 'Locked',
    explanation: 'Nothing new activates without a person, and the skill generator is off.',
  },
]

export const CRITICAL_RULE = 'In every mode, a skill with CRITICAL findings always waits for a person.'
