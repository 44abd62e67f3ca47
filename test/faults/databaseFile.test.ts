import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { latestSchemaVersion } from '../../src-main/core/storage/migrations'
import { skilldockBin } from '../support/build'
import { tempDir } from '../support/fs'
import { spawnSync } from 'node:child_process'

const run = (home: string, ...args: string[]) =>
  spawnSync(process.execPath, [skilldockBin, '--home', home, ...args], { encoding: 'utf8' })

/** The user `nobody` (util-linux setpriv, on every Debian), since root may write any file. */
const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups']

/** `run`, as an unprivileged user: as root through setpriv, otherwise as this (unprivileged) user. */
function runUnprivileged(home: string, ...args: string[]) {
  if (process.getuid?.() !== 0) return run(home, ...args)
  return spawnSync('setpriv', [...NOBODY, process.execPath, skilldockBin, '--home', home, ...args], {
    encoding: 'utf8',
    // nobody's own home does not exist; nothing may be written there either.
    env: { ...process.env, HOME: home },
  })
}

/** Every file SkillDock keeps its state in, as bytes (missing ones as null). */
const snapshot = (home: string) =>
  ['skilldock.db', 'skilldock.db-wal', 'skilldock.db-shm', 'settings.json'].map((f) =>
    existsSync(join(home, f)) ? readFileSync(join(home, f)) : null,
  )

describe('a database file SkillDock cannot use', () => {
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

  it('read-only for the user running SkillDock: a clear error and not one byte changed', () => {
    const home = tempDir()
    expect(run(home, 'init').status).toBe(0)
    const file = join(home, 'skilldock.db')
    // Readable by everyone, writable by nobody but root: as root, the CLI runs as user `nobody`,
    // for whom the file and its folder are read-only (root itself may write anything).
    chmodSync(file, 0o444)
    chmodSync(home, 0o555)
    try {
      const before = snapshot(home)
      const result = runUnprivileged(home, '--json', 'list')
      expect(result.status).toBe(1)
      const error = (JSON.parse(result.stdout) as { error: { code: string; message: string } }).error
      expect(error.code).toBe('DATABASE_UNREADABLE')
      expect(error.message).toMatch(/read-only for this user/)
      expect(error.message).toMatch(/Give this user write access/)
      expect(error.message).not.toMatch(/damaged/)
      const plain = runUnprivileged(home, 'list')
      expect(plain.status).toBe(1)
      expect(plain.stderr).toMatch(/^error: The database at .* is read-only for this user/m)
      expect(snapshot(home)).toEqual(before)
    } finally {
      chmodSync(home, 0o755)
    }
  })
})

describe('a skill file SkillDock cannot read', () => {
  it('SKILL.md without read permission: validate reports SKILL_MD_UNREADABLE and exits 1', () => {
    const root = tempDir()
    chmodSync(root, 0o755)
    const dir = join(root, 'locked')
    mkdirSync(dir, { mode: 0o755 })
    writeFileSync(join(dir, 'SKILL.md'), '---\nname: locked\ndescription: Cannot be read.\n---\nBody.\n')
    chmodSync(join(dir, 'SKILL.md'), 0o000)
    const result = runUnprivileged(join(root, 'home'), '--json', 'validate', dir)
    expect(result.status).toBe(1)
    const [report] = JSON.parse(result.stdout) as {
      valid: boolean
      errors: { code: string; message: string }[]
    }[]
    expect(report?.valid).toBe(false)
    expect(report?.errors.map((e) => e.code)).toEqual(['SKILL_MD_UNREADABLE'])
    expect(report?.errors[0]?.message).toMatch(/could not be read \(EACCES\)\. Check its permissions\./)
  })
})
