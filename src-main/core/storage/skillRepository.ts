import type {
  RiskLevel,
  SkillFile,
  SkillOrigin,
  SkillState,
  ToolInfo,
  TrustLevel,
  ValidationIssue,
} from '../../contract/models'
import type { GatingRequirements } from '../skills/manifest'
import type { Statement } from 'better-sqlite3'
import type { Db } from './database'

/** What the catalog needs to list a skill without reading its folder. */
export interface SkillSummaryRecord {
  id: number
  name: string
  origin: SkillOrigin
  path: string
  state: SkillState
  trust: TrustLevel
  source: string
  version: string | null
  description: string
  requires: GatingRequirements
  tags: string[]
  category: string | null
  emoji: string | null
  valid: boolean
  hasServer: boolean
  risk: RiskLevel | null
  deprecatedReason: string | null
  replacement: string | null
  fingerprint: string | null
  statSignature: string | null
}

/** Everything stored about a skill. */
export interface SkillRecord extends SkillSummaryRecord {
  frontmatter: Record<string, unknown>
  instructions: string
  declaredTools: string[]
  homepage: string | null
  license: string | null
  files: SkillFile[]
  errors: ValidationIssue[]
  warnings: ValidationIssue[]
  approvedFingerprint: string | null
  indexedAt: string
  createdAt: string
  updatedAt: string
}

/** The fields the indexer writes from a skill folder; state and trust are owned by the lifecycle. */
export type IndexedSkill = Omit<
  SkillRecord,
  | 'id'
  | 'state'
  | 'trust'
  | 'risk'
  | 'approvedFingerprint'
  | 'deprecatedReason'
  | 'replacement'
  | 'createdAt'
  | 'updatedAt'
>

const summaryColumns = `id, name, origin, path, state, trust, source, version, description, requires_json, tags_json,
  category, emoji, valid, has_server, risk, deprecated_reason, replacement, fingerprint, stat_signature`

/** The part of a skill row the indexer needs to decide whether a folder changed. */
export type SkillIndexState = Pick<
  SkillSummaryRecord,
  'id' | 'name' | 'path' | 'fingerprint' | 'statSignature'
>

type Row = Record<string, unknown>

const json = <T>(value: unknown, fallback: T): T => {
  if (typeof value !== 'string') return fallback
  try {
    return JSON.parse(value) as T
  } catch {
    return fallback
  }
}
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null)

function toSummary(row: Row): SkillSummaryRecord {
  return {
    id: row.id as number,
    name: row.name as string,
    origin: row.origin as SkillOrigin,
    path: row.path as string,
    state: row.state as SkillState,
    trust: row.trust as TrustLevel,
    source: row.source as string,
    version: str(row.version),
    description: row.description as string,
    requires: json(row.requires_json, { os: [], bins: [], anyBins: [], env: [], config: [] }),
    tags: json(row.tags_json, []),
    category: str(row.category),
    emoji: str(row.emoji),
    valid: row.valid === 1,
    hasServer: row.has_server === 1,
    risk: str(row.risk) as RiskLevel | null,
    deprecatedReason: str(row.deprecated_reason),
    replacement: str(row.replacement),
    fingerprint: str(row.fingerprint),
    statSignature: str(row.stat_signature),
  }
}

function toRecord(row: Row): SkillRecord {
  return {
    ...toSummary(row),
    frontmatter: json(row.frontmatter_json, {}),
    instructions: row.instructions as string,
    declaredTools: json(row.declared_tools_json, []),
    homepage: str(row.homepage),
    license: str(row.license),
    files: json(row.files_json, []),
    errors: json(row.errors_json, []),
    warnings: json(row.warnings_json, []),
    approvedFingerprint: str(row.approved_fingerprint),
    indexedAt: row.indexed_at as string,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  }
}

/**
 * Writes to the skill tables (through any repository on the same connection): `writeVersion`
 * counts these rather than SQLite's total_changes(), which every audit line and call metric moves.
 * Every statement that changes a skill table is taken through `write()`, which counts it.
 */
const skillWrites = new WeakMap<Db, { count: number }>()

