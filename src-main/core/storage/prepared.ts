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
