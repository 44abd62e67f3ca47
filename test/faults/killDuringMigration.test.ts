import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/core/storage/database'
import { latestSchemaVersion, migrations } from '../../src-main/core/storage/migrations'
import { tempDir } from '../support/fs'
import { assertDatabaseSound, duration, KILLS, killPoint, runAndKill, skilldock } from './support'

describe('kill -9 of SkillDock at random points', () => {
  it(`during a migration (${KILLS} kills): the schema is old or new, never between, and data survives`, async () => {
    const first = migrations.filter((m) => m.version === 1)
    const oldHome = () => {
      const home = tempDir('skilldock-fault-')
      const db = new Database(join(home, 'skilldock.db'))
      migrate(db, 'old', first)
      db.prepare("INSERT INTO audit_log (at, actor, action) VALUES ('2026-01-01', 'me', 'canary')").run()
      db.close()
      return home
    }
    const probe = oldHome()
    const full = await duration(() => runAndKill(probe, ['list', '--json'], 120_000))
    for (let i = 0; i < KILLS; i++) {
      const home = oldHome()
      await runAndKill(home, ['list', '--json'], killPoint(full, i, KILLS))
      assertDatabaseSound(home)
      const db = new Database(join(home, 'skilldock.db'), { fileMustExist: true })
      const version = db.pragma('user_version', { simple: true }) as number
      // Each migration commits with its version: a kill leaves the schema at one of them, never between.
      expect(migrations.map((m) => m.version)).toContain(version)
      expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'canary'").get()).toEqual({
        n: 1,
      })
      db.close()
      // The next start finishes the job.
      skilldock(home, 'list', '--json')
      const after = new Database(join(home, 'skilldock.db'), { readonly: true })
      expect(after.pragma('user_version', { simple: true })).toBe(latestSchemaVersion)
      after.close()
      expect(existsSync(join(home, 'skills'))).toBe(true)
      expect(readdirSync(join(home, 'skills')).filter((n) => n.startsWith('.staging-'))).toEqual([])
    }
  }, 600_000)
})
