import type { ErrorCode } from '../../src-main/contract'
import { BridgeError } from '../api/client'

/** A failed route call as the UI shows it: the core's code and its message verbatim. */
export interface ShownError {
  code: ErrorCode | null
  message: string
}

export function shownError(error: unknown): ShownError {
  if (error instanceof BridgeError) return { code: error.code, message: error.message }
  return { code: null, message: error instanceof Error ? error.message : String(error) }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * A store's write action: runs the change, clears the store's error and reloads; resolves
 * false (with the core's refusal shown as the error) when the change failed.
 */
export function changeThenReload(
  set: (patch: { error: string | null }) => void,
  reload: () => Promise<void>,
): (run: () => Promise<unknown>) => Promise<boolean> {
  return async (run) => {
    try {
      await run()
      set({ error: null })
      await reload()
      return true
    } catch (error) {
      set({ error: messageOf(error) })
      return false
    }
  }
}
