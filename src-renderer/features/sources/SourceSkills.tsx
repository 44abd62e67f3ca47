import { ArrowUpCircle } from 'lucide-react'
import { useState } from 'react'
import type { SyncItemStatus } from '../../../src-main/contract'
import { Badge, type BadgeTone } from '../../components/Badge'
import { InlineError } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { routeHref } from '../../router'
import { useAppStore } from '../../stores/context'
import { matchesOffer, type OfferFilter, OfferToolbar } from './OfferToolbar'

const statusTones: Record<SyncItemStatus, BadgeTone> = {
  installed: 'ok',
  unchanged: 'neutral',
  'update-available': 'info',
  conflict: 'danger',
  orphaned: 'warn',
  skipped: 'warn',
  offered: 'info',
}

/** Words for a lockfile status; a skill this session's sync just installed is "new", not "unchanged". */
function statusLabel(status: SyncItemStatus, justInstalled: boolean): string {
  if (justInstalled) return 'new'
  if (status === 'unchanged') return 'up to date'
  if (status === 'update-available') return 'update available'
  return status
}

/** The skills a source offered at its last sync, with updates to apply. */
export function SourceSkills({ repoName }: { repoName: string }) {
  const browsed = useAppStore('sources', (state) => (state.browsed?.repo === repoName ? state.browsed : null))
  const report = useAppStore('sources', (state) => state.syncs[repoName]?.report ?? null)
  const installedNow = new Set(
    (report?.items ?? []).filter((item) => item.status === 'installed').map((item) => item.name),
  )
  const update = useAppStore('sources', (state) => state.update)
  const updating = useAppStore('sources', (state) => state.updating)
  const message = useAppStore('sources', (state) => state.updateMessage)
  const install = useAppStore('sources', (state) => state.install)
  const [query, setQuery] = useState('')
  const [filter, setFilter] = useState<OfferFilter>('all')
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const all = browsed?.skills ?? []
  const shown = all.filter((skill) => matchesOffer(skill, query, filter))
  // Only skills still new can be picked; a list of one or two needs no toolbar.
  const picking = all.some((skill) => skill.offer === 'new') || query !== '' || filter !== 'all'
  const toggle = (name: string, on: boolean): void => {
    const next = new Set(chosen)
    if (on) next.add(name)
    else next.delete(name)
    setChosen(next)
  }
  const installChosen = async (): Promise<void> => {
    const names = all.filter((s) => s.offer === 'new' && chosen.has(s.name)).map((s) => s.name)
    setChosen(new Set())
    await install(repoName, names)
  }

  return (
    <section
      className="border-t border-line px-5 py-3"
      data-testid="source-skills"
      aria-label={`Skills of ${repoName}`}
    >
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-muted uppercase">Skills of {repoName}</h3>
      {message && (
        <p className="mb-2 text-sm" role="status">
          {message}
        </p>
      )}
      {!browsed || (!browsed.skills && !browsed.error) ? (
        <SkeletonLines count={2} label="Loading the source's skills" />
      ) : browsed.error ? (
        <InlineError>{browsed.error}</InlineError>
      ) : browsed.skills!.length === 0 ? (
        <p className="text-muted">No skills seen yet — sync this source to fetch them.</p>
      ) : (
        <>
          {picking && (
            <OfferToolbar
              skills={all}
              query={query}
              onQuery={setQuery}
              filter={filter}
              onFilter={setFilter}
              chosen={all.filter((s) => s.offer === 'new' && chosen.has(s.name)).length}
              busy={updating !== null}
              onInstall={() => void installChosen()}
              onChooseShown={() =>
                setChosen(new Set([...chosen, ...shown.filter((s) => s.offer === 'new').map((s) => s.name)]))
              }
            />
          )}
          <ul className="flex flex-col divide-y divide-line">
            {shown.map((skill) => (
              <li
                key={skill.path}
                className="flex items-start gap-3 py-2"
                data-testid="source-skill"
                data-skill={skill.name}
                data-offer={skill.offer}
              >
                {skill.offer === 'new' && (
                  <input
                    type="checkbox"
                    className="mt-1"
                    data-testid="source-skill-pick"
                    aria-label={`Pick ${skill.name}`}
                    checked={chosen.has(skill.name)}
                    onChange={(event) => toggle(skill.name, event.target.checked)}
                  />
                )}
                <div className="min-w-0 flex-1">
                  <div className="flex items-center gap-2">
                    {skill.installed ? (
                      <a href={routeHref('skills', skill.name)} className="font-medium hover:underline">
                        {skill.name}
                      </a>
                    ) : (
                      <span className="font-medium">{skill.name}</span>
                    )}
                    {skill.status && skill.installed && (
                      <Badge
                        tone={installedNow.has(skill.name) ? 'accent' : statusTones[skill.status]}
                        data-testid="source-skill-status"
                      >
                        {statusLabel(skill.status, installedNow.has(skill.name))}
                      </Badge>
                    )}
                    {skill.state === 'pending' && (
                      <a href={routeHref('approvals')} className="text-xs text-accent hover:underline">
                        awaiting approval
                      </a>
                    )}
                    {!skill.installed && <Badge tone="warn">not installed</Badge>}
                  </div>
                  <p className="text-sm break-words text-muted">{skill.description}</p>
                  {skill.offer === 'new' ? (
                    // The core's reason names a CLI command; here the checkbox is the way to install.
                    <p className="text-sm text-muted" data-testid="source-skill-reason">
                      Not installed yet: tick it, then Install selected.
                    </p>
                  ) : (
                    !skill.installed &&
                    skill.reason && (
                      <p className="text-sm break-words text-danger" data-testid="source-skill-reason">
                        {skill.reason}
                      </p>
                    )
                  )}
                </div>
                {skill.status === 'update-available' && (
                  <button
                    type="button"
                    data-testid="source-skill-update"
                    disabled={updating !== null}
                    onClick={() => void update(skill.name)}
                    className="inline-flex h-6 shrink-0 items-center gap-1 rounded bg-accent px-2 font-medium text-surface disabled:opacity-50"
                  >
                    <ArrowUpCircle size={12} aria-hidden />
                    {updating === skill.name ? 'Updating…' : 'Update'}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
