import type { RiskLevel, SkillOrigin, SkillState, TrustLevel } from '../../contract/models'
import {
  str,
  summaryColumns,
  toRecord,
  toSummary,
  type IndexedSkill,
  type Row,
  type SkillIndexState,
  type SkillRecord,
  type SkillSummaryRecord,
} from './skillRows'
import { SkillToolQueries } from './skillToolQueries'

export type { IndexedSkill, SkillIndexState, SkillRecord, SkillSummaryRecord } from './skillRows'

/** Storage of skills, their cached tools and the full-text index. The only place with skill SQL. */
export class SkillRepository extends SkillToolQueries {
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
    // Asked before every call and every read of a skill's content: a query only after a write.
    return this.memo(`pinState:${name}`, () => {
      const row = this.st(
        'SELECT path, origin, stat_signature, fingerprint, approved_fingerprint FROM skills WHERE name = ?',
      ).get(name) as Row | undefined
      if (!row) return null
      return Object.freeze({
        path: row.path as string,
        origin: row.origin as SkillOrigin,
        statSignature: str(row.stat_signature),
        fingerprint: str(row.fingerprint),
        approvedFingerprint: str(row.approved_fingerprint),
      })
    })
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
}
