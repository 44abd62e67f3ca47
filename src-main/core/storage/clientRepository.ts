import type { Statement } from 'better-sqlite3'
import type { Db } from './database'
import { dataVersion } from './prepared'

export type ClientMode = 'catalog' | 'direct'

/** A named MCP client; only the sha256 of its token is stored. */
export interface ClientRecord {
  id: number
  name: string
  tokenHash: string
  mode: ClientMode
  createdAt: string
  lastUsedAt: string | null
}

type Row = {
  id: number
  name: string
  token_hash: string
  mode: ClientMode
  created_at: string
  last_used_at: string | null
}

const toRecord = (row: Row): ClientRecord => ({
  id: row.id,
  name: row.name,
  tokenHash: row.token_hash,
  mode: row.mode,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
})

/** Changes to who the clients are (any repository on the same connection), for `writeVersion`. */
const clientChanges = new WeakMap<Db, { count: number }>()

/** Storage of the MCP endpoint's clients (`client_tokens`). The only place with client SQL. */
export class ClientRepository {
  private byHash: Statement | null = null
  private readonly changes: { count: number }

  constructor(private readonly db: Db) {
    let changes = clientChanges.get(db)
    if (!changes) clientChanges.set(db, (changes = { count: 0 }))
    this.changes = changes
  }

  list(): ClientRecord[] {
    return (this.db.prepare('SELECT * FROM client_tokens ORDER BY name').all() as Row[]).map(toRecord)
  }

  find(name: string): ClientRecord | null {
    const row = this.db.prepare('SELECT * FROM client_tokens WHERE name = ?').get(name) as Row | undefined
    return row ? toRecord(row) : null
  }

  /**
   * Changes whenever this process added, removed or re-keyed a client, or another connection
   * (another SkillDock process) wrote to the database.
   */
  writeVersion(): string {
    return `${this.changes.count}:${dataVersion(this.db)}`
  }

  /** Asked on every MCP request, so its statement is prepared once. */
  findByHash(tokenHash: string): ClientRecord | null {
    this.byHash ??= this.db.prepare('SELECT * FROM client_tokens WHERE token_hash = ?')
    const row = this.byHash.get(tokenHash) as Row | undefined
    return row ? toRecord(row) : null
  }

  insert(name: string, tokenHash: string, mode: ClientMode, now: string): ClientRecord {
    this.changes.count++
    const row = this.db
      .prepare(
        'INSERT INTO client_tokens (name, token_hash, mode, created_at) VALUES (?, ?, ?, ?) RETURNING *',
      )
      .get(name, tokenHash, mode, now) as Row
    return toRecord(row)
  }

  /** Replaces a client's token (the old one stops working at once). */
  replaceToken(name: string, tokenHash: string): void {
    this.changes.count++
    this.db.prepare('UPDATE client_tokens SET token_hash = ? WHERE name = ?').run(tokenHash, name)
  }

  touch(id: number, now: string): void {
    this.db.prepare('UPDATE client_tokens SET last_used_at = ? WHERE id = ?').run(now, id)
  }

  delete(name: string): boolean {
    this.changes.count++
    return this.db.prepare('DELETE FROM client_tokens WHERE name = ?').run(name).changes > 0
  }
}
