import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/fs'
import {
  assertHomeWhole,
  duration,
  KILLS,
  killPoint,
  batch,
  SKILLS_PER_ADD,
  runAndKill,
  skilldock,
} from './support'

describe('kill -9 of SkillDock at random points', () => {
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
      const listed = assertHomeWhole(home, new Set())
      const names = new Set(listed.map((s) => s.name))
      for (const name of acknowledged) expect(names.has(name), `acknowledged ${name} is present`).toBe(true)
      // All of one add, or none of it.
      const ofBatch = listed.filter((s) => s.name.startsWith(`${tag}-`)).length
      expect([0, SKILLS_PER_ADD]).toContain(ofBatch)
    }
  }, 600_000)
})
