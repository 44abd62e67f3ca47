import type { ActivityEntry, ActivityQuery, MetricsPoint, ToolMetrics } from '../../contract/activity'
import type { Clock } from '../base/clock'
import { flushCalls } from '../storage/callLog'
import type { Db } from '../storage/database'

const DEFAULT_LIMIT = 200

interface CallRow {
  skill: string
  tool: string
  outcome: string | null
  duration: number | null
  at: string
}

/** The nearest-rank percentile of sorted values, or null when there are none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] ?? null
}

/** Reads the audit log for the Activity screen, and call metrics from the per-call table (`CallLog`). */
export class ActivityLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  list(query: ActivityQuery): { entries: ActivityEntry[]; nextBefore: number | null } {
    const where: string[] = []
    const params: (string | number)[] = []
    if (query.skill !== undefined) {
      where.push('skill_name = ?')
      params.push(query.skill)
    }
    if (query.client !== undefined) {
      where.push('client = ?')
      params.push(query.client)
    }
    if (query.outcome !== undefined) {
      where.push('outcome = ?')
      params.push(query.outcome)
    }
    if (query.action !== undefined) {
      if (query.action.endsWith('.')) {
        where.push("action LIKE ? ESCAPE '\\'")
        params.push(`${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      } else {
        where.push('action = ?')
        params.push(query.action)
      }
    }
    if (query.since !== undefined) {
      where.push('at >= ?')
      params.push(new Date(query.since).toISOString())
    }
    if (query.until !== undefined) {
      where.push('at <= ?')
      params.push(new Date(query.until).toISOString())
    }
    if (query.before !== undefined) {
      where.push('id < ?')
      params.push(query.before)
    }
    const limit = query.limit ?? DEFAULT_LIMIT
    const rows = this.db
      .prepare(
        `SELECT id, at, actor, action, skill_name, client, outcome, detail_json FROM audit_log
          ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY id DESC LIMIT ?`,
      )
      .all(...params, limit + 1) as {
      id: number
      at: string
      actor: string
      action: string
      skill_name: string | null
      client: string | null
      outcome: string | null
      detail_json: string
    }[]
    const page = rows.slice(0, limit)
    return {
      entries: page.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        action: r.action,
        skill: r.skill_name,
        client: r.client,
        outcome: r.outcome,
        detail: parseDetail(r.detail_json),
      })),
      nextBefore: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
    }
  }

  /** Calls, errors, p50/p95 and last use per skill and tool, busiest first. */
  tools(query: { skill?: string; since?: string }): ToolMetrics[] {
    const groups = new Map<string, { skill: string; tool: string; rows: CallRow[] }>()
    for (const row of this.calls(query.skill, query.since)) {
      const tool = row.tool
      const key = `${row.skill}\u0000${tool}`
      let group = groups.get(key)
      if (!group) groups.set(key, (group = { skill: row.skill, tool, rows: [] }))
      group.rows.push(row)
    }
    return [...groups.values()]
      .map(({ skill, tool, rows }) => {
        const durations = sortedDurations(rows)
        return {
          skill,
          tool,
          calls: rows.length,
          errors: rows.filter((r) => r.outcome !== 'ok').length,
          p50Ms: percentile(durations, 50),
          p95Ms: percentile(durations, 95),
          lastUsedAt: rows.reduce<string | null>(
            (last, r) => (last === null || r.at > last ? r.at : last),
            null,
          ),
        }
      })
      .sort((a, b) => b.calls - a.calls || a.skill.localeCompare(b.skill) || a.tool.localeCompare(b.tool))
  }

  /** A skill's calls in `buckets` equal slices of the last `hours`, oldest first. */
  series(query: { skill: string; tool?: string; hours?: number; buckets?: number }): {
    bucketMinutes: number
    points: MetricsPoint[]
  } {
    const hours = query.hours ?? 24
    const count = query.buckets ?? 24
    const end = this.clock.now().getTime()
    const span = hours * 3_600_000
    const width = span / count
    const start = end - span
    const slots = Array.from({ length: count }, () => [] as CallRow[])
    for (const row of this.calls(query.skill, new Date(start).toISOString())) {
      if (query.tool !== undefined && row.tool !== query.tool) continue
      const at = Date.parse(row.at)
      if (!(at >= start && at <= end)) continue
      slots[Math.min(count - 1, Math.floor((at - start) / width))]?.push(row)
    }
    return {
      bucketMinutes: width / 60_000,
      points: slots.map((rows, i) => ({
        start: new Date(start + i * width).toISOString(),
        calls: rows.length,
        errors: rows.filter((r) => r.outcome !== 'ok').length,
        p50Ms: percentile(sortedDurations(rows), 50),
      })),
    }
  }

  private calls(skill: string | undefined, since: string | undefined): CallRow[] {
    // A dry run is a plan, not a call: it neither counts nor fails. Denied, expired and rate-limited
    // calls count as errors (the caller got none of what it asked for) but have no latency.
    const where = ["outcome <> 'dry_run'"]
    const params: string[] = []
    if (skill !== undefined) {
      where.push('skill = ?')
      params.push(skill)
    }
    if (since !== undefined) {
      where.push('at >= ?')
      params.push(new Date(since).toISOString())
    }
    // Rows of this process's latest calls may still wait (up to 50 ms) to be written.
    flushCalls(this.db)
    return this.db
      .prepare(
        `SELECT skill, tool, outcome, duration_ms AS duration, at FROM tool_calls WHERE ${where.join(' AND ')}`,
      )
      .all(...params) as CallRow[]
  }
}

/** Outcomes of calls that reached the skill's server; only these have a latency worth counting. */
const RAN = new Set(['ok', 'error', 'timeout', 'crashed', 'cancelled'])

function sortedDurations(rows: readonly CallRow[]): number[] {
  return rows
    .filter((r) => r.outcome !== null && RAN.has(r.outcome))
    .map((r) => r.duration)
    .filter((d): d is number => typeof d === 'number' && Number.isFinite(d))
    .sort((a, b) => a - b)
}

function parseDetail(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json)
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}
