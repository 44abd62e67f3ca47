import type { Approval } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { Fact, Facts } from '../../components/Facts'
import { formatDateTime } from '../../components/time'
import { routeHref } from '../../router'
import { useAppStore } from '../../stores/context'
import { statusTones } from './presentation'

/** A request that is no longer pending: who decided what, and where to go next. */
export function DecisionSummary({ approval }: { approval: Approval }) {
  const next = useAppStore('approvals', (state) => state.pending.find((item) => item.id !== approval.id))
  return (
    <div className="flex flex-col gap-2" data-testid="decision-summary">
      <p className="flex items-center gap-2">
        <Badge tone={statusTones[approval.status]}>{approval.status}</Badge>
        {approval.status === 'superseded' && (
          <span className="text-sm text-muted">A newer request for {approval.skill} replaced this one.</span>
        )}
      </p>
      <Facts>
        {approval.decidedBy && <Fact label="Decided by">{approval.decidedBy}</Fact>}
        {approval.decidedAt && <Fact label="Decided">{formatDateTime(approval.decidedAt)}</Fact>}
        {approval.trust && <Fact label="Trust">{approval.trust}</Fact>}
        {approval.allowedClients && approval.allowedClients.length > 0 && (
          <Fact label="Allowed clients">{approval.allowedClients.join(', ')}</Fact>
        )}
        {approval.rateLimitPerMinute !== null && (
          <Fact label="Rate limit">{approval.rateLimitPerMinute} calls per minute</Fact>
        )}
        {approval.notes && (
          <Fact label="Notes">
            <span className="whitespace-pre-wrap">{approval.notes}</span>
          </Fact>
        )}
      </Facts>
      <p className="flex gap-3 text-sm">
        <a className="text-accent underline" href={routeHref('skills', approval.skill)}>
          Open {approval.skill}
        </a>
        {next && (
          <a className="text-accent underline" href={routeHref('approvals', next.id)}>
            Next pending request ({next.skill})
          </a>
        )}
      </p>
    </div>
  )
}
