import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate, openDatabase } from '../../../../src-main/core/storage/database'
import { migrations } from '../../../../src-main/core/storage/migrations'
import { TeamStore } from '../../../../src-main/core/team/teamStore'
import { tempDir } from '../../../support/fs'

const oldTeam = (name: string) => ({
  name,
  url: `file:///srv/${name}.git`,
  ref: null,
  source: `team-${name}`,
  allowLocal: true,
  genesis: 'a'.repeat(40),
  joinedAt: '2026-01-02T03:04:05.000Z',
})

/** A data home as the previous SkillDock left it: schema 9 and `team/teams.json`. */
function oldHome(teams: object[]): string {
  const home = tempDir('skilldock-home-')
  const raw = new Database(join(home, 'skilldock.db'))
  migrate(
    raw,
    'old',
    migrations.filter((m) => m.version <= 9),
  )
  raw.close()
  mkdirSync(join(home, 'team'))
  writeFileSync(join(home, 'team', 'teams.json'), JSON.stringify({ version: 1, teams }))
  return home
}

describe('joined teams in the database (migration 10)', () => {
  it('imports an existing teams.json once, with its pinned genesis', () => {
    const home = oldHome([oldTeam('corp')])
    const db = openDatabase({ file: join(home, 'skilldock.db') })
    const store = new TeamStore(home, db)
    expect(store.list()).toEqual([{ ...oldTeam('corp'), signersCommit: null }])
    // A team left after the import does not come back from the old file at the next start.
    store.remove('corp')
    db.close()
    const reopened = openDatabase({ file: join(home, 'skilldock.db') })
    expect(new TeamStore(home, reopened).list()).toEqual([])
    reopened.close()
  })

  it('a damaged teams.json imports nothing and still opens the database', () => {
    const home = oldHome([])
    writeFileSync(join(home, 'team', 'teams.json'), '{"version": 1, "teams": [')
    const db = openDatabase({ file: join(home, 'skilldock.db') })
    expect(new TeamStore(home, db).list()).toEqual([])
    db.close()
  })

  it('a team and what it applied are written together or not at all', () => {
    const home = tempDir('skilldock-home-')
    const db = openDatabase({ file: join(home, 'skilldock.db') })
    const store = new TeamStore(home, db)
    store.put({ ...oldTeam('corp'), signersCommit: null })
    expect(() =>
      store.atomically(() => {
        store.recordApplied('corp', 'role:readers', { type: 'role' }, null)
        throw new Error('crash midway')
      }),
    ).toThrow('crash midway')
    expect(store.applied('corp')).toEqual([])
    db.close()
  })
})
