import { CircleAlert, TriangleAlert } from 'lucide-react'
import type { SkillDetail, ValidationIssue } from '../../../src-main/contract'
import { Section } from '../../components/Section'
import { routeHref } from '../../router'

/** Why a skill cannot run here, whether it is deprecated, and what the validator found. */
export function SkillProblems({ detail }: { detail: SkillDetail }) {
  const { deprecation } = detail
  return (
    <>
      {!detail.eligible && (
        <div className="mb-3 rounded border border-warn/30 bg-warn/8 px-3 py-2">
          <p className="font-medium text-warn">Unavailable on this machine</p>
          <ul className="selectable mt-1 list-disc pl-5">
            {detail.ineligibleReasons.length > 0 ? (
              detail.ineligibleReasons.map((reason) => <li key={reason}>{reason}</li>)
            ) : (
              <li>SkillDock did not report a reason.</li>
            )}
          </ul>
        </div>
      )}
      {deprecation && (
        <div className="mb-3 rounded border border-warn/30 bg-warn/8 px-3 py-2">
          <span className="font-medium text-warn">Deprecated: </span>
          {deprecation.reason}
          {deprecation.replacement && (
            <>
              {' '}
              Use <a href={routeHref('skills', deprecation.replacement)}>{deprecation.replacement}</a>{' '}
              instead.
            </>
          )}
        </div>
      )}
      {(detail.errors.length > 0 || detail.warnings.length > 0) && (
        <Section title="Validation">
          <ul className="selectable flex flex-col gap-1">
            {detail.errors.map((issue, index) => (
              <IssueRow key={`e${index}`} issue={issue} severity="error" />
            ))}
            {detail.warnings.map((issue, index) => (
              <IssueRow key={`w${index}`} issue={issue} severity="warning" />
            ))}
          </ul>
        </Section>
      )}
    </>
  )
}

function IssueRow({ issue, severity }: { issue: ValidationIssue; severity: 'error' | 'warning' }) {
  const Icon = severity === 'error' ? CircleAlert : TriangleAlert
  return (
    <li className="flex items-start gap-2 text-sm">
      <Icon
        size={13}
        className={`mt-0.5 shrink-0 ${severity === 'error' ? 'text-danger' : 'text-warn'}`}
        aria-label={severity}
      />
      <code className="shrink-0 text-xs">{issue.code}</code>
      <span className="shrink-0 text-muted">{issue.line ? `line ${issue.line}` : '—'}</span>
      <span className="min-w-0">{issue.message}</span>
    </li>
  )
}
