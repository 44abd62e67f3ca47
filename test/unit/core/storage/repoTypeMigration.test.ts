import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate, openDatabase } from '../../../../src-main/core/storage/database'
import { migrations } from '../../../../src-main/core/storage/migrations'
import { RepoRepository } from '../../../../src-main/core/storage/repoRepository'
import { tempDir } from '../../../support/fs'

const insert = `INSERT INTO repos (id, name, type, url, ref, auto_sync_minutes, allow_local, last_sync_at,
  last_status, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

/** A database as SkillDock 10 left it, with two sources (ids 3 and 7: a gap, so ids must be copied). */
function schema10(): string {
  const file = join(tempDir(), 'skilldock.db')
  const raw = new Database(file)
  migrate(
    raw,
    'old',
    migrations.filter((m) => m.version <= 10),
  )
  raw
    .prepare(insert)
    .run(
      3,
      'team-skills',
      'git',
      'https://example.test/s.git',
      'main',
      60,
      0,
      '2026-01-01T00:00:00.000Z',
      'ok',
      null,
      '2026-01-01T00:00:00.000Z',
    )
  raw
    .prepare(insert)
    .run(
      7,
      'mine',
      'local',
      '/home/me/skills',
      null,
      null,
      1,
      null,
      'error',
      'gone',
      '2026-01-02T00:00:00.000Z',
    )
  // Before schema 11 a type outside the four is refused by the table itself.
  expect(() =>
    raw.prepare(insert).run(9, 'bucket', 's3', 's3://b/skills', null, null, 0, null, null, null, 'now'),
  ).toThrow(/CHECK constraint failed/)
  raw.close()
  return file
}

describe('migration 11: repos.type without a CHECK', () => {
  it('keeps every source with its id and columns, and stores a type the table did not know', () => {
    const file = schema10()
    const db = openDatabase({ file })
    const repos = new RepoRepository(db)
    // Listed by name.
    expect(repos.list()).toEqual([
      {
        id: 7,
        name: 'mine',
        type: 'local',
        url: '/home/me/skills',
        ref: null,
        autoSyncMinutes: null,
        allowLocal: true,
        lastSyncAt: null,
        lastStatus: 'error',
        lastError: 'gone',
        createdAt: '2026-01-02T00:00:00.000Z',
      },
      {
        id: 3,
        name: 'team-skills',
        type: 'git',
        url: 'https://example.test/s.git',
        ref: 'main',
        autoSyncMinutes: 60,
        allowLocal: false,
        lastSyncAt: '2026-01-01T00:00:00.000Z',
        lastStatus: 'ok',
        lastError: null,
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    ])
    // A new kind needs no migration: the contract's SourceType checks the type on the way in.
    db.prepare(insert).run(9, 'bucket', 's3', 's3://b/skills', null, null, 0, null, null, null, 'now')
    expect(db.prepare('SELECT type FROM repos WHERE id = 9').get()).toEqual({ type: 's3' })
    // The rest of the table is as it was: names unique, columns required, new ids after the largest.
    expect(() =>
      db.prepare(insert).run(10, 'mine', 'git', 'u', null, null, 0, null, null, null, 'now'),
    ).toThrow(/UNIQUE constraint failed: repos.name/)
    expect(() =>
      db.prepare('INSERT INTO repos (name, type, created_at) VALUES (?, ?, ?)').run('x', 'git', 'now'),
    ).toThrow(/NOT NULL constraint failed: repos.url/)
    const created = repos.create(
      {
        name: 'later',
        type: 'http',
        url: 'https://example.test/i.json',
        ref: null,
        autoSyncMinutes: null,
        allowLocal: false,
      },
      '2026-01-03T00:00:00.000Z',
    )
    expect(created.id).toBe(10)
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'repos'").get() as { sql: string })
      .sql
    expect(sql).not.toMatch(/CHECK/)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'repos_new'").get()).toBeUndefined()
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    db.close()
  })

  it('leaves a database a SkillDock knowing only schema 10 refuses untouched, and that opens again', () => {
    const file = schema10()
    openDatabase({ file }).close()
    const before = readFileSync(file)
    const raw = new Database(file)
    expect(() =>
      migrate(
        raw,
        file,
        migrations.filter((m) => m.version <= 10),
      ),
    ).toThrow(/newer SkillDock \(schema 11; this version knows up to 10\)/)
    raw.close()
    expect(readFileSync(file).equals(before)).toBe(true)
    const again = openDatabase({ file })
    expect(again.prepare('SELECT count(*) AS n FROM repos').get()).toEqual({ n: 2 })
    again.close()
  })
})
