import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { latestSchemaVersion } from '../../src-main/core/storage/migrations'
import { ensureBuilt, skilldockBin } from '../support/build'
import { tempDir } from '../support/fs'
import { spawnSync } from 'node:child_process'

const run = (home: string, ...args: string[]) =>
  spawnSync(process.execPath, [skilldockBin, '--home', home, ...args], { encoding: 'utf8' })

/** Every file SkillDock keeps its state in, as bytes (missing ones as null). */
const snapshot = (home: string) =>
  ['skilldock.db', 'skilldock.db-wal', 'skilldock.db-shm', 'settings.json'].map((f) =>
    existsSync(join(home, f)) ? readFileSync(join(home, f)) : null,
  )

describe('a database file SkillDock cannot use', () => {
  beforeAll(() => ensureBuilt(), 240_000)

  it('corrupt: a clear error, exit 1, and not one byte changed', () => {
    const home = tempDir()
    expect(run(home, 'init').status).toBe(0)
    const file = join(home, 'skilldock.db')
    const bytes = readFileSync(file)
    bytes.fill(0x5a, 100, 4096) // the header survives; the schema page does not
    writeFileSync(file, bytes)
    const before = snapshot(home)
    const result = run(home, 'list')
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/^error: .*(damaged|not a SkillDock database)/m)
    expect(snapshot(home)).toEqual(before)
  })

  it('from a newer SkillDock: a clear error naming both versions, and not one byte changed', () => {
    const home = tempDir()
    expect(run(home, 'init').status).toBe(0)
    const db = new Database(join(home, 'skilldock.db'))
    db.pragma(`user_version = ${latestSchemaVersion + 1}`)
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    const before = snapshot(home)
    const result = run(home, '--json', 'list')
    expect(result.status).toBe(1)
    const error = (JSON.parse(result.stdout || result.stderr) as { error: { code: string; message: string } })
      .error
    expect(error.code).toBe('DATABASE_TOO_NEW')
    expect(error.message).toContain(`schema ${latestSchemaVersion + 1}`)
    expect(snapshot(home)).toEqual(before)
  })

  it.skipIf(process.getuid?.() === 0)('read-only: a clear error and not one byte changed', () => {
    const home = tempDir()
    expect(run(home, 'init').status).toBe(0)
    chmodSync(join(home, 'skilldock.db'), 0o444)
    chmodSync(home, 0o555)
    try {
      const before = snapshot(home)
      const result = run(home, 'list')
      expect(result.stderr).toMatch(/^error: /m)
      expect(result.status).toBe(1)
      expect(snapshot(home)).toEqual(before)
    } finally {
      chmodSync(home, 0o755)
    }
  })
})
