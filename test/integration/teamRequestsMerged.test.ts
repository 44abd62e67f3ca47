import { describe, expect, it } from 'vitest'
import { git } from '../support/git'
import { signers, sshKey, TeamRepo, joinedMember } from '../attacks/support/teamRepo'

/**
 * The README's flow: a member publishes, the admin merges the request branch and approves. The
 * branch stays on the remote, and `team requests` (and the Team screen) kept listing it as waiting.
 */
describe('team requests lists only requests not merged yet', { timeout: 120_000 }, () => {
  it('drops a request once its branch is merged into the team branch', async () => {
    const admin = sshKey('alice@team')
    const repo = new TeamRepo()
    repo.commit({ '.skilldock/allowed_signers': signers(admin), ...repo.addSkill('hello') }, 'genesis', admin)
    const run = await joinedMember(repo, 'skilldock-requests-')
    expect((await run('team', 'publish', 'hello')).code).toBe(0)
    await run('team', 'sync')
    const waiting = (await run('team', 'requests', '--json')).json() as { skill: string }[]
    expect(waiting.map((r) => r.skill)).toEqual(['hello'])

    // The admin merges the request in their clone and pushes.
    git(repo.work, 'fetch', '-q', repo.bare, 'refs/heads/request/hello:refs/heads/request/hello')
    git(repo.work, 'merge', '-q', '--ff-only', 'request/hello')
    repo.push()
    expect((await run('team', 'sync')).code).toBe(0)
    const after = await run('team', 'requests')
    expect(after.stdout).toContain('No approval requests.')
  })
})
