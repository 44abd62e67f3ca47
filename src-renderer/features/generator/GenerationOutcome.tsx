import { CircleCheck, CircleX, FileCode, Link2 } from 'lucide-react'
import type { GenerationResult } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { RiskBadge } from '../../components/RiskBadge'
import { routeHref } from '../../router'
import { useAppStore } from '../../stores/context'
import { FindingsView } from '../approvals/FindingsView'
import { formatBytes } from '../skills/presentation'

/** How a generation ended: a proposal with its approval, an existing match, or a failure with its reports. */
export function GenerationOutcome({ result }: { result: GenerationResult }) {
  return (
    <section
      className="flex flex-col gap-2 rounded border border-line p-3"
      data-testid="generator-outcome"
      data-outcome={result.outcome}
    >
      {result.outcome === 'proposed' && (
        <>
          <p className="flex items-center gap-2 font-medium">
            <CircleCheck size={15} className="text-ok" aria-hidden />
            Proposed <code>{result.skill}</code>
            {result.approvalStatus && (
              <Badge tone={result.approvalStatus === 'approved' ? 'ok' : 'warn'}>
                {result.approvalStatus}
              </Badge>
            )}
            {result.template && <Badge tone="info">offline template</Badge>}
          </p>
          {result.template && (
            <p className="text-sm text-muted">
              No model provider is set, so this is a valid, runnable template: its tool still needs
              implementing.
            </p>
          )}
          <div className="flex flex-wrap gap-3 text-sm">
            {result.approvalId && (
              <a
                data-testid="generator-approval-link"
                href={routeHref('approvals', result.approvalId)}
                className="inline-flex items-center gap-1 text-accent hover:underline"
              >
                <Link2 size={13} aria-hidden />
                {result.approvalStatus === 'approved' ? 'See the approval' : 'Review the approval request'}
              </a>
            )}
            {result.skill && (
              <a
                data-testid="generator-editor-link"
                href={routeHref('editor', result.skill)}
                className="inline-flex items-center gap-1 text-accent hover:underline"
              >
                <FileCode size={13} aria-hidden />
                Open in editor
              </a>
            )}
            {result.skill && (
              <a
                href={routeHref('skills', result.skill)}
                className="inline-flex items-center gap-1 text-accent hover:underline"
              >
                Open the skill
              </a>
            )}
          </div>
          <ProposalReports result={result} />
        </>
      )}
      {result.outcome === 'existing' && (
        <>
          <p className="flex items-center gap-2 font-medium">
            <CircleCheck size={15} className="text-info" aria-hidden />
            An existing skill already covers this
            {result.score !== null && <Badge>{Math.round(result.score * 100)}% match</Badge>}
          </p>
          {result.skill && (
            <a
              data-testid="generator-skill-link"
              href={routeHref('skills', result.skill)}
              className="inline-flex items-center gap-1 text-sm text-accent hover:underline"
            >
              <Link2 size={13} aria-hidden />
              Open {result.skill}
            </a>
          )}
        </>
      )}
      {result.outcome === 'failed' && (
        <>
          <p className="flex items-center gap-2 font-medium text-danger">
            <CircleX size={15} aria-hidden />
            Generation failed
          </p>
          {result.reason && (
            <p className="text-sm break-words" data-testid="generator-reason">
              {result.reason}
            </p>
          )}
          {result.validation && result.validation.errors.length > 0 && (
            <div>
              <h4 className="text-xs font-semibold tracking-wide text-muted uppercase">Validation</h4>
              <ul className="list-disc pl-5 text-sm">
                {result.validation.errors.map((issue, index) => (
                  <li key={index}>
                    {issue.line ? `line ${issue.line}: ` : ''}
                    {issue.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <TestReport result={result} />
        </>
      )}
      <p className="text-xs text-muted" data-testid="generator-usage">
        {result.repairRounds} repair round{result.repairRounds === 1 ? '' : 's'} · {result.modelTurns} model
        turn
        {result.modelTurns === 1 ? '' : 's'} · {result.tokens} tokens
      </p>
    </section>
  )
}

function TestReport({ result }: { result: GenerationResult }) {
  if (!result.test) return null
  return (
    <div data-testid="generator-test-report">
      <h4 className="text-xs font-semibold tracking-wide text-muted uppercase">
        Tests {result.test.passed ? 'passed' : 'failed'}
      </h4>
      <ul className="list-disc pl-5 text-sm">
        {result.test.checks.map((check) => (
          <li key={check.id} className={check.status === 'fail' ? 'text-danger' : ''}>
            {check.label}: {check.status}
            {check.detail ? ` — ${check.detail}` : ''}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** What was proposed: its files, its test report and the scan report of its approval request. */
function ProposalReports({ result }: { result: GenerationResult }) {
  const proposal = useAppStore('generator', (state) => state.proposal)
  return (
    <>
      {proposal?.files && (
        <div data-testid="generator-files">
          <h4 className="text-xs font-semibold tracking-wide text-muted uppercase">Files</h4>
          <ul className="text-sm">
            {proposal.files.map((file) => (
              <li key={file.path} className="flex gap-2">
                <code>{file.path}</code>
                <span className="text-muted">{formatBytes(file.size)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <TestReport result={result} />
      {proposal?.scan && (
        <div data-testid="generator-scan-report">
          <h4 className="mb-1 flex items-center gap-1.5 text-xs font-semibold tracking-wide text-muted uppercase">
            Scan
            {proposal.scan.risk && <RiskBadge risk={proposal.scan.risk} />}
          </h4>
          <FindingsView findings={proposal.scan.findings} />
        </div>
      )}
      {proposal?.error && <p className="text-sm text-danger">{proposal.error}</p>}
    </>
  )
}
