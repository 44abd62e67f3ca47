import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { makeCore } from '../support/core'
import { skillMd, tempDir } from '../support/fs'

/** The permission bits of a path, as octal text ("700"). */
const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8)

const FOLDERS = ['.', 'skills', 'drafts', 'sources', 'logs']

// Another local user reading the data home learns every skill, the audit log and credential names.
describe.skipIf(process.platform === 'win32')('attack: another local user reads the data home', () => {
  it('a fresh home is owner-only: folders 0700; database, WAL, SHM, settings and lockfile 0600', async () => {
    const parent = tempDir()
    const home = join(parent, 'home')
    const source = tempDir()
    mkdirSync(join(source, 'notes'))
    writeFileSync(join(source, 'notes', 'SKILL.md'), skillMd('notes', 'Takes notes.'))
    // A loose umask, as many systems have, must not leak into the home.
    const previous = process.umask(0o022)
    try {
      expect((await cli(['--home', home, 'add', source])).code).toBe(0)
      expect((await cli(['--home', home, 'governance', '--review-fail-open', 'off'])).code).toBe(0)
      // While a core has the database open, its WAL and SHM files exist.
      const t = makeCore({ home })
      await t.call('skills.list')
      for (const folder of FOLDERS) expect(modeOf(join(home, folder)), folder).toBe('700')
      for (const file of [
        'skilldock.db',
        'skilldock.db-wal',
        'skilldock.db-shm',
        'settings.json',
        'skilldock.lock.json',
      ]) {
        expect(existsSync(join(home, file)), file).toBe(true)
        expect(modeOf(join(home, file)), file).toBe('600')
      }
    } finally {
      process.umask(previous)
    }
  })

  it('an existing home left 755/644 by an older version is fixed at the next start', async () => {
    const home = tempDir('skilldock-home-')
    const source = tempDir()
    mkdirSync(join(source, 'notes'))
    writeFileSync(join(source, 'notes', 'SKILL.md'), skillMd('notes', 'Takes notes.'))
    expect((await cli(['--home', home, 'add', source])).code).toBe(0)
    expect((await cli(['--home', home, 'governance', '--review-fail-open', 'off'])).code).toBe(0)
    const files = ['skilldock.db', 'settings.json', 'skilldock.lock.json']
    // What the older version left: world-readable folders and files, and WAL/SHM files to match.
    for (const folder of FOLDERS) chmodSync(join(home, folder), 0o755)
    writeFileSync(join(home, 'skilldock.db-wal'), '')
    writeFileSync(join(home, 'skilldock.db-shm'), '')
    for (const file of [...files, 'skilldock.db-wal', 'skilldock.db-shm']) chmodSync(join(home, file), 0o644)

    expect((await cli(['--home', home, 'list'])).code).toBe(0)

    for (const folder of FOLDERS) expect(modeOf(join(home, folder)), folder).toBe('700')
    for (const file of files) expect(modeOf(join(home, file)), file).toBe('600')
    for (const file of ['skilldock.db-wal', 'skilldock.db-shm']) {
      if (existsSync(join(home, file))) expect(modeOf(join(home, file)), file).toBe('600')
    }
    // The skill is still there: fixing the modes changed nothing else.
    const list = await cli(['--home', home, '--json', 'list'])
    expect((list.json() as { name: string }[]).map((s) => s.name)).toContain('notes')
  })
})
