import { useEffect, useState } from 'react'
import { Badge } from '../../components/Badge'
import { InlineError } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { useAppStore } from '../../stores/context'
import { ManagedPolicyPanel } from './ManagedPolicyPanel'
import { TeamRequests } from './TeamRequests'

/**
 * Team mode: the teams this machine joined, each team skill with why it is or is not active (a
 * member's view), and the approval requests waiting on branches (an admin's view).
 */
export function TeamPage() {
  const status = useAppStore('team', (s) => s.status)
  const error = useAppStore('team', (s) => s.error)
  const busy = useAppStore('team', (s) => s.busy)
  const load = useAppStore('team', (s) => s.load)
  const sync = useAppStore('team', (s) => s.sync)

  useEffect(() => {
    void load()
  }, [load])

  return (
    <div className="h-full overflow-y-auto bg-surface">
      <div className="mx-auto flex max-w-4xl flex-col gap-3 p-4">
        <div className="flex items-center gap-2">
          <h1 className="text-lg font-semibold">Team</h1>
          {status && status.teams.length > 0 && (
            <button
              type="button"
              data-testid="team-sync"
              disabled={busy}
              onClick={() => void sync()}
              className="ml-auto rounded border border-line px-2 py-0.5 text-sm hover:bg-fg/4"
            >
              Sync teams
            </button>
          )}
        </div>
        <p className="text-sm text-muted">
          A team skill runs here when its files match an approval signed by a team admin&apos;s key listed in
          the team&apos;s allowed_signers. Everything else waits in Approvals, with the reason below.
        </p>
        {error && <InlineError>{error}</InlineError>}
        <ManagedPolicyPanel />
        {!status ? (
          !error && <SkeletonLines count={3} label="Loading teams" />
        ) : (
          <>
            {status.teams.length === 0 && <JoinForm />}
            {status.missingRequired.map((m) => (
              <InlineError key={m}>The managed policy requires the team {m}; join it.</InlineError>
            ))}
            {status.teams.map((team) => (
              <section
                key={team.name}
                data-testid={`team-${team.name}`}
                className="rounded border border-line p-3"
              >
                <h2 className="font-medium">
                  {team.name} <code className="text-xs text-muted">{team.url}</code>
                </h2>
                <p className="text-sm text-muted" data-testid="team-admins">
                  Admins: {team.admins.join(', ') || 'none verified'}
                </p>
                {team.problems.map((p) => (
                  <p key={p} className="text-sm text-warn">
                    {p}
                  </p>
                ))}
                {team.shared.length > 0 && (
                  <ul className="text-sm" aria-label="Shared policies, roles and limits">
                    {team.shared.map((e) => (
                      <li
                        key={e.key}
                        data-testid={`team-shared-${e.key}`}
                        className={e.applied ? '' : 'text-warn'}
                      >
                        <code>{e.key}</code> — {e.reason}
                      </li>
                    ))}
                  </ul>
                )}
                <SkillTable team={team.name} />
              </section>
            ))}
            <TeamRequests />
          </>
        )}
      </div>
    </div>
  )
}

function SkillTable({ team }: { team: string }) {
  const all = useAppStore('team', (s) => s.status?.skills)
  const skills = (all ?? []).filter((k) => k.team === team)
  if (skills.length === 0) return <p className="text-sm text-muted">The team offers no skills yet.</p>
  return (
    <table className="mt-2 w-full text-sm" data-testid="team-skills">
      <thead className="text-left text-xs text-muted uppercase">
        <tr>
          <th className="py-1">Skill</th>
          <th>State</th>
          <th>Trust</th>
          <th>Why</th>
        </tr>
      </thead>
      <tbody>
        {skills.map((s) => (
          <tr key={s.name} data-testid={`team-skill-${s.name}`} className="border-t border-line align-top">
            <td className="py-1 font-medium">{s.name}</td>
            <td>
              <Badge tone={s.state === 'active' ? 'ok' : s.state === 'changed' ? 'danger' : 'warn'}>
                {s.state ?? 'not installed'}
              </Badge>
            </td>
            <td>{s.teamApproved ? s.trust : '—'}</td>
            <td className="text-muted">{s.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function JoinForm() {
  const join = useAppStore('team', (s) => s.join)
  const busy = useAppStore('team', (s) => s.busy)
  const [url, setUrl] = useState('')
  const [allowLocal, setAllowLocal] = useState(false)
  return (
    <form
      className="flex flex-wrap items-center gap-2 rounded border border-line p-3"
      onSubmit={(e) => {
        e.preventDefault()
        if (url.trim()) void join(url.trim(), allowLocal)
      }}
    >
      <label className="flex grow items-center gap-2 text-sm">
        Team repository
        <input
          data-testid="team-join-url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://git.example.com/team/skills.git"
          className="grow rounded border border-line bg-surface px-2 py-0.5"
        />
      </label>
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" checked={allowLocal} onChange={(e) => setAllowLocal(e.target.checked)} />
        local or private host
      </label>
      <button type="submit" disabled={busy} className="rounded bg-accent px-2 py-0.5 text-sm text-surface">
        Join
      </button>
    </form>
  )
}
