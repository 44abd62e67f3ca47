import type { Statement } from 'better-sqlite3'
import type { Db } from './database'
import { dataVersion } from './prepared'

/**
 * Writes to the skill tables (through any repository on the same connection): `writeVersion`
 * counts these rather than SQLite's total_changes(), which every audit line and call metric moves.
 * Every statement that changes a skill table is taken through `write()`, which counts it.
 */
const skillWrites = new WeakMap<Db, { count: number }>()

/** What `SkillStatements.writeVersion` answers, for readers of the skill tables outside the repository. */
export function skillTablesVersion(db: Db): string {
  return `${skillWrites.get(db)?.count ?? 0}:${dataVersion(db)}`
}

/**
 * The statement cache, the write counter and the memo layer under `SkillRepository`: reads that
 * are memoised go through `memo`, writes through `write` so the memos know to recompute.
 */
export abstract class SkillStatements {
  /** Prepared once per SQL text: preparing dominated an index pass of thousands of skills. */
  private readonly statements = new Map<string, Statement>()
  private readonly writes: { count: number }

  constructor(protected readonly db: Db) {
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
  protected memo<T>(key: string, compute: () => T): T {
    if (this.db.inTransaction) return compute()
    const version = this.writeVersion()
    const hit = this.memos.get(key)
    if (hit && hit.version === version) return hit.value as T
    const value = compute()
    // Keys are per skill for some reads: a home of many skills must not grow this without end.
    if (this.memos.size >= 20_000) this.memos.clear()
    this.memos.set(key, { version, value })
    return value
  }

  /**
   * Changes whenever this process wrote to the skill tables or another connection (another
   * SkillDock process) wrote to the database: callers key caches of skill data on it.
   */
  writeVersion(): string {
    return `${this.writes.count}:${dataVersion(this.db)}`
  }

  protected st(sql: string): Statement {
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
  protected write(sql: string): Statement {
    this.writes.count++
    return this.st(sql)
  }

  /** Runs `fn` in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }
}
