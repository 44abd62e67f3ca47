import type { CallPolicy, ClientRole, LimitScope, PolicyKind, RateLimit, Role } from '../../contract/policies'
import type { Db } from '../storage/database'
import { dataVersion, prepared, VersionedReads } from '../storage/prepared'

type PolicyRow = {
  id: number
  skill_pattern: string
  tool_pattern: string
  kind: PolicyKind
  timeout_seconds: number
  created_at: string
}
type LimitRow = {
  id: number
  scope: LimitScope
  target: string
  max_calls: number
  window_seconds: number
  created_at: string
}

const toPolicy = (r: PolicyRow): CallPolicy => ({
  id: r.id,
  skill: r.skill_pattern,
  tool: r.tool_pattern,
  kind: r.kind,
  timeoutSeconds: r.timeout_seconds,
  createdAt: r.created_at,
})
const toLimit = (r: LimitRow): RateLimit => ({
  id: r.id,
  scope: r.scope,
  target: r.target,
  maxCalls: r.max_calls,
  windowSeconds: r.window_seconds,
  createdAt: r.created_at,
})

/** Writes to the policy tables per connection (any repository on it), for the versioned reads. */
const policyWrites = new WeakMap<Db, { count: number }>()

/**
 * Storage of call policies, roles, client role assignments and rate limits. The only place with
 * their SQL. What every call reads (the policies, the client's role, the limits that apply) is read
 * again only after a write here or a commit of another connection (`VersionedReads`).
 */
export class PolicyRepository {
  private readonly writes: { count: number }
  private readonly reads = new VersionedReads<unknown>()

  constructor(private readonly db: Db) {
    let writes = policyWrites.get(db)
    if (!writes) policyWrites.set(db, (writes = { count: 0 }))
    this.writes = writes
  }

  private version(): string {
    return `${this.writes.count}:${dataVersion(this.db)}`
  }

  private cached<T>(key: string, read: () => T): T {
    return this.reads.get(this.db, key, this.version(), read) as T
  }

  /** A statement that changes the policy tables: counted first, so the versioned reads are read again. */
  private write(sql: string) {
    this.writes.count++
    return prepared(this.db, sql)
  }

  /** Every policy; shared with other callers: read it, never change it. */
  policies(): readonly CallPolicy[] {
    return this.cached('policies', () =>
      (prepared(this.db, 'SELECT * FROM call_policies ORDER BY id').all() as PolicyRow[]).map(toPolicy),
    )
  }

  addPolicy(p: { skill: string; tool: string; kind: PolicyKind; timeoutSeconds: number }, now: string) {
    const row = this.write(
      `INSERT INTO call_policies (skill_pattern, tool_pattern, kind, timeout_seconds, created_at)
         VALUES (?, ?, ?, ?, ?) RETURNING *`,
    ).get(p.skill, p.tool, p.kind, p.timeoutSeconds, now) as PolicyRow
    return toPolicy(row)
  }

  removePolicy(id: number): boolean {
    return this.write('DELETE FROM call_policies WHERE id = ?').run(id).changes > 0
  }

  roles(): Role[] {
    const rows = prepared(this.db, 'SELECT * FROM roles ORDER BY name').all() as {
      name: string
      allow_json: string
      created_at: string
    }[]
    const assigned = prepared(this.db, 'SELECT client, role FROM client_roles ORDER BY client').all() as {
      client: string
      role: string
    }[]
    return rows.map((r) => ({
      name: r.name,
      allow: JSON.parse(r.allow_json) as string[],
      clients: assigned.filter((a) => a.role === r.name).map((a) => a.client),
      createdAt: r.created_at,
    }))
  }

  role(name: string): Role | null {
    return this.roles().find((r) => r.name === name) ?? null
  }

  saveRole(name: string, allow: readonly string[], now: string): void {
    this.write(
      `INSERT INTO roles (name, allow_json, created_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET allow_json = excluded.allow_json`,
    ).run(name, JSON.stringify(allow), now)
  }

  removeRole(name: string): boolean {
    return this.write('DELETE FROM roles WHERE name = ?').run(name).changes > 0
  }

