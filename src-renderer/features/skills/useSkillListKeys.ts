import { useCallback, type KeyboardEvent } from 'react'
import { navigate, routeHref } from '../../router'
import { useStoreApi } from '../../stores/context'

/**
 * ↑/↓ move the cursor through the list, Enter opens the skill under it (or the first one).
 * Shared by the search box and the list so typing then arrowing works without a focus change.
 */
export function useSkillListKeys(): (event: KeyboardEvent<HTMLElement>) => void {
  const store = useStoreApi('skills')
  return useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const state = store.getState()
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault()
        state.moveCursor(event.key === 'ArrowDown' ? 1 : -1)
      } else if (event.key === 'Enter') {
        const name = state.cursor ?? state.selectedName ?? state.skills[0]?.name
        if (!name) return
        event.preventDefault()
        state.setCursor(name)
        navigate(routeHref('skills', name))
      }
    },
    [store],
  )
}
