import type { AppErrorJson, ErrorCode } from '../../contract/errors'

/** The one error type of the core. Its message says what happened and what to do next. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'AppError'
  }

  toJSON(): AppErrorJson {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }

  /** Wraps anything thrown into an AppError; unknown failures become INTERNAL. */
  static from(err: unknown): AppError {
    if (err instanceof AppError) return err
    const message = err instanceof Error ? err.message : String(err)
    return new AppError('INTERNAL', `Unexpected error: ${message}`)
  }
}
