import { useCallback } from 'react'
import { useAppStore } from '../../stores/context'
import { dirtyPaths } from '../../stores/editor'

/**
 * Asks before unsaved edits are dropped (opening another skill, closing this one). Closing or
 * reloading the window is guarded by the editor store itself, whatever screen is showing.
 */
export function useUnsavedGuard(): () => boolean {
  const dirty = useAppStore('editor', (state) => dirtyPaths(state).length > 0)
  const name = useAppStore('editor', (state) => state.workspace?.name ?? '')
  return useCallback(
    () => !dirty || window.confirm(`${name} has unsaved edits. Discard them?`),
    [dirty, name],
  )
}