  /** A client's role with its allow patterns, or null when the client has no role. */
  roleOf(client: string): { name: string; allow: string[] } | null {
    return this.cached(`role:${client}`, () => this.readRoleOf(client))
  }

  private readRoleOf(client: string): { name: string; allow: string[] } | null {
    const row = prepared(
      this.db,
      `SELECT r.name, r.allow_json FROM client_roles c JOIN roles r ON r.name = c.role WHERE c.client = ?`,
    ).get(client) as { name: string; allow_json: string } | undefined
    return row ? { name: row.name, allow: JSON.parse(row.allow_json) as string[] } : null
  }

  clientRoles(): ClientRole[] {
    return prepared(
      this.db,
      `SELECT t.name AS client, t.mode AS mode, c.role AS role FROM client_tokens t
           LEFT JOIN client_roles c ON c.client = t.name ORDER BY t.name`,
    ).all() as ClientRole[]
  }

  clientExists(client: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM client_tokens WHERE name = ?').get(client) !== undefined
  }

  assignRole(client: string, role: string | null, now: string): void {
    if (role === null) {
      this.write('DELETE FROM client_roles WHERE client = ?').run(client)
      return
    }
    this.write(
      `INSERT INTO client_roles (client, role, assigned_at) VALUES (?, ?, ?)
         ON CONFLICT (client) DO UPDATE SET role = excluded.role, assigned_at = excluded.assigned_at`,
    ).run(client, role, now)
  }

  limits(): RateLimit[] {
    return (prepared(this.db, 'SELECT * FROM rate_limits ORDER BY scope, target').all() as LimitRow[]).map(
      toLimit,
    )
  }

  /** The limits that apply to a call of `skill` by `client`. */
  limitsFor(skill: string, client: string): readonly RateLimit[] {
    return this.cached(`limits:${skill}\0${client}`, () => this.readLimitsFor(skill, client))
  }

  private readLimitsFor(skill: string, client: string): RateLimit[] {
    const rows = prepared(
      this.db,
      `SELECT * FROM rate_limits WHERE (scope = 'skill' AND target = ?) OR (scope = 'client' AND target = ?)
          ORDER BY scope DESC`,
    ).all(skill, client) as LimitRow[]
    return rows.map(toLimit)
  }

  setLimit(l: { scope: LimitScope; target: string; maxCalls: number; windowSeconds: number }, now: string) {
    const row = this.write(
      `INSERT INTO rate_limits (scope, target, max_calls, window_seconds, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (scope, target) DO UPDATE SET max_calls = excluded.max_calls,
           window_seconds = excluded.window_seconds
         RETURNING *`,
    ).get(l.scope, l.target, l.maxCalls, l.windowSeconds, now) as LimitRow
    return toLimit(row)
  }

  removeLimit(scope: LimitScope, target: string): boolean {
    return this.write('DELETE FROM rate_limits WHERE scope = ? AND target = ?').run(scope, target).changes > 0
  }

  /**
   * Counts a call against every limit at once, in one transaction (other processes share the
   * counts): returns the first limit that is spent with the time of its oldest counted call, or
   * null after recording the call under each limit.
   */
  admit(limits: readonly RateLimit[], nowMs: number): { limit: RateLimit; oldestMs: number } | null {
    return this.db
      .transaction(() => {
        const count = prepared(
          this.db,
          'SELECT COUNT(*) AS n, MIN(at_ms) AS oldest FROM rate_limit_hits WHERE limit_id = ? AND at_ms > ?',
        )
        for (const limit of limits) {
          const since = nowMs - limit.windowSeconds * 1000
          prepared(this.db, 'DELETE FROM rate_limit_hits WHERE limit_id = ? AND at_ms <= ?').run(
            limit.id,
            since,
          )
          const { n, oldest } = count.get(limit.id, since) as { n: number; oldest: number | null }
          if (n >= limit.maxCalls) return { limit, oldestMs: oldest ?? nowMs }
        }
        const insert = prepared(this.db, 'INSERT INTO rate_limit_hits (limit_id, at_ms) VALUES (?, ?)')
        for (const limit of limits) insert.run(limit.id, nowMs)
        return null
      })
      .immediate()
  }
}
