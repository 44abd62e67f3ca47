import { Download } from 'lucide-react'
import type { SourceSkill } from '../../../src-main/contract'

export type OfferFilter = 'all' | SourceSkill['offer']

const filterLabels: Record<OfferFilter, string> = {
  all: 'All',
  new: 'New',
  installed: 'Installed',
  'update-available': 'Update available',
  invalid: 'Invalid',
  skipped: 'Skipped',
}

/** Whether a skill shows under the search text and the offer filter. */
export function matchesOffer(skill: SourceSkill, query: string, filter: OfferFilter): boolean {
  if (filter !== 'all' && skill.offer !== filter) return false
  const q = query.trim().toLowerCase()
  return q === '' || skill.name.toLowerCase().includes(q) || skill.description.toLowerCase().includes(q)
}

/**
 * Search, offer filter and "install selected" over a source's skills: picking from a large
 * collection instead of installing all of it.
 */
export function OfferToolbar(props: {
  skills: SourceSkill[]
  query: string
  onQuery: (query: string) => void
  filter: OfferFilter
  onFilter: (filter: OfferFilter) => void
  chosen: number
  busy: boolean
  onInstall: () => void
  onChooseShown: () => void
}) {
  const counts = new Map<OfferFilter, number>([['all', props.skills.length]])
  for (const s of props.skills) counts.set(s.offer, (counts.get(s.offer) ?? 0) + 1)
  return (
    <div className="mb-2 flex flex-wrap items-center gap-2" data-testid="offer-toolbar">
      <input
        type="search"
        aria-label="Search the source's skills"
        data-testid="offer-search"
        value={props.query}
        onChange={(event) => props.onQuery(event.target.value)}
        placeholder="Search skills"
        className="h-7 min-w-40 flex-1 rounded border border-line bg-surface px-2 text-sm"
      />
      <select
        aria-label="Show skills that are"
        data-testid="offer-filter"
        value={props.filter}
        onChange={(event) => props.onFilter(event.target.value as OfferFilter)}
        className="h-7 rounded border border-line bg-surface px-1 text-sm"
      >
        {(Object.keys(filterLabels) as OfferFilter[]).map((f) => (
          <option key={f} value={f}>
            {filterLabels[f]} ({counts.get(f) ?? 0})
          </option>
        ))}
      </select>
      <button
        type="button"
        data-testid="offer-choose-shown"
        onClick={props.onChooseShown}
        className="h-7 rounded border border-line px-2 text-sm"
      >
        Select new shown
      </button>
      <button
        type="button"
        data-testid="offer-install"
        disabled={props.chosen === 0 || props.busy}
        onClick={props.onInstall}
        className="inline-flex h-7 items-center gap-1 rounded bg-accent px-2 font-medium text-surface disabled:opacity-50"
      >
        <Download size={12} aria-hidden />
        {props.busy ? 'Installing…' : `Install selected (${props.chosen})`}
      </button>
    </div>
  )
}
