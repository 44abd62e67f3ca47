import { describe, expect, it } from 'vitest'
import type { Approval } from '../../../src-main/contract'
import { cli } from '../../support/cli'
import { tempDir, writeSkill } from '../../support/fs'

/** Removing a skill that waits for approval takes its request out of the inbox, with a record why. */
describe('skilldock remove of a skill waiting for approval', () => {
  it('closes its open request (superseded, "skill removed"), audits it, and approve says it is no longer open', async () => {
    const home = tempDir()
    expect((await cli(['--home', home, 'add', writeSkill(tempDir(), 'hello2', 'Says hello.')])).code).toBe(0)
    const pending = (await cli(['--home', home, '--json', 'approvals'])).json() as Approval[]
    expect(pending.map((a) => a.skill)).toEqual(['hello2'])
    const id = pending[0]!.id

    expect((await cli(['--home', home, 'remove', 'hello2'])).code).toBe(0)

    expect((await cli(['--home', home, 'approvals'])).stdout.trim()).toBe('The inbox is empty.')
    const closed = (await cli(['--home', home, '--json', 'approvals', '--id', id])).json() as Approval
    expect(closed).toMatchObject({ status: 'superseded', notes: 'skill removed', decidedBy: 'user' })
    const audit = (await cli(['--home', home, '--json', 'activity', '--skill', 'hello2'])).json() as {
      action: string
      outcome: string | null
    }[]
    expect(audit.map((e) => e.action)).toContain('approval.withdraw')

    const approve = await cli(['--home', home, 'approve', id])
    expect(approve.code).toBe(1)
    expect(approve.stderr).not.toMatch(/no longer exists/)
    expect(approve.stderr).toMatch(/is already superseded/)
  })
})