/** Storage of skills, their cached tools and the full-text index. The only place with skill SQL. */
export class SkillRepository {
  /** Prepared once per SQL text: preparing dominated an index pass of thousands of skills. */
  private readonly statements = new Map<string, Statement>()
  private readonly writes: { count: number }

  constructor(private readonly db: Db) {
    let writes = skillWrites.get(db)
    if (!writes) skillWrites.set(db, (writes = { count: 0 }))
    this.writes = writes
  }

  /** Results of hot whole-table reads, valid while nobody wrote to the skill tables (`writeVersion`). */
  private readonly memos = new Map<string, { version: string; value: unknown }>()

  /**
   * `compute()`, reused until the skill tables are written here or another connection writes
   * (`writeVersion`). Never inside a transaction, whose uncommitted writes a rollback could undo.
   */
  private memo<T>(key: string, compute: () => T): T {
    if (this.db.inTransaction) return compute()
    const version = this.writeVersion()
    const hit = this.memos.get(key)
    if (hit && hit.version === version) return hit.value as T
    const value = compute()
    this.memos.set(key, { version, value })
    return value
  }

  /**
   * Changes whenever this process wrote to the skill tables or another connection (another
   * SkillDock process) wrote to the database: callers key caches of skill data on it.
   */
  writeVersion(): string {
    const { v } = this.st('SELECT data_version AS v FROM pragma_data_version').get() as { v: number }
    return `${this.writes.count}:${v}`
  }

  private st(sql: string): Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  /**
   * A statement that changes the skill tables, counted as a write so memoised reads (`memo`) are
   * recomputed. Counted when taken, before it runs: a memo cannot be filled in between (all of
   * this is synchronous), and a write that then fails only costs one recomputation.
   */
  private write(sql: string): Statement {
    this.writes.count++
    return this.st(sql)
  }

  /** Runs `fn` in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  count(): number {
    return (this.st('SELECT count(*) AS n FROM skills').get() as { n: number }).n
  }

  /** Every skill (or those in one state) by name; the records are shared: read them, never change them. */
  listSummaries(state?: SkillState): SkillSummaryRecord[] {
    if (state) {
      const rows = this.st(`SELECT ${summaryColumns} FROM skills WHERE state = ? ORDER BY name`).all(state)
      return (rows as Row[]).map(toSummary)
    }
    const all = this.memo('listSummaries', () =>
      (this.st(`SELECT ${summaryColumns} FROM skills ORDER BY name`).all() as Row[]).map(toSummary),
    )
    return [...all]
  }

  /** What the indexer compares per folder: no JSON to decode, so a pass over thousands stays cheap. */
  listIndexState(): SkillIndexState[] {
    const rows = this.st(
      'SELECT id, name, path, fingerprint, stat_signature FROM skills ORDER BY name',
    ).all() as Row[]
    return rows.map((row) => ({
      id: row.id as number,
      name: row.name as string,
      path: row.path as string,
      fingerprint: str(row.fingerprint),
      statSignature: str(row.stat_signature),
    }))
  }

  findSummary(name: string): SkillSummaryRecord | null {
    const row = this.st(`SELECT ${summaryColumns} FROM skills WHERE name = ?`).get(name) as Row | undefined
    return row ? toSummary(row) : null
  }

  find(name: string): SkillRecord | null {
    const row = this.st('SELECT * FROM skills WHERE name = ?').get(name) as Row | undefined
    return row ? toRecord(row) : null
  }

