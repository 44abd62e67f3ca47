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
