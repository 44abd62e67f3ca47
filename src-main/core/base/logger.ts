export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** Structured logging. Callers never pass secrets; fields are for ids, names, sizes and durations. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

/** Writes JSON lines to a sink (stderr by default) at or above a minimum level. */
export class JsonLineLogger implements Logger {
  constructor(
    private readonly minLevel: LogLevel = 'warn',
    private readonly write: (line: string) => void = (line) => process.stderr.write(line),
  ) {}

  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    if (order[level] < order[this.minLevel]) return
    this.write(JSON.stringify({ t: new Date().toISOString(), level, message, ...fields }) + '\n')
  }
}

/** Discards everything; for tests and quiet CLI runs. */
export const silentLogger: Logger = { log() {} }