  /** Inserts or updates what the indexer read from disk, keeping the FTS index in step. */
  upsertIndexed(skill: IndexedSkill, initial: { state: SkillState; trust: TrustLevel }, now: string): number {
    return this.db.transaction(() => {
      const params = {
        name: skill.name,
        origin: skill.origin,
        path: skill.path,
        source: skill.source,
        version: skill.version,
        description: skill.description,
        frontmatter_json: JSON.stringify(skill.frontmatter),
        requires_json: JSON.stringify(skill.requires),
        instructions: skill.instructions,
        tags_json: JSON.stringify(skill.tags),
        declared_tools_json: JSON.stringify(skill.declaredTools),
        category: skill.category,
        emoji: skill.emoji,
        homepage: skill.homepage,
        license: skill.license,
        fingerprint: skill.fingerprint,
        stat_signature: skill.statSignature,
        files_json: JSON.stringify(skill.files),
        valid: skill.valid ? 1 : 0,
        errors_json: JSON.stringify(skill.errors),
        warnings_json: JSON.stringify(skill.warnings),
        has_server: skill.hasServer ? 1 : 0,
        indexed_at: skill.indexedAt,
        now,
        state: initial.state,
        trust: initial.trust,
      }
      const row = this.write(
        `INSERT INTO skills (name, origin, path, state, trust, source, version, description, frontmatter_json,
             requires_json, instructions, tags_json, declared_tools_json, category, emoji, homepage, license,
             fingerprint, stat_signature, files_json, valid, errors_json, warnings_json, has_server, indexed_at,
             created_at, updated_at)
           VALUES (@name, @origin, @path, @state, @trust, @source, @version, @description, @frontmatter_json,
             @requires_json, @instructions, @tags_json, @declared_tools_json, @category, @emoji, @homepage, @license,
             @fingerprint, @stat_signature, @files_json, @valid, @errors_json, @warnings_json, @has_server,
             @indexed_at, @now, @now)
           ON CONFLICT (name) DO UPDATE SET origin = excluded.origin, path = excluded.path,
             version = excluded.version, description = excluded.description,
             frontmatter_json = excluded.frontmatter_json, requires_json = excluded.requires_json,
             instructions = excluded.instructions, tags_json = excluded.tags_json,
             declared_tools_json = excluded.declared_tools_json, category = excluded.category,
             emoji = excluded.emoji, homepage = excluded.homepage, license = excluded.license,
             fingerprint = excluded.fingerprint, stat_signature = excluded.stat_signature,
             files_json = excluded.files_json, valid = excluded.valid, errors_json = excluded.errors_json,
             warnings_json = excluded.warnings_json, has_server = excluded.has_server,
             indexed_at = excluded.indexed_at, updated_at = excluded.updated_at
           RETURNING id`,
      ).get(params) as { id: number }
      this.write('DELETE FROM skills_fts WHERE rowid = ?').run(row.id)
      this.write(
        'INSERT INTO skills_fts (rowid, name, description, tags, instructions) VALUES (?, ?, ?, ?, ?)',
      ).run(
        row.id,
        skill.name.replace(/-/g, ' '),
        skill.description,
        skill.tags.join(' '),
        skill.instructions,
      )
      return row.id
    })()
  }

  /** Records that a folder's files were touched but its content is unchanged. */
  updateStatSignature(id: number, statSignature: string): void {
    this.write('UPDATE skills SET stat_signature = ? WHERE id = ?').run(statSignature, id)
  }

  /**
   * Holds an approved skill whose indexed content no longer matches its pin: state `changed`, in
   * the same transaction as the index write, so no process serves it before a person decides.
   * Returns true when the state changed here.
   */
  holdChangedPin(id: number, now: string): boolean {
    const result = this.write(
      `UPDATE skills SET state = 'changed', updated_at = ?
        WHERE id = ? AND origin != 'builtin' AND approved_fingerprint IS NOT NULL
          AND fingerprint IS NOT approved_fingerprint AND state IN ('active', 'disabled', 'installed')`,
    ).run(now, id)
    return result.changes > 0
  }

  /** What the pin check reads before serving a skill: one row, nothing to decode. */
  pinState(name: string): {
    path: string
    origin: SkillOrigin
    statSignature: string | null
    fingerprint: string | null
    approvedFingerprint: string | null
  } | null {
    const row = this.st(
      'SELECT path, origin, stat_signature, fingerprint, approved_fingerprint FROM skills WHERE name = ?',
    ).get(name) as Row | undefined
    if (!row) return null
    return {
      path: row.path as string,
      origin: row.origin as SkillOrigin,
      statSignature: str(row.stat_signature),
      fingerprint: str(row.fingerprint),
      approvedFingerprint: str(row.approved_fingerprint),
    }
  }

