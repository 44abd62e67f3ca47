import { existsSync, writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate, openDatabase } from '../../../../src-main/core/storage/database'
import { latestSchemaVersion } from '../../../../src-main/core/storage/migrations'
import { tempDir } from '../../../support/fs'

describe('openDatabase', () => {
  it('creates the file with WAL, foreign keys and the latest schema', () => {
    const file = join(tempDir(), 'nested', 'skilldock.db')
    const db = openDatabase({ file })
    expect(existsSync(file)).toBe(true)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion)
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table')").all() as { name: string }[]
    ).map((t) => t.name)
    for (const t of [
      'skills',
      'skill_tools',
      'repos',
      'approvals',
      'governance',
      'audit_log',
      'client_tokens',
      'skills_fts',
    ]) {
      expect(tables).toContain(t)
    }
    expect(db.prepare('SELECT mode FROM governance').get()).toEqual({ mode: 'semi_auto' })
    db.close()
  })

  it('is idempotent: reopening runs no migration twice and keeps data', () => {
    const file = join(tempDir(), 'skilldock.db')
    const first = openDatabase({ file })
    first.prepare("INSERT INTO audit_log (at, actor, action) VALUES ('t', 'me', 'x')").run()
    first.close()
    const second = openDatabase({ file })
    expect(second.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 })
    expect(migrate(second)).toBe(latestSchemaVersion)
    second.close()
  })

  it('refuses a database from a newer SkillDock and leaves it untouched', () => {
    const file = join(tempDir(), 'skilldock.db')
    const raw = new Database(file)
    raw.exec('CREATE TABLE future (x)')
    raw.pragma(`user_version = ${latestSchemaVersion + 5}`)
    raw.close()
    const before = readFileSync(file)
    expect(() => openDatabase({ file })).toThrow(/newer SkillDock/)
    try {
      openDatabase({ file })
    } catch (err) {
      expect((err as { code: string }).code).toBe('DATABASE_TOO_NEW')
    }
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('reports a damaged file clearly and does not overwrite it', () => {
    const file = join(tempDir(), 'skilldock.db')
    writeFileSync(file, 'this is not sqlite at all, just text'.repeat(200))
    const before = readFileSync(file)
    expect(() => openDatabase({ file })).toThrow(/damaged or is not a SkillDock database/)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('rolls back a failing migration as a whole and keeps the earlier ones', () => {
    const file = join(tempDir(), 'skilldock.db')
    const db = new Database(file)
    const list = [
      { version: 1, name: 'one', up: (d: Database.Database) => d.exec('CREATE TABLE one (x)') },
      {
        version: 2,
        name: 'broken',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE half_done (x)')
          throw new Error('boom')
        },
      },
    ]
    expect(() => migrate(db, file, list)).toThrow('boom')
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'one'").get()).toBeDefined()
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined()
    db.close()
  })
})
