import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/core/storage/database'
import { latestSchemaVersion, migrations } from '../../src-main/core/storage/migrations'
import { ensureBuilt } from '../support/build'
import { tempDir, writeSkill } from '../support/fs'
import {
  assertDatabaseSound,
  assertLibraryWhole,
  assertLockfileParses,
  duration,
  KILLS,
  killPoint,
  runAndKill,
  skilldock,
} from './support'

const SKILLS_PER_ADD = 12

function batch(tag: string): string {
  const dir = tempDir('skilldock-batch-')
  for (let j = 0; j < SKILLS_PER_ADD; j++) {
    writeSkill(dir, `${tag}-skill-${j}`, `Skill ${j} of batch ${tag}.`, {
      'references/NOTES.md': `# Notes ${tag} ${j}\n`,
    })
  }
  return dir
}

describe('kill -9 of SkillDock at random points', () => {
  beforeAll(() => ensureBuilt(), 240_000)

  it(`during \`skilldock add\` of ${SKILLS_PER_ADD} skills (${KILLS} kills): all of an add or none`, async () => {
    const home = tempDir('skilldock-fault-')
    skilldock(home, 'init')
    const full = await duration(() => runAndKill(home, ['add', batch('warm'), '--json'], 120_000))
    const acknowledged = new Set<string>(Array.from({ length: SKILLS_PER_ADD }, (_, j) => `warm-skill-${j}`))
    for (let i = 0; i < KILLS; i++) {
      const tag = `b${i}`
      const run = await runAndKill(home, ['add', batch(tag), '--json'], killPoint(full, i, KILLS))
      if (run.acknowledged) {
        const added = (JSON.parse(run.stdout) as { skills: { name: string }[] }).skills.map((s) => s.name)
        for (const name of added) acknowledged.add(name)
      }
      assertDatabaseSound(home)
      assertLockfileParses(home)
      const listed = assertLibraryWhole(home, new Set())
      const names = new Set(listed.map((s) => s.name))
      for (const name of acknowledged) expect(names.has(name), `acknowledged ${name} is present`).toBe(true)
      // All of one add, or none of it.
      const ofBatch = listed.filter((s) => s.name.startsWith(`${tag}-`)).length
      expect([0, SKILLS_PER_ADD]).toContain(ofBatch)
    }
  }, 600_000)

  it(`during \`skilldock approve\` (${KILLS} kills): acknowledged approvals stay, the database stays sound`, async () => {
    const home = tempDir('skilldock-fault-')
    skilldock(home, 'add', batch('appr'), '--json')
    const pending = () =>
      (JSON.parse(skilldock(home, 'approvals', '--json')) as { id: string; skill: string }[]).filter((a) =>
        a.skill.startsWith('appr-'),
      )
    const first = pending()[0]!
    const full = await duration(() => runAndKill(home, ['approve', first.id, '--json'], 120_000))
    const approved = new Set([first.skill])
    for (let i = 0; i < KILLS; i++) {
      const next = pending()[0]
      if (!next) break
      const run = await runAndKill(home, ['approve', next.id, '--json'], killPoint(full, i, KILLS))
      if (run.acknowledged) approved.add(next.skill)
      assertDatabaseSound(home)
      assertLockfileParses(home)
      // A kill can land after the commit but before the reply: such a skill may be active too.
      const listed = assertLibraryWhole(
        home,
        new Set([...approved, ...(run.acknowledged ? [] : [next.skill])]),
      )
      for (const name of approved) {
        expect(listed.find((s) => s.name === name)?.state, `${name} stays approved`).toBe('active')
      }
      // An unacknowledged run that still completed (killed after its commit, before its reply) is
      // a decided approval from then on; one killed earlier left the request pending to decide again.
      if (listed.find((s) => s.name === next.skill)?.state === 'active') approved.add(next.skill)
      else
        expect(
          pending().map((a) => a.skill),
          `${next.skill} can still be approved`,
        ).toContain(next.skill)
    }
  }, 600_000)

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
      const db = new Database(join(home, 'skilldock.db'), { readonly: true })
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
