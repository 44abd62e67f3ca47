import type { RepoInfo, SourceType } from '../../contract/sources'
import type { Db } from './database'

export interface NewRepo {
  name: string
  type: SourceType
  url: string
  ref: string | null
  autoSyncMinutes: number | null
  allowLocal: boolean
}

const columns = `id, name, type, url, ref, auto_sync_minutes, allow_local, last_sync_at, last_status, last_error, created_at`

function toInfo(row: Record<string, unknown>): RepoInfo {
  return {
    id: row.id as number,
    name: row.name as string,
    type: row.type as SourceType,
    url: row.url as string,
    ref: (row.ref as string | null) ?? null,
    autoSyncMinutes: (row.auto_sync_minutes as number | null) ?? null,
    allowLocal: row.allow_local === 1,
    lastSyncAt: (row.last_sync_at as string | null) ?? null,
    lastStatus: (row.last_status as RepoInfo['lastStatus']) ?? null,
    lastError: (row.last_error as string | null) ?? null,
    createdAt: row.created_at as string,
  }
}

/** The `repos` table: configured skill sources and the outcome of their last sync. */
export class RepoRepository {
  constructor(private readonly db: Db) {}

  create(repo: NewRepo, now: string): RepoInfo {
    const result = this.db
      .prepare(
        `INSERT INTO repos (name, type, url, ref, auto_sync_minutes, allow_local, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(repo.name, repo.type, repo.url, repo.ref, repo.autoSyncMinutes, repo.allowLocal ? 1 : 0, now)
    return this.byId(Number(result.lastInsertRowid))!
  }

  byId(id: number): RepoInfo | null {
    const row = this.db.prepare(`SELECT ${columns} FROM repos WHERE id = ?`).get(id)
    return row ? toInfo(row as Record<string, unknown>) : null
  }

  byName(name: string): RepoInfo | null {
    const row = this.db.prepare(`SELECT ${columns} FROM repos WHERE name = ?`).get(name)
    return row ? toInfo(row as Record<string, unknown>) : null
  }

  list(): RepoInfo[] {
    return (
      this.db.prepare(`SELECT ${columns} FROM repos ORDER BY name`).all() as Record<string, unknown>[]
    ).map(toInfo)
  }

  setSyncOutcome(id: number, status: 'ok' | 'error' | 'cancelled', error: string | null, now: string): void {
    this.db
      .prepare('UPDATE repos SET last_sync_at = ?, last_status = ?, last_error = ? WHERE id = ?')
      .run(now, status, error, id)
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM repos WHERE id = ?').run(id)
  }
}
