import { z } from 'zod'

/**
 * The closed set of error codes every face of SkillDock reports (docs/ARCHITECTURE.md §6).
 * Messages say what happened and what to do next; details never carry secrets.
 */
export const ErrorCode = z.enum([
  'INVALID_INPUT',
  'NOT_FOUND',
  'INVALID_SKILL',
  'SKILL_START_FAILED',
  'SKILL_TIMEOUT',
  'SKILL_CRASHED',
  'SOURCE_UNREACHABLE',
  'UNSAFE_SOURCE',
  'APPROVAL_REQUIRED',
  'SANDBOX_UNAVAILABLE',
  'SECRET_STORE_UNAVAILABLE',
  'LLM_UNAVAILABLE',
  'BUDGET_EXCEEDED',
  'RATE_LIMITED',
  'CONFLICT',
  'CANCELLED',
  'DATABASE_TOO_NEW',
  'DATABASE_UNREADABLE',
  'UNAUTHORIZED',
  'INTERNAL',
])
export type ErrorCode = z.infer<typeof ErrorCode>

/** The wire form of an AppError: what crosses IPC, HTTP and `--json` output. */
export const AppErrorJson = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
})
export type AppErrorJson = z.infer<typeof AppErrorJson>

/** The outcome of every route call: never a thrown error across a process boundary. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorJson }
