import { useAppStore } from '../../stores/context'

/** The admin's view: skills members published for approval, each on a `request/<skill>` branch. */
export function TeamRequests() {
  const requests = useAppStore('team', (s) => s.requests)
  if (requests.length === 0) return null
  return (
    <section data-testid="team-requests" className="rounded border border-line p-3">
      <h2 className="font-medium">Requests waiting on branches</h2>
      <p className="text-sm text-muted">
        Review the branch, merge it, then sign the approval:{' '}
        <code>skilldock team approve &lt;skill&gt; --push</code>.
      </p>
      <ul className="mt-1 text-sm">
        {requests.map((r) => (
          <li key={`${r.team}/${r.branch}`} data-testid={`team-request-${r.skill}`}>
            <span className="font-medium">{r.skill}</span> <code className="text-xs">{r.branch}</code>{' '}
            <span className="text-muted">
              by {r.author}, {r.date.slice(0, 10)} ({r.team})
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
