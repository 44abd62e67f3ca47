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

/** One row per tool call, for metrics (calls, errors, latency); never arguments or results. */
export class CallLog {
  private readonly insert
  constructor(
    private readonly db: Db,
    private readonly recorded?: (entry: CallRecord) => void,
  ) {
    this.insert = db.prepare(
      'INSERT INTO tool_calls (at, skill, tool, client, outcome, duration_ms) VALUES (?, ?, ?, ?, ?, ?)',
    )
  }

  record(entry: CallRecord, at: string): void {
    this.insert.run(at, entry.skill, entry.tool, entry.client, entry.outcome, entry.durationMs)
    try {
      this.recorded?.(entry)
    } catch {
      // A listener's failure must never fail the call it describes.
    }
  }

  /** Drops rows older than the retention period; returns how many went. */
  prune(now: Date, days = CALL_RETENTION_DAYS): number {
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString()
    return this.db.prepare('DELETE FROM tool_calls WHERE at < ?').run(cutoff).changes
  }
}
