import { TriangleAlert } from 'lucide-react'
import type { SkillDetail } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { Fact, Facts, MonoCopy } from '../../components/Facts'
import { RiskBadge } from '../../components/RiskBadge'
import { Section } from '../../components/Section'
import { formatDateTime } from '../../components/time'
import { routeHref } from '../../router'
import { useAppStore } from '../../stores/context'
import { kindLabels, statusTones } from '../approvals/presentation'

/** The risk line when there is no scan: bundled skills ship with SkillDock and are not scanned. */
const notScanned = (skill: Pick<SkillDetail, 'origin'>): string =>
  skill.origin === 'builtin' ? 'not scanned (bundled with SkillDock)' : 'not scanned'

/** The content differs from what a person approved (or the core already says so). */
export function changedSinceApproval(detail: SkillDetail): boolean {
  if (detail.state === 'changed') return true
  return detail.pinnedFingerprint !== null && detail.fingerprint !== detail.pinnedFingerprint
}

/** Trust, risk, current vs approved fingerprint, the latest approval request or decision, and the history. */
export function SkillTrust({ detail }: { detail: SkillDetail }) {
  const changed = changedSinceApproval(detail)
  const { approval } = detail
  return (
    <Section title="Trust and approval">
      {changed && (
        <div
          data-testid="changed-since-approval"
          className="mb-2 flex items-start gap-2 rounded border border-warn/30 bg-warn/8 px-3 py-2 text-sm"
        >
          <TriangleAlert size={14} className="mt-0.5 shrink-0 text-warn" aria-hidden />
          <span>
            <span className="font-medium text-warn">Changed since approval. </span>
            The files or tools differ from what was approved, so the skill is held back until a person
            approves the change.
          </span>
        </div>
      )}
      <Facts>
        <Fact label="Trust">
          <span data-testid="skill-runs">{detail.runsAs}</span>
        </Fact>
        <Fact label="Risk">{detail.risk ? <RiskBadge risk={detail.risk} /> : notScanned(detail)}</Fact>
        <Fact label="Fingerprint">
          {detail.fingerprint ? <MonoCopy text={detail.fingerprint} copyLabel="Copy fingerprint" /> : '—'}
        </Fact>
        <Fact label="Approved">
          {detail.pinnedFingerprint ? (
            <span data-testid="pinned-fingerprint" className={changed ? 'text-warn' : undefined}>
              <MonoCopy text={detail.pinnedFingerprint} copyLabel="Copy approved fingerprint" />
            </span>
          ) : (
            <span className="text-muted">never approved</span>
          )}
        </Fact>
        {approval && (
          <Fact label="Latest request">
            <span data-testid="skill-approval" className="flex flex-col gap-0.5">
              <span className="flex flex-wrap items-center gap-1.5">
                <Badge tone={statusTones[approval.status]}>{approval.status}</Badge>
                {approval.decidedBy && <span>by {approval.decidedBy}</span>}
                {approval.trust && <span className="text-muted">as {approval.trust}</span>}
                {approval.decidedAt && (
                  <span className="text-muted">{formatDateTime(approval.decidedAt)}</span>
                )}
                <a href={routeHref('approvals', approval.id)} className="text-accent underline">
                  {approval.status === 'pending' ? 'Review the request' : 'Open the request'}
                </a>
              </span>
              {approval.notes && <span className="whitespace-pre-wrap text-muted">{approval.notes}</span>}
            </span>
          </Fact>
        )}
      </Facts>
      <ApprovalHistory />
    </Section>
  )
}

/** Every request and decision for the open skill, newest first, each linking to its page in the inbox. */
function ApprovalHistory() {
  const history = useAppStore('skills', (state) => state.history)
  const error = useAppStore('skills', (state) => state.historyError)
  if (error) return <p className="mt-2 text-sm text-muted">Approval history unavailable: {error}</p>
  if (!history || history.length === 0) return null
  return (
    <div className="mt-2">
      <h4 className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">Approval history</h4>
      <ol className="flex flex-col text-sm" data-testid="skill-approval-history">
        {history.map((approval) => (
          <li
            key={approval.id}
            data-testid="skill-approval-history-item"
            className="flex flex-wrap items-center gap-1.5 border-b border-line py-1 last:border-0"
          >
            <span className="text-muted tabular-nums">
              {formatDateTime(approval.decidedAt ?? approval.createdAt)}
            </span>
            <Badge tone={statusTones[approval.status]}>{approval.status}</Badge>
            <span>{kindLabels[approval.kind]}</span>
            {approval.risk && <RiskBadge risk={approval.risk} />}
            <span className="text-muted">
              asked by {approval.requester}
              {approval.decidedBy ? `, decided by ${approval.decidedBy}` : ''}
              {approval.trust ? ` as ${approval.trust}` : ''}
            </span>
            <a href={routeHref('approvals', approval.id)} className="ml-auto text-accent underline">
              Open
            </a>
          </li>
        ))}
      </ol>
    </div>
  )
}
