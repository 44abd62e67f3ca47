import type { Approval } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { RiskBadge } from '../../components/RiskBadge'
import { formatDateTime, formatRelativeTime } from '../../components/time'
import { routeHref } from '../../router'
import { kindLabels, statusTones } from './presentation'

/** One request in the inbox: skill, kind, risk, requester and when it was made. */
export function ApprovalRow({ approval, selected }: { approval: Approval; selected: boolean }) {
  return (
    <a
      href={routeHref('approvals', approval.id)}
      aria-current={selected ? 'true' : undefined}
      data-testid="approval-row"
      data-approval-id={approval.id}
      data-skill={approval.skill}
      className={`flex flex-col gap-0.5 border-b border-line px-3 py-1.5 outline-none focus-visible:shadow-[inset_0_0_0_1px_var(--sd-accent)] ${
        selected ? 'bg-selected' : 'hover:bg-fg/4'
      }`}
    >
      <span className="flex min-w-0 items-center gap-1.5">
        <span className="truncate font-medium">{approval.skill}</span>
        <span className="ml-auto flex shrink-0 items-center gap-1">
          {approval.status !== 'pending' && (
            <Badge tone={statusTones[approval.status]}>{approval.status}</Badge>
          )}
          {approval.risk ? <RiskBadge risk={approval.risk} /> : <Badge title="Not scanned">unscanned</Badge>}
        </span>
      </span>
      <span className="flex min-w-0 items-center gap-1.5 text-sm text-muted">
        <span className="shrink-0">{kindLabels[approval.kind]}</span>
        <span aria-hidden>·</span>
        <span className="truncate">{approval.requester}</span>
        <time
          dateTime={approval.createdAt}
          title={formatDateTime(approval.createdAt)}
          className="ml-auto shrink-0 tabular-nums"
        >
          {formatRelativeTime(approval.createdAt)}
        </time>
      </span>
    </a>
  )
}
