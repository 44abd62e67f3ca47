import type { AppErrorJson, ErrorCode } from '../../contract/errors'

/** The one error type of the core. Its message says what happened and what to do next. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** `cause` keeps the original failure for logs and debuggers; it never crosses the wire (toJSON). */
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'AppError'
  }

  toJSON(): AppErrorJson {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }

  /** Wraps anything thrown into an AppError; unknown failures become INTERNAL, keeping them as `cause`. */
  static from(err: unknown): AppError {
    if (err instanceof AppError) return err
    const message = err instanceof Error ? err.message : String(err)
    return new AppError('INTERNAL', `Unexpected error: ${message}`, undefined, { cause: err })
  }
}