  /** Approved (non-bundled) skills whose indexed content differs from what was approved. */
  pinMismatches(): string[] {
    const rows = this.st(
      `SELECT name FROM skills WHERE origin != 'builtin' AND approved_fingerprint IS NOT NULL
          AND fingerprint IS NOT approved_fingerprint ORDER BY name`,
    ).all() as { name: string }[]
    return rows.map((r) => r.name)
  }

  /** Where a skill came from (`builtin`, `local:/path`, later git/http/mcp); kept across re-indexing. */
  setSource(name: string, source: string, now: string): void {
    this.write('UPDATE skills SET source = ?, updated_at = ? WHERE name = ?').run(source, now, name)
  }

  /** Pins what a person approved: content fingerprint, served-tools hash, trust and exposure. */
  approve(
    name: string,
    pin: {
      fingerprint: string
      toolsHash: string | null
      trust: TrustLevel
      allowedClients: string[] | null
      rateLimitPerMinute: number | null
      state: SkillState
      commit: string | null
    },
    now: string,
  ): void {
    this.write(
      `UPDATE skills SET approved_fingerprint = ?, pinned_tools_hash = ?, trust = ?, allowed_clients_json = ?,
           rate_limit_per_minute = ?, state = ?, approved_commit = ?, approved_at = ?, updated_at = ? WHERE name = ?`,
    ).run(
      pin.fingerprint,
      pin.toolsHash,
      pin.trust,
      pin.allowedClients === null ? null : JSON.stringify(pin.allowedClients),
      pin.rateLimitPerMinute,
      pin.state,
      pin.commit,
      now,
      now,
      name,
    )
  }

  /** What was pinned at the last approval. */
  pins(
    name: string,
  ): { approvedFingerprint: string | null; toolsHash: string | null; commit: string | null } | null {
    const row = this.st(
      'SELECT approved_fingerprint, pinned_tools_hash, approved_commit FROM skills WHERE name = ?',
    ).get(name) as
      | {
          approved_fingerprint: string | null
          pinned_tools_hash: string | null
          approved_commit: string | null
        }
      | undefined
    return row
      ? {
          approvedFingerprint: row.approved_fingerprint,
          toolsHash: row.pinned_tools_hash,
          commit: row.approved_commit,
        }
      : null
  }

  /** Pins the served tools of an approved skill at its first start after approval. */
  setToolsHash(name: string, hash: string): void {
    this.write('UPDATE skills SET pinned_tools_hash = ? WHERE name = ?').run(hash, name)
  }

  setRisk(name: string, risk: RiskLevel | null, now: string): void {
    this.write('UPDATE skills SET risk = ?, updated_at = ? WHERE name = ?').run(risk, now, name)
  }

  setDeprecation(name: string, reason: string | null, replacement: string | null, now: string): void {
    this.write('UPDATE skills SET deprecated_reason = ?, replacement = ?, updated_at = ? WHERE name = ?').run(
      reason,
      replacement,
      now,
      name,
    )
  }

  setPromoted(name: string, now: string): void {
    this.write("UPDATE skills SET promoted_at = ?, state = 'builtin', updated_at = ? WHERE name = ?").run(
      now,
      now,
      name,
    )
  }

  setState(name: string, state: SkillState, now: string): void {
    this.write('UPDATE skills SET state = ?, updated_at = ? WHERE name = ?').run(state, now, name)
  }

  delete(id: number): void {
    this.db.transaction(() => {
      this.write('DELETE FROM skills_fts WHERE rowid = ?').run(id)
      this.write('DELETE FROM skills WHERE id = ?').run(id)
    })()
  }

  /** BM25-ranked matches of an FTS5 query, deprecated skills left out; a lower rank is a better match. */
  search(ftsQuery: string, limit: number): { name: string; description: string; rank: number }[] {
    return this.st(
      `SELECT s.name AS name, s.description AS description,
                bm25(skills_fts, 10.0, 4.0, 3.0, 1.0) AS rank
           FROM skills_fts JOIN skills s ON s.id = skills_fts.rowid
          WHERE skills_fts MATCH ? AND s.deprecated_reason IS NULL
          ORDER BY rank
          LIMIT ?`,
    ).all(ftsQuery, limit) as { name: string; description: string; rank: number }[]
  }

