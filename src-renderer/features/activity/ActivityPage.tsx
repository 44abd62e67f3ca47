import { RefreshCw } from 'lucide-react'
import { useEffect } from 'react'
import { InlineError } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { useAppStore } from '../../stores/context'
import { ActivityFilters } from './ActivityFilters'
import { ActivityTable } from './ActivityTable'

/**
 * Activity: the audit log of calls, approvals and changes, filtered, paged and live.
 * `#/activity/<skill>` opens it filtered on that skill.
 */
export function ActivityPage({ skill = null }: { skill?: string | null }) {
  const setFilters = useAppStore('activity', (state) => state.setFilters)
  const open = useAppStore('activity', (state) => state.open)
  const close = useAppStore('activity', (state) => state.close)
  const refresh = useAppStore('activity', (state) => state.refresh)
  const entries = useAppStore('activity', (state) => state.entries)
  const loaded = useAppStore('activity', (state) => state.loaded)
  const loading = useAppStore('activity', (state) => state.loading)
  const error = useAppStore('activity', (state) => state.error)
  const nextBefore = useAppStore('activity', (state) => state.nextBefore)
  const loadingOlder = useAppStore('activity', (state) => state.loadingOlder)
  const loadOlder = useAppStore('activity', (state) => state.loadOlder)

  useEffect(() => {
    // Set before opening: open() loads at once, with this filter.
    if (skill !== null) setFilters({ skill })
    open()
    return close
  }, [skill, setFilters, open, close])

  return (
    <div className="h-full overflow-y-auto bg-surface" data-testid="activity-page">
      <div className="mx-auto flex max-w-5xl flex-col gap-3 px-5 py-4">
        <div className="flex items-center justify-between gap-2">
          <h2 className="text-xl font-semibold">Activity</h2>
          <button
            type="button"
            onClick={() => void refresh()}
            disabled={loading}
            className="inline-flex h-7 items-center gap-1.5 rounded border border-line px-2.5 text-sm hover:bg-fg/8 disabled:opacity-50"
          >
            <RefreshCw size={12} aria-hidden className={loading ? 'animate-spin' : undefined} />
            Refresh
          </button>
        </div>
        <p className="text-sm text-muted">
          Approvals, changes and the tool calls of monitored, sandboxed and restricted skills, newest first.
          New lines appear as they happen. Calls of trusted skills are counted in each skill’s Activity tab
          but not listed one by one.
        </p>
        <ActivityFilters />
        {error && <InlineError>{error}</InlineError>}
        {!loaded ? (
          <SkeletonLines count={5} label="Loading activity" />
        ) : entries.length === 0 ? (
          <p className="py-8 text-center text-muted" data-testid="activity-empty">
            Nothing matches these filters yet.
          </p>
        ) : (
          <div aria-busy={loading}>
            <ActivityTable entries={entries} />
            {nextBefore !== null && (
              <div className="flex justify-center py-3">
                <button
                  type="button"
                  data-testid="activity-load-older"
                  onClick={() => void loadOlder()}
                  disabled={loadingOlder}
                  className="inline-flex h-7 items-center rounded border border-line px-3 text-sm hover:bg-fg/8 disabled:opacity-50"
                >
                  {loadingOlder ? 'Loading…' : 'Load older'}
                </button>
              </div>
            )}
          </div>
        )}
      </div>
    </div>
  )
}
