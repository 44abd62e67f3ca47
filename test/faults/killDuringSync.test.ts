import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir, writeSkill } from '../support/fs'
import { assertHomeWhole, duration, KILLS, killPoint, runAndKill, skilldock } from './support'

/** New skills the source offers before each killed sync, so every sync has installing to do. */
const SKILLS_PER_SYNC = 6

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'fault',
  GIT_AUTHOR_EMAIL: 'fault@example.test',
  GIT_COMMITTER_NAME: 'fault',
  GIT_COMMITTER_EMAIL: 'fault@example.test',
}
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { env: gitEnv })

/** Commits a batch of new skills (each with a file besides SKILL.md) to the upstream repository. */
function offer(upstream: string, tag: string): string[] {
  const names = Array.from({ length: SKILLS_PER_SYNC }, (_, j) => `${tag}-skill-${j}`)
  for (const name of names) {
    writeSkill(join(upstream, 'skills'), name, `Skill ${name} from the upstream repository.`, {
      'references/NOTES.md': `# Notes of ${name}\n`,
    })
  }
  git(upstream, 'add', '-A')
  git(upstream, 'commit', '-qm', `offer ${tag}`)
  return names
}

interface LockDoc {
  skills: Record<string, { source: string }>
}
const lockOf = (home: string): LockDoc =>
  JSON.parse(readFileSync(join(home, 'skilldock.lock.json'), 'utf8')) as LockDoc

describe('kill -9 of SkillDock at random points', () => {
  it(`during \`skilldock repo sync\` of a git source (${KILLS} kills): each skill whole or absent, and the next sync completes`, async () => {
    const home = tempDir('skilldock-fault-')
    const upstream = tempDir('skilldock-upstream-')
    git(upstream, 'init', '-q')
    const offered = new Set(offer(upstream, 'warm'))
    skilldock(home, 'repo', 'add', 'up', `file://${upstream}`, '--type', 'git', '--json')
    const full = await duration(() => runAndKill(home, ['repo', 'sync', 'up', '--json'], 120_000))
    for (let i = 0; i < KILLS; i++) {
      for (const name of offer(upstream, `s${i}`)) offered.add(name)
      await runAndKill(home, ['repo', 'sync', 'up', '--json'], killPoint(full, i, KILLS))
      // Whole or absent: every library folder is indexed and valid, every record has its folder,
      // and nothing is active (a sync installs; only a person approves).
      const listed = assertHomeWhole(home, new Set())
      const names = new Set(listed.map((s) => s.name))
      for (const name of Object.keys(lockOf(home).skills)) {
        expect(names.has(name), `the lockfile's ${name} is installed`).toBe(true)
      }
      // The next sync completes, and installs (and tracks) everything the source offers.
      const next = JSON.parse(skilldock(home, 'repo', 'sync', 'up', '--json')) as {
        items: { name: string; status: string; message: string | null }[]
      }[]
      const skipped = next[0]!.items.filter((item) => item.status === 'skipped')
      expect(skipped, 'no skill is skipped by the sync after a kill').toEqual([])
      // No staging folder of the killed install is left in the library.
      expect(readdirSync(join(home, 'skills')).filter((n) => n.startsWith('.staging-'))).toEqual([])
      const lock = lockOf(home)
      for (const name of offered) {
        expect(existsSync(join(home, 'skills', name, 'SKILL.md')), `${name} is installed`).toBe(true)
        expect(lock.skills[name]?.source, `${name} is tracked as coming from the source`).toBe('up')
      }
    }
  }, 900_000)
})
