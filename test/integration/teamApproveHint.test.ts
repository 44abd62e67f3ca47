import { describe, expect, it } from 'vitest'
import type { TeamStatus } from '../../src-main/contract/team'
import { newTeam, sshKey, joinedMember, approveAndPush } from '../attacks/support/teamRepo'

/**
 * The README's worked example, as the admin lives it: after `team approve --push` the admin's own
 * machine still shows the skill pending until a sync verifies the signed commit, so the command
 * must say what to run next, and doing exactly that must activate the skill.
 */
describe('team approve tells the admin how to apply the approval here', { timeout: 120_000 }, () => {
  it('names `skilldock team sync`, and running it makes the skill active', async () => {
    const admin = sshKey('alice@team')
    const repo = newTeam(admin)
    const run = await joinedMember(repo, 'skilldock-admin-hint-')

    const approved = await approveAndPush(run, admin, 'hello', 'monitored')
    expect(approved.code, approved.stderr).toBe(0)
    expect(approved.stdout).toContain('and pushed it')
    expect(approved.stdout).toContain('Run `skilldock team sync` to apply it here')

    expect((await run('team', 'sync')).code).toBe(0)
    const status = (await run('team', 'status', '--json')).json() as TeamStatus
    expect(status.skills.find((s) => s.name === 'hello')).toMatchObject({
      state: 'active',
      trust: 'monitored',
    })
  })
})
