import { useCallback } from 'react'
import { ErrorBox } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { navigate, routeHref } from '../../router'
import { useAppStore } from '../../stores/context'
import { stateFilterOptions, skillRowId } from './presentation'
import { SkillRow } from './SkillRow'
import { useSkillListKeys } from './useSkillListKeys'

/** The list half of the browser: skeleton, inline error, empty state or the rows. */
export function SkillList() {
  const skills = useAppStore('skills', (state) => state.skills)
  const listedCount = useAppStore('skills', (state) => state.listed.length)
  const clearFacets = useAppStore('skills', (state) => state.clearFacets)
  const loaded = useAppStore('skills', (state) => state.listLoaded)
  const error = useAppStore('skills', (state) => state.listError)
  const listedQuery = useAppStore('skills', (state) => state.listedQuery)
  const filter = useAppStore('skills', (state) => state.filter)
  const cursor = useAppStore('skills', (state) => state.cursor)
  const selectedName = useAppStore('skills', (state) => state.selectedName)
  const setCursor = useAppStore('skills', (state) => state.setCursor)
  const refresh = useAppStore('skills', (state) => state.refresh)
  const onKeyDown = useSkillListKeys()

  const open = useCallback(
    (name: string) => {
      setCursor(name)
      navigate(routeHref('skills', name))
    },
    [setCursor],
  )

  if (!loaded) return <SkeletonLines count={6} label="Loading skills" />

  const activeName = cursor ?? selectedName
  const filterLabel = stateFilterOptions.find((option) => option.value === filter)?.label ?? filter
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <ErrorBox error={error} className="p-2" onRetry={() => void refresh()} />
      {skills.length === 0 && !error && listedCount > 0 ? (
        <p className="p-4 text-center text-muted" data-testid="skill-list-empty">
          No skills match these filters.{' '}
          <button type="button" className="text-accent underline" onClick={clearFacets}>
            Clear filters
          </button>
        </p>
      ) : skills.length === 0 && !error ? (
        <p className="p-4 text-center text-muted" data-testid="skill-list-empty">
          {listedQuery
            ? `No skills match “${listedQuery}”`
            : filter === 'all'
              ? 'No skills yet.'
              : `No ${filterLabel.toLowerCase()} skills.`}
        </p>
      ) : (
        <div
          role="listbox"
          aria-label="Skills"
          tabIndex={0}
          aria-activedescendant={activeName ? skillRowId(activeName) : undefined}
          onKeyDown={onKeyDown}
          className="min-h-0 flex-1 overflow-y-auto outline-none focus-visible:shadow-[inset_0_0_0_1px_var(--sd-accent)]"
        >
          {skills.map((skill) => (
            <SkillRow
              key={skill.name}
              skill={skill}
              selected={skill.name === selectedName}
              active={skill.name === activeName}
              onOpen={open}
            />
          ))}
        </div>
      )}
    </div>
  )
}
