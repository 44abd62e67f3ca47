import { describe, expect, it } from 'vitest'
import type { Role } from '../../src-main/contract/policies'
import { tempDir } from '../support/fs'
import { member, signers, sshKey, TeamRepo, SIGNERS } from './support/teamRepo'

/**
 * The attack: a team's shared role carries the name of a role this machine already has, with a
 * wider allow list. Syncing the team must not widen what the local role lets its clients call
 * (roles only narrow a client; a team entry must not loosen a person's own restriction).
 */
const SHARED = '.skilldock/policies.json'
const doc = (...entries: object[]) => JSON.stringify({ version: 1, entries }, null, 2)

type Run = ReturnType<typeof member>

async function roles(run: Run): Promise<Role[]> {
  const result = await run('role', 'list', '--json')
  expect(result.code, result.stderr).toBe(0)
  return result.json() as Role[]
}

describe('team mode: a shared role named like a local one', { timeout: 240_000 }, () => {
  it('does not widen the local role its clients use; a role the team owns still follows the team', async () => {
    const admin = sshKey('alice@team')
    const repo = new TeamRepo()
    repo.commit({ [SIGNERS]: signers(admin), ...repo.addSkill('hello') }, 'genesis', admin)
    repo.commit(
      {
        [SHARED]: doc(
          { type: 'role', name: 'ci', allow: ['*'] },
          { type: 'role', name: 'readers', allow: ['hello'] },
        ),
      },
      'admin shares roles',
      admin,
    )

    const run = member(tempDir('skilldock-member-'))
    expect((await run('role', 'add', 'ci', '--allow', 'hello/read_*')).code).toBe(0)
    expect((await run('clients', 'add', 'bot')).code).toBe(0)
    expect((await run('clients', 'role', 'bot', 'ci')).code).toBe(0)

    expect((await run('team', 'join', repo.url, '--allow-local')).code).toBe(0)
    expect((await run('team', 'sync')).code).toBe(0)
    const after = await roles(run)
    expect(after.find((r) => r.name === 'ci')).toMatchObject({ allow: ['hello/read_*'], clients: ['bot'] })
    // A role only the team defines is applied as before.
    expect(after.find((r) => r.name === 'readers')?.allow).toEqual(['hello'])

    // The team changing its own role still reaches the member.
    repo.commit(
      { [SHARED]: doc({ type: 'role', name: 'readers', allow: ['hello/read_*'] }) },
      'narrow',
      admin,
    )
    expect((await run('team', 'sync')).code).toBe(0)
    const later = await roles(run)
    expect(later.find((r) => r.name === 'readers')?.allow).toEqual(['hello/read_*'])
    expect(later.find((r) => r.name === 'ci')).toMatchObject({ allow: ['hello/read_*'], clients: ['bot'] })
  })
})
