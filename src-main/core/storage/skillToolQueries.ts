import type { ToolInfo } from '../../contract/models'
import { json, type Row } from './skillRows'
import { SkillStatements } from './skillStatements'

/** Search, MCP visibility and the cached tool lists: the reads the MCP endpoint makes per request. */
export abstract class SkillToolQueries extends SkillStatements {
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
