import { ArrowUpCircle } from 'lucide-react'
import { Badge } from '../../components/Badge'
import { routeHref } from '../../router'
import { useAppStore } from '../../stores/context'

/** Installed skills whose source has a newer version, each with its update button. */
export function UpdatesPanel() {
  const updates = useAppStore('sources', (state) => state.updates)
  const update = useAppStore('sources', (state) => state.update)
  const updateAll = useAppStore('sources', (state) => state.updateAll)
  const updating = useAppStore('sources', (state) => state.updating)
  const message = useAppStore('sources', (state) => state.updateMessage)
  if (updates.length === 0) return null
  return (
    <section
      className="mx-5 mt-3 rounded border border-line bg-info/5 px-3 py-2"
      data-testid="updates-panel"
      aria-label="Updates available"
    >
      <div className="flex items-center gap-2">
        <h3 className="text-sm font-semibold" data-testid="updates-count">
          {updates.length} update{updates.length === 1 ? '' : 's'} available
        </h3>
        {updates.length > 1 && (
          <button
            type="button"
            data-testid="updates-apply-all"
            disabled={updating !== null}
            onClick={() => void updateAll()}
            className="ml-auto inline-flex h-6 items-center gap-1 rounded border border-line px-2 hover:bg-fg/8 disabled:opacity-50"
          >
            Update all
          </button>
        )}
      </div>
      {message && (
        <p className="mt-1 text-sm" role="status">
          {message}
        </p>
      )}
      <ul className="mt-1 flex flex-col divide-y divide-line text-sm">
        {updates.map((u) => (
          <li
            key={u.name}
            className="flex items-center gap-2 py-1.5"
            data-testid="update-row"
            data-skill={u.name}
          >
            <a href={routeHref('skills', u.name)} className="font-medium hover:underline">
              {u.name}
            </a>
            <span className="text-muted">from {u.source}</span>
            {u.status === 'conflict' && (
              <Badge
                tone="danger"
                title="Changed upstream and edited locally: updating would replace your edits"
              >
                edited locally
              </Badge>
            )}
            <button
              type="button"
              data-testid="update-apply"
              disabled={updating !== null || u.status === 'conflict'}
              title={
                u.status === 'conflict'
                  ? 'Your local edits would be lost; use `skilldock update --force`'
                  : undefined
              }
              onClick={() => void update(u.name)}
              className="ml-auto inline-flex h-6 shrink-0 items-center gap-1 rounded bg-accent px-2 font-medium text-surface disabled:opacity-50"
            >
              <ArrowUpCircle size={12} aria-hidden />
              {updating === u.name ? 'Updating…' : 'Update'}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