  /** Who may see a skill over MCP and how often it may be called (set when a person approves it). */
  exposure(name: string): { allowedClients: string[] | null; rateLimitPerMinute: number | null } | null {
    const row = this.st('SELECT allowed_clients_json, rate_limit_per_minute FROM skills WHERE name = ?').get(
      name,
    ) as { allowed_clients_json: string | null; rate_limit_per_minute: number | null } | undefined
    if (!row) return null
    return {
      allowedClients: row.allowed_clients_json === null ? null : json<string[]>(row.allowed_clients_json, []),
      rateLimitPerMinute: row.rate_limit_per_minute,
    }
  }

  /**
   * `exposure` and the file sizes of every skill in one query, for the MCP endpoint's per-request
   * visibility check (one query instead of two full-row reads per skill).
   */
  servingInfo(): Map<
    string,
    {
      allowedClients: string[] | null
      rateLimitPerMinute: number | null
      files: { size: number }[]
    }
  > {
    return this.memo('servingInfo', () => this.readServingInfo())
  }

  private readServingInfo(): Map<
    string,
    { allowedClients: string[] | null; rateLimitPerMinute: number | null; files: { size: number }[] }
  > {
    const rows = this.st(
      'SELECT name, allowed_clients_json, rate_limit_per_minute, files_json FROM skills',
    ).all() as {
      name: string
      allowed_clients_json: string | null
      rate_limit_per_minute: number | null
      files_json: string | null
    }[]
    return new Map(
      rows.map((row) => [
        row.name,
        {
          allowedClients:
            row.allowed_clients_json === null ? null : json<string[]>(row.allowed_clients_json, []),
          rateLimitPerMinute: row.rate_limit_per_minute,
          files: json<{ size: number }[]>(row.files_json, []),
        },
      ]),
    )
  }

  /** The cached tools of several skills in one query, by skill name; unknown names are absent. */
  toolsByName(names: readonly string[]): Map<string, ToolInfo[]> {
    const all = this.memo('toolsByName', () => this.allToolsByName())
    const result = new Map<string, ToolInfo[]>()
    for (const name of names) {
      const tools = all.get(name)
      if (tools) result.set(name, tools)
    }
    return result
  }

  private allToolsByName(): Map<string, ToolInfo[]> {
    const result = new Map<string, ToolInfo[]>()
    const known = this.st('SELECT name FROM skills').all() as { name: string }[]
    for (const { name } of known) result.set(name, [])
    const rows = this.st(
      `SELECT s.name AS skill, t.name, t.description, t.input_schema_json
         FROM skill_tools t JOIN skills s ON s.id = t.skill_id ORDER BY s.name, t.name`,
    ).all() as Row[]
    for (const r of rows) {
      const list = result.get(r.skill as string)
      if (!list) continue
      list.push({
        name: r.name as string,
        description: r.description as string,
        inputSchema: json(r.input_schema_json, {}),
      })
    }
    return result
  }

  /** The row id of a skill, or null: a cheap existence check. */
  idOf(name: string): number | null {
    const row = this.st('SELECT id FROM skills WHERE name = ?').get(name) as { id: number } | undefined
    return row ? row.id : null
  }

  /** Replaces the cached tool list with what the server just served. */
  replaceTools(skillId: number, tools: ToolInfo[], now: string): void {
    this.db.transaction(() => {
      this.write('DELETE FROM skill_tools WHERE skill_id = ?').run(skillId)
      const insert = this.write(
        'INSERT INTO skill_tools (skill_id, name, description, input_schema_json, updated_at) VALUES (?, ?, ?, ?, ?)',
      )
      for (const t of tools) insert.run(skillId, t.name, t.description, JSON.stringify(t.inputSchema), now)
    })()
  }

  /** The tool list cached from the skill server's last handshake. */
  tools(skillId: number): ToolInfo[] {
    const rows = this.st(
      'SELECT name, description, input_schema_json FROM skill_tools WHERE skill_id = ? ORDER BY name',
    ).all(skillId) as Row[]
    return rows.map((r) => ({
      name: r.name as string,
      description: r.description as string,
      inputSchema: json(r.input_schema_json, {}),
    }))
  }
}
