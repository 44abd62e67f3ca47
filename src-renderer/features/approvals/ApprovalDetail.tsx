import { useEffect } from 'react'
import type { Approval } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { Fact, Facts } from '../../components/Facts'
import { InlineError } from '../../components/InlineError'
import { RiskBadge } from '../../components/RiskBadge'
import { Section } from '../../components/Section'
import { SkeletonLines } from '../../components/Skeleton'
import { formatDateTime } from '../../components/time'
import { routeHref } from '../../router'
import { useApprovalsStore } from '../../stores/context'
import { DecisionForm } from './DecisionForm'
import { DecisionSummary } from './DecisionSummary'
import { DiffView } from './DiffView'
import { FindingsView } from './FindingsView'
import { kindLabels, statusTones } from './presentation'

/** The open request: who asks and why, what the scan found, what changed, and the decision. */
export function ApprovalDetail() {
  const detail = useApprovalsStore((state) => state.detail)
  const error = useApprovalsStore((state) => state.detailError)
  const loadGovernance = useApprovalsStore((state) => state.loadGovernance)

  // The form's default trust falls back to governance's default when the request names none.
  useEffect(() => {
    void loadGovernance()
  }, [loadGovernance])

  if (error && !detail) {
    return (
      <div className="p-4">
        <InlineError>{error}</InlineError>
      </div>
    )
  }
  if (!detail) return <SkeletonLines count={5} label="Loading request" />

  return (
    <article data-testid="approval-detail" className="mx-auto max-w-4xl px-5 pb-8">
      <header className="flex flex-col gap-2 py-4">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="selectable text-xl font-semibold">
            <a href={routeHref('skills', detail.skill)} className="hover:underline">
              {detail.skill}
            </a>
          </h2>
          <Badge tone="info">{kindLabels[detail.kind]}</Badge>
          <Badge tone={statusTones[detail.status]} data-testid="approval-status">
            {detail.status}
          </Badge>
          {detail.risk && <RiskBadge risk={detail.risk} />}
        </div>
        <RequestFacts approval={detail} />
      </header>
      <Section title={`Scan findings (${detail.findings.length})`}>
        <FindingsView findings={detail.findings} />
      </Section>
      <Section title="Changes">
        {detail.diff ? (
          <DiffView diff={detail.diff} />
        ) : (
          <p className="text-sm text-muted">
            No earlier approved version to compare with: review the skill’s files as a whole.
          </p>
        )}
      </Section>
      <Section title="Decision">
        <div className="flex flex-col gap-3">
          <DecisionNotice />
          {detail.status === 'pending' ? (
            <DecisionForm key={detail.id} approval={detail} />
          ) : (
            <DecisionSummary approval={detail} />
          )}
        </div>
      </Section>
    </article>
  )
}

function RequestFacts({ approval }: { approval: Approval }) {
  return (
    <Facts>
      <Fact label="Requested by">{approval.requester}</Fact>
      <Fact label="When">{formatDateTime(approval.createdAt)}</Fact>
      <Fact label="Reason">
        <span className="whitespace-pre-wrap">{approval.reason ?? '—'}</span>
      </Fact>
      {approval.requestedTrust && <Fact label="Requested trust">{approval.requestedTrust}</Fact>}
      {approval.fingerprint && (
        <Fact label="Fingerprint">
          <code className="text-xs break-all">{approval.fingerprint}</code>
        </Fact>
      )}
    </Facts>
  )
}

/** A failed decision, with the way forward when a newer request replaced this one. */
function DecisionNotice() {
  const error = useApprovalsStore((state) => state.decisionError)
  if (!error) return null
  return (
    <InlineError>
      {error.code && <code className="mr-1 text-xs font-semibold">{error.code}</code>}
      {error.message}
      {error.code === 'CONFLICT' && error.replacementId && (
        <>
          {' '}
          A new request replaced this one —{' '}
          <a href={routeHref('approvals', error.replacementId)} className="underline">
            review the new request
          </a>
          .
        </>
      )}
    </InlineError>
  )
}
