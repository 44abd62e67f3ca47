import { Search } from 'lucide-react'
import { useEffect, useRef, type KeyboardEvent } from 'react'
import { useAppStore } from '../../stores/context'
import type { StateFilter } from '../../stores/skills'
import { stateFilterOptions } from './presentation'
import { SkillFilters } from './SkillFilters'
import { useSkillListKeys } from './useSkillListKeys'
import { isTyping } from '../palette/shortcuts'

/** Search box (`/` focuses it, Esc clears it), the state filter and the other filters. */
export function SkillSearchBar() {
  const query = useAppStore('skills', (state) => state.query)
  const filter = useAppStore('skills', (state) => state.filter)
  const count = useAppStore('skills', (state) => state.skills.length)
  const listedCount = useAppStore('skills', (state) => state.listed.length)
  const loaded = useAppStore('skills', (state) => state.listLoaded)
  const setQuery = useAppStore('skills', (state) => state.setQuery)
  const clearQuery = useAppStore('skills', (state) => state.clearQuery)
  const setFilter = useAppStore('skills', (state) => state.setFilter)
  const listKeys = useSkillListKeys()
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return
      event.preventDefault()
      input.current?.focus()
      input.current?.select()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault()
      if (query) clearQuery()
      else input.current?.blur()
      return
    }
    listKeys(event)
  }

  return (
    <div className="flex flex-col gap-1.5 border-b border-line p-2">
      <label className="flex items-center gap-1.5 rounded border border-line bg-surface px-2 focus-within:border-accent">
        <Search size={13} className="shrink-0 text-muted" aria-hidden />
        <input
          ref={input}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Search skills"
          aria-label="Search skills"
          aria-keyshortcuts="/"
          spellCheck={false}
          data-testid="skill-search"
          className="h-7 min-w-0 flex-1 bg-transparent outline-none placeholder:text-muted [&::-webkit-search-cancel-button]:hidden"
        />
        <kbd className="rounded border border-line px-1 font-mono text-xs text-muted">/</kbd>
      </label>
      <div className="flex items-center gap-2 text-sm">
        <label className="flex items-center gap-1.5 text-muted">
          State
          <select
            value={filter}
            onChange={(event) => setFilter(event.target.value as StateFilter)}
            className="h-6 rounded border border-line bg-surface px-1 text-fg"
          >
            {stateFilterOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        {loaded && (
          <span className="ml-auto text-muted" aria-live="polite">
            {count !== listedCount
              ? `${count} of ${listedCount}`
              : count === 1
                ? '1 skill'
                : `${count} skills`}
          </span>
        )}
      </div>
      <SkillFilters />
    </div>
  )
}
