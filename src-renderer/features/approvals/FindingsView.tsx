import type { ScanFinding } from '../../../src-main/contract'
import { RiskBadge } from '../../components/RiskBadge'
import { findingLocation, groupFindings } from './presentation'

/** Scan findings grouped by severity (CRITICAL first). Evidence is untrusted and shown as plain text. */
export function FindingsView({
  findings,
  onOpen,
}: {
  findings: readonly ScanFinding[]
  /** Opens the finding's file at its line; without it the location is plain text. */
  onOpen?: (file: string, line: number | null) => void
}) {
  if (findings.length === 0) {
    return <p className="text-sm text-muted">The scan found nothing to report.</p>
  }
  return (
    <div className="flex flex-col gap-3">
      {groupFindings(findings).map((group) => (
        <section key={group.severity} aria-label={`${group.severity} findings`} data-testid="finding-group">
          <h4 className="mb-1 flex items-center gap-1.5 text-sm font-medium">
            <RiskBadge risk={group.severity} data-testid="finding-group-severity" />
            <span className="text-muted">
              {group.findings.length} {group.findings.length === 1 ? 'finding' : 'findings'}
            </span>
          </h4>
          <ul className="flex flex-col gap-1.5">
            {group.findings.map((finding, index) => (
              <FindingItem
                key={`${finding.rule}:${finding.file}:${finding.line ?? ''}:${index}`}
                finding={finding}
                onOpen={onOpen}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}

function FindingItem({
  finding,
  onOpen,
}: {
  finding: ScanFinding
  onOpen: ((file: string, line: number | null) => void) | undefined
}) {
  return (
    <li
      data-testid="approval-finding"
      data-severity={finding.severity}
      className="selectable rounded border border-line bg-surface px-2.5 py-1.5"
    >
      <div className="flex flex-wrap items-baseline gap-x-2 text-xs">
        {onOpen ? (
          <button
            type="button"
            data-testid="finding-location"
            title={`Open ${findingLocation(finding)}`}
            onClick={() => onOpen(finding.file, finding.line)}
            className="font-mono font-medium break-all text-accent hover:underline"
          >
            {findingLocation(finding)}
          </button>
        ) : (
          <code className="font-medium break-all">{findingLocation(finding)}</code>
        )}
        <code className="text-muted">{finding.rule}</code>
      </div>
      <p className="text-sm">{finding.message}</p>
      {finding.evidence && (
        <pre
          data-testid="finding-evidence"
          className="mt-1 max-h-32 overflow-auto rounded bg-app px-2 py-1 text-xs break-all whitespace-pre-wrap"
        >
          {finding.evidence}
        </pre>
      )}
    </li>
  )
}
