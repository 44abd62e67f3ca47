import type { Db } from './database'

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

/** Storage of the MCP endpoint's clients (`client_tokens`). The only place with client SQL. */
export class ClientRepository {
  constructor(private readonly db: Db) {}

  list(): ClientRecord[] {
    return (this.db.prepare('SELECT * FROM client_tokens ORDER BY name').all() as Row[]).map(toRecord)
  }

  find(name: string): ClientRecord | null {
    const row = this.db.prepare('SELECT * FROM client_tokens WHERE name = ?').get(name) as Row | undefined
    return row ? toRecord(row) : null
  }

  findByHash(tokenHash: string): ClientRecord | null {
    const row = this.db.prepare('SELECT * FROM client_tokens WHERE token_hash = ?').get(tokenHash) as
      Row | undefined
    return row ? toRecord(row) : null
  }

  insert(name: string, tokenHash: string, mode: ClientMode, now: string): ClientRecord {
    const row = this.db
      .prepare(
        'INSERT INTO client_tokens (name, token_hash, mode, created_at) VALUES (?, ?, ?, ?) RETURNING *',
      )
      .get(name, tokenHash, mode, now) as Row
    return toRecord(row)
  }

  /** Replaces a client's token (the old one stops working at once). */
  replaceToken(name: string, tokenHash: string): void {
    this.db.prepare('UPDATE client_tokens SET token_hash = ? WHERE name = ?').run(tokenHash, name)
  }

  touch(id: number, now: string): void {
    this.db.prepare('UPDATE client_tokens SET last_used_at = ? WHERE id = ?').run(now, id)
  }

  delete(name: string): boolean {
    return this.db.prepare('DELETE FROM client_tokens WHERE name = ?').run(name).changes > 0
  }
}
