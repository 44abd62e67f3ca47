import type { Statement } from 'better-sqlite3'
import type { Db } from './database'

const caches = new WeakMap<Db, Map<string, Statement>>()

/**
 * `db.prepare(sql)`, prepared once per connection and SQL text. Preparing costs more than running
 * most of SkillDock's statements, and the call path runs several on every tool call. A cached
 * statement is safe to reuse: better-sqlite3 runs each to completion before returning.
 */
export function prepared(db: Db, sql: string): Statement {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  let statement = cache.get(sql)
  if (!statement) {
    statement = db.prepare(sql)
    cache.set(sql, statement)
  }
  return statement
}

const versions = new WeakMap<Db, number>()

/**
 * SQLite's `data_version` of the connection: it moves when another connection (another SkillDock
 * process) commits. Caches of database reads key on it, and one tool call asks several times; the
 * value is read once per synchronous stretch of code and read again after it (a microtask later),
 * so a commit elsewhere is seen by the next step that looks.
 */
export function dataVersion(db: Db): number {
  let version = versions.get(db)
  if (version === undefined) {
    version = (prepared(db, 'PRAGMA data_version').get() as { data_version: number }).data_version
    versions.set(db, version)
    queueMicrotask(() => versions.delete(db))
  }
  return version
}

/**
 * Values read from the database, each kept while its version (`dataVersion` plus the caller's own
 * write counter) stays the same: a commit of another process or a write here reads it again. For
 * the rows every tool call reads (its skill's gate row, the client's role, the limits); callers
 * get the shared value and must not change it.
 */
export class VersionedReads<T> {
  private readonly entries = new Map<string, { version: string; value: T }>()

  constructor(private readonly maxEntries = 10_000) {}

  get(db: Db, key: string, version: string, read: () => T): T {
    // Inside a transaction a write may still be rolled back: read, but keep nothing.
    if (db.inTransaction) return read()
    const hit = this.entries.get(key)
    if (hit && hit.version === version) return hit.value
    const value = read()
    if (this.entries.size >= this.maxEntries) this.entries.clear()
    this.entries.set(key, { version, value })
    return value
  }
}
