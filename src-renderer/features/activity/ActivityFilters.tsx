import { RotateCcw } from 'lucide-react'
import { useAppStore } from '../../stores/context'
import { activityRanges, type ActivityRange } from '../../stores/activity'
import { actionChoices } from './presentation'

const field = 'h-7 rounded border border-line bg-surface px-2 text-sm'

/** Skill, client, outcome, action and time range; text filters apply as you type. */
export function ActivityFilters() {
  const filters = useAppStore('activity', (state) => state.filters)
  const setFilters = useAppStore('activity', (state) => state.setFilters)
  const resetFilters = useAppStore('activity', (state) => state.resetFilters)
  const entries = useAppStore('activity', (state) => state.entries)
  const seen = (pick: (entry: (typeof entries)[number]) => string | null): string[] =>
    [...new Set(entries.map(pick).filter((value): value is string => value !== null))].sort()

  return (
    <form
      role="search"
      aria-label="Filter activity"
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => event.preventDefault()}
    >
      <input
        aria-label="Skill"
        data-testid="activity-filter-skill"
        placeholder="Skill"
        list="activity-skills"
        value={filters.skill}
        onChange={(event) => setFilters({ skill: event.target.value })}
        className={`${field} w-40`}
      />
      <datalist id="activity-skills">
        {seen((entry) => entry.skill).map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
      <input
        aria-label="Client"
        data-testid="activity-filter-client"
        placeholder="Client"
        list="activity-clients"
        value={filters.client}
        onChange={(event) => setFilters({ client: event.target.value })}
        className={`${field} w-32`}
      />
      <datalist id="activity-clients">
        {seen((entry) => entry.client).map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
      <input
        aria-label="Outcome"
        data-testid="activity-filter-outcome"
        placeholder="Outcome"
        list="activity-outcomes"
        value={filters.outcome}
        onChange={(event) => setFilters({ outcome: event.target.value })}
        className={`${field} w-36`}
      />
      <datalist id="activity-outcomes">
        {[...new Set(['ok', 'error', 'timeout', 'denied', ...seen((entry) => entry.outcome)])].map(
          (value) => (
            <option key={value} value={value} />
          ),
        )}
      </datalist>
      <select
        aria-label="Action"
        data-testid="activity-filter-action"
        value={filters.action}
        onChange={(event) => setFilters({ action: event.target.value }, true)}
        className={field}
      >
        {actionChoices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      <select
        aria-label="Time range"
        data-testid="activity-filter-range"
        value={filters.range}
        onChange={(event) => setFilters({ range: event.target.value as ActivityRange }, true)}
        className={field}
      >
        {activityRanges.map((range) => (
          <option key={range.id} value={range.id}>
            {range.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={resetFilters}
        className="inline-flex h-7 items-center gap-1 rounded px-2 text-sm text-muted hover:bg-fg/8 hover:text-fg"
      >
        <RotateCcw size={12} aria-hidden />
        Clear
      </button>
    </form>
  )
}
