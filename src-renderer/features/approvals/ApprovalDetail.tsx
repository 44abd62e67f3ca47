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
import { useAppStore } from '../../stores/context'
import { FileBrowser } from '../files/FileBrowser'
import { DecisionForm } from './DecisionForm'
import { DecisionSummary } from './DecisionSummary'
import { DiffView } from './DiffView'
import { FindingsView } from './FindingsView'
import { kindLabels, statusTones } from './presentation'

/** The open request: who asks and why, what the scan found, what changed, and the decision. */
export function ApprovalDetail() {
  const detail = useAppStore('approvals', (state) => state.detail)
  const error = useAppStore('approvals', (state) => state.detailError)
  const loadGovernance = useAppStore('approvals', (state) => state.loadGovernance)
  const openFile = useAppStore('skillFiles', (state) => state.openFile)
  // The skill's trust level now: an update's decision starts from it (null until loaded).
  const currentTrust = useAppStore('skillFiles', (state) =>
    detail && state.skill === detail.skill && state.files ? state.trust : null,
  )

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
  // Findings and files of a pending staged proposal are in its own folder, not the installed one.
  const proposal = detail.details?.staged === true && detail.status === 'pending'

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
        <FindingsView findings={detail.findings} onOpen={(file, line) => void openFile(file, line)} />
      </Section>
      <InheritedCredentials approval={detail} />
      <Section title="Changes">
        {detail.diff ? (
          <DiffView diff={detail.diff} />
        ) : (
          <p className="text-sm text-muted">
            No earlier approved version to compare with: review the skill’s files below as a whole.
          </p>
        )}
      </Section>
      <Section title="Files">
        {proposal && (
          // A staged proposal waits apart from the library: the browser reads its own folder.
          <p className="mb-2 text-sm text-muted" data-testid="staged-files-note">
            These are the proposed files: what approving installs. The approved version keeps serving until
            then.
          </p>
        )}
        <FileBrowser skill={detail.skill} approval={proposal ? detail.id : null} />
      </Section>
      <Section title="Decision">
        <div className="flex flex-col gap-3">
          <DecisionNotice />
          {detail.status === 'pending' ? (
            // Re-created once the skill's current trust is known, so an update starts from it.
            <DecisionForm
              key={`${detail.id}:${currentTrust ?? ''}`}
              approval={detail}
              currentTrust={currentTrust}
            />
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
      {approval.details?.staged && approval.status === 'pending' && (
        <Fact label="Until decided">
          <span data-testid="approval-staged">
            The approved version keeps serving. Approving applies the changes below; rejecting discards them.
          </span>
        </Fact>
      )}
      {approval.details?.reviewFailure && (
        <Fact label="LLM review">
          <span className="text-warn" data-testid="review-failure">
            Could not run ({approval.details.reviewFailure}); judged on the static scan alone.
          </span>
        </Fact>
      )}
      {(approval.details?.warnings?.length ?? 0) > 0 && (
        <Fact label="Warnings">
          <ul className="flex flex-col gap-0.5 text-warn" data-testid="approval-warnings">
            {approval.details?.warnings?.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </Fact>
      )}
      {approval.fingerprint && (
        <Fact label="Fingerprint">
          <code className="text-xs break-all">{approval.fingerprint}</code>
        </Fact>
      )}
    </Facts>
  )
}

/**
 * Credentials already in the keychain under this skill's name: approving hands them to this code,
 * even though the request itself does not mention them.
 */
function InheritedCredentials({ approval }: { approval: Approval }) {
  const names = inheritedCredentials(approval)
  if (approval.details?.storedCredentials === null) {
    return (
      <Section title="Credentials it would receive">
        <p data-testid="inherited-credentials" className="text-sm text-warn">
          The keychain could not be read, so SkillDock cannot tell whether credentials stored for{' '}
          {approval.skill} would be handed to this code.
        </p>
      </Section>
    )
  }
  if (names.length === 0) return null
  return (
    <Section title="Credentials it would receive">
      <div data-testid="inherited-credentials" className="flex flex-col gap-1 text-sm">
        <p className="text-warn">
          The keychain already holds {names.length === 1 ? 'a credential' : 'credentials'} for{' '}
          {approval.skill}. Approving gives this code access to {names.length === 1 ? 'it' : 'them'}:
        </p>
        <ul className="flex flex-wrap gap-1.5">
          {names.map((name) => (
            <li key={name}>
              <code className="rounded bg-fg/6 px-1 text-xs">{name}</code>
            </li>
          ))}
        </ul>
      </div>
    </Section>
  )
}

/** Credential names the core found in the keychain for this skill (never values). */
export function inheritedCredentials(approval: Approval): string[] {
  return approval.details?.storedCredentials ?? []
}

/** A failed decision, with the way forward when a newer request replaced this one. */
function DecisionNotice() {
  const error = useAppStore('approvals', (state) => state.decisionError)
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
