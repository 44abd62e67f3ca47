import { useMemo, type ReactNode } from 'react'
import type { RiskLevel, TrustLevel } from '../../../src-main/contract'
import { useAppStore } from '../../stores/context'
import type { SkillFacets } from '../../stores/skills'

const trustLevels: readonly TrustLevel[] = ['trusted', 'monitored', 'sandboxed', 'restricted']
const riskLevels: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']

/** Source, trust, risk, eligibility and tag filters over the listed skills; sources and tags come from the list. */
export function SkillFilters() {
  const listed = useAppStore('skills', (state) => state.listed)
  const facets = useAppStore('skills', (state) => state.facets)
  const setFacet = useAppStore('skills', (state) => state.setFacet)
  const clearFacets = useAppStore('skills', (state) => state.clearFacets)

  const sources = useMemo(
    () =>
      distinct(
        listed.map((skill) => skill.source),
        facets.source,
      ),
    [listed, facets],
  )
  const tags = useMemo(
    () =>
      distinct(
        listed.flatMap((skill) => skill.tags),
        facets.tag,
      ),
    [listed, facets],
  )
  const narrowed = Object.values(facets).some((value) => value !== '')

  return (
    <div className="flex flex-wrap items-center gap-1 text-sm" data-testid="skill-filters">
      <Facet label="Source" any="Any source" value={facets.source} onChange={(v) => setFacet('source', v)}>
        {sources.map((source) => (
          <option key={source} value={source}>
            {source}
          </option>
        ))}
      </Facet>
      <Facet
        label="Trust"
        any="Any trust"
        value={facets.trust}
        onChange={(v) => setFacet('trust', v as SkillFacets['trust'])}
      >
        {trustLevels.map((level) => (
          <option key={level} value={level}>
            {level}
          </option>
        ))}
      </Facet>
      <Facet
        label="Risk"
        any="Any risk"
        value={facets.risk}
        onChange={(v) => setFacet('risk', v as SkillFacets['risk'])}
      >
        {riskLevels.map((level) => (
          <option key={level} value={level}>
            {level} risk
          </option>
        ))}
      </Facet>
      <Facet
        label="Runs here"
        any="Gated or not"
        value={facets.eligibility}
        onChange={(v) => setFacet('eligibility', v as SkillFacets['eligibility'])}
      >
        <option value="eligible">Runs here</option>
        <option value="gated">Gated</option>
      </Facet>
      <Facet label="Tag" any="Any tag" value={facets.tag} onChange={(v) => setFacet('tag', v)}>
        {tags.map((tag) => (
          <option key={tag} value={tag}>
            {tag}
          </option>
        ))}
      </Facet>
      {narrowed && (
        <button
          type="button"
          onClick={clearFacets}
          data-testid="skill-filters-clear"
          className="rounded px-1 text-accent hover:underline"
        >
          Clear filters
        </button>
      )}
    </div>
  )
}

/** A compact select: its label is for screen readers and the tooltip; "Any …" names it while unset. */
function Facet({
  label,
  any,
  value,
  onChange,
  children,
}: {
  label: string
  any: string
  value: string
  onChange: (value: string) => void
  children: ReactNode
}) {
  return (
    <select
      value={value}
      onChange={(event) => onChange(event.target.value)}
      aria-label={label}
      title={label}
      data-testid={`skill-filter-${label.toLowerCase().replace(/\s+/g, '-')}`}
      className={`h-6 max-w-32 rounded border bg-surface px-1 ${value ? 'border-accent text-fg' : 'border-line text-muted'}`}
    >
      <option value="">{any}</option>
      {children}
    </select>
  )
}

/** Sorted distinct values, keeping the chosen one even when the list no longer has it. */
function distinct(values: string[], chosen: string): string[] {
  const set = new Set(values.filter((value) => value !== ''))
  if (chosen) set.add(chosen)
  return [...set].sort((a, b) => a.localeCompare(b))
}
