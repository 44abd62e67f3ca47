import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/fs'
import { assertHomeWhole, duration, KILLS, killPoint, batch, runAndKill, skilldock } from './support'

describe('kill -9 of SkillDock at random points', () => {
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
      // A kill can land after the commit but before the reply: such a skill may be active too.
      const listed = assertHomeWhole(home, new Set([...approved, ...(run.acknowledged ? [] : [next.skill])]))
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
})
