import type { Db } from './database'

export interface CallRecord {
  skill: string
  tool: string
  client: string | null
  /** ok, error, timeout, crashed, cancelled; or denied, expired, rate_limited, dry_run when a policy stopped it. */
  outcome: string
  /** Time spent in the skill's server; null when the call never reached it. */
  durationMs: number | null
}

/** How long call rows are kept for metrics. */
export const CALL_RETENTION_DAYS = 90

/** Rows kept for a later try while another process holds the write lock; older ones go first. */
const MAX_PENDING = 10_000
const RETRY_MS = 1000
/** How long a row may wait to share its commit with the next ones (sequential calls, one per turn). */
const FLUSH_MS = 50
/** Rows written at once at most before the next turn of the event loop. */
const BATCH = 256

/** The call log of each connection, so readers of `tool_calls` in this process see every row (`flushCalls`). */
const logs = new WeakMap<Db, CallLog>()

/** Writes the rows recorded but not yet written on this connection; readers of `tool_calls` call it first. */
export function flushCalls(db: Db): void {
  logs.get(db)?.flush()
}

/**
 * One row per tool call, for metrics (calls, errors, latency); never arguments or results. Rows are
 * written at most 50 ms after their call (sooner once 256 wait), in one transaction: the insert is
 * off the call's own path (its answer goes out first), and calls close together share a commit.
 * Readers in this process flush first (`flushCalls`), shutting down flushes; a process killed
 * within those 50 ms loses only those metric rows (the audit log is written with the call), and
 * another process reading metrics sees a row at most that much later.
 */
export class CallLog {
  private readonly insert
  private pending: [string, string, string, string | null, string, number | null][] = []
  private scheduled: NodeJS.Timeout | null = null
  private soon: NodeJS.Immediate | null = null
  private retry: NodeJS.Timeout | null = null

  constructor(
    private readonly db: Db,
    private readonly recorded?: (entry: CallRecord) => void,
  ) {
    this.insert = db.prepare(
      'INSERT INTO tool_calls (at, skill, tool, client, outcome, duration_ms) VALUES (?, ?, ?, ?, ?, ?)',
    )
    logs.set(db, this)
  }

  record(entry: CallRecord, at: string): void {
    this.pending.push([at, entry.skill, entry.tool, entry.client, entry.outcome, entry.durationMs])
    if (!this.retry) this.schedule()
    try {
      this.recorded?.(entry)
    } catch {
      // A listener's failure must never fail the call it describes.
    }
  }

  private schedule(): void {
    if (this.pending.length >= BATCH) {
      this.soon ??= setImmediate(() => this.flush())
    } else if (!this.scheduled) {
      this.scheduled = setTimeout(() => this.flush(), FLUSH_MS)
      this.scheduled.unref()
    }
  }

  /** Writes the pending rows now (a closed database drops them: the process is shutting down). */
  flush(): void {
    if (this.scheduled) clearTimeout(this.scheduled)
    if (this.soon) clearImmediate(this.soon)
    if (this.retry) clearTimeout(this.retry)
    this.scheduled = null
    this.soon = null
    this.retry = null
    if (this.pending.length === 0) return
    const rows = this.pending
    this.pending = []
    if (!this.db.open) return
    try {
      this.db.transaction(() => {
        for (const row of rows) this.insert.run(...row)
      })()
    } catch {
      // Written outside any call, so nothing would catch this: another process holding the write
      // lock past the busy timeout (a long index or sync) ended serve. The rows wait for a retry.
      this.pending = [...rows, ...this.pending].slice(-MAX_PENDING)
      this.retry = setTimeout(() => this.flush(), RETRY_MS)
      this.retry.unref()
    }
  }

  /** Drops rows older than the retention period; returns how many went. */
  prune(now: Date, days = CALL_RETENTION_DAYS): number {
    this.flush()
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString()
    return this.db.prepare('DELETE FROM tool_calls WHERE at < ?').run(cutoff).changes
  }
}
