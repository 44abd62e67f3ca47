import type { ActivityEntry } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { formatDateTime, formatRelativeTime } from '../../components/time'
import { routeHref } from '../../router'
import { actionLabel, describeDetail, outcomeLabel, outcomeTone } from './presentation'

/** The audit lines, newest first. Every value is rendered as text. */
export function ActivityTable({ entries }: { entries: ActivityEntry[] }) {
  return (
    <table className="w-full table-fixed border-collapse text-sm" data-testid="activity-table">
      <thead>
        <tr className="border-b border-line text-left text-xs text-muted">
          <th className="w-28 py-1 pr-2 font-medium">When</th>
          <th className="w-36 py-1 pr-2 font-medium">Action</th>
          <th className="w-40 py-1 pr-2 font-medium">Skill</th>
          <th className="w-28 py-1 pr-2 font-medium">Client</th>
          <th className="w-24 py-1 pr-2 font-medium">Outcome</th>
          <th className="py-1 font-medium">Detail</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr
            key={entry.id}
            data-testid="activity-row"
            data-action={entry.action}
            data-skill={entry.skill ?? ''}
            className="border-b border-line/60 align-top"
          >
            <td className="py-1 pr-2 text-muted" title={formatDateTime(entry.at)}>
              {formatRelativeTime(entry.at)}
            </td>
            <td className="truncate py-1 pr-2" title={entry.action} data-testid="activity-action">
              {actionLabel(entry.action)}
            </td>
            <td className="truncate py-1 pr-2">
              {entry.skill ? (
                <a href={routeHref('skills', entry.skill)} className="text-accent hover:underline">
                  {entry.skill}
                </a>
              ) : (
                <span className="text-muted">—</span>
              )}
            </td>
            <td className="truncate py-1 pr-2" title={`by ${entry.actor}`}>
              {entry.client ?? <span className="text-muted">{entry.actor}</span>}
            </td>
            <td className="py-1 pr-2">
              {entry.outcome ? (
                <Badge tone={outcomeTone(entry.outcome)} data-testid="activity-outcome">
                  {outcomeLabel(entry.outcome)}
                </Badge>
              ) : (
                <span className="text-muted">—</span>
              )}
            </td>
            <td className="truncate py-1 text-muted" title={describeDetail(entry)}>
              {describeDetail(entry)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
