import { describe, expect, it } from 'vitest'
import type { CallPolicy } from '../../src-main/contract/policies'
import type { TeamStatus } from '../../src-main/contract/team'
import { tempDir } from '../support/fs'
import { git } from '../support/git'
import { member, signers, sshKey, TeamRepo, SIGNERS, joinedMember } from './support/teamRepo'

/**
 * The attack: someone who can push to the team repository but holds no admin key (a compromised
 * host, a leaked deploy token) force-pushes the branch back to an older commit. Every commit there
 * is still signed by an admin and the allowed_signers commit is still in it, so each entry is
 * "trusted" — but the rules the admins added since (a hold on deletes) would silently go. A member
 * must refuse a history that no longer contains the head it accepted last.
 */
const SHARED = '.skilldock/policies.json'
const doc = (...entries: object[]) => JSON.stringify({ version: 1, entries }, null, 2)
const holdDeletes = { type: 'policy', skill: 'hello', tool: 'delete_*', kind: 'requires_approval' }

type Run = ReturnType<typeof member>

async function json<T>(run: Run, ...args: string[]): Promise<T> {
  const result = await run(...args, '--json')
  expect(result.code, result.stderr).toBe(0)
  return result.json() as T
}

describe('team mode: a branch rolled back to an older signed commit', { timeout: 240_000 }, () => {
  it('keeps what the newer signed history applied and says the history was rewritten', async () => {
    const admin = sshKey('alice@team')
    const repo = new TeamRepo()
    const genesis = repo.commit({ [SIGNERS]: signers(admin), ...repo.addSkill('hello') }, 'genesis', admin)
    repo.commit({ [SHARED]: doc(holdDeletes) }, 'hold deletes', admin)

    const run = await joinedMember(repo)
    expect((await json<CallPolicy[]>(run, 'policy', 'list')).map((p) => p.tool)).toEqual(['delete_*'])

    // The push without a key: main back at genesis (signed, and it set the allowed_signers).
    git(repo.work, 'reset', '-q', '--hard', genesis)
    repo.push()
    await run('team', 'sync')

    expect((await json<CallPolicy[]>(run, 'policy', 'list')).map((p) => p.tool)).toEqual(['delete_*'])
    const status = await json<TeamStatus>(run, 'team', 'status')
    expect(JSON.stringify(status.teams[0])).toContain('the team history was rewritten')

    // Control: a history that moves forward from the accepted head is trusted as before.
    const fresh = new TeamRepo()
    const start = fresh.commit({ [SIGNERS]: signers(admin), ...fresh.addSkill('hello') }, 'genesis', admin)
    const other = member(tempDir('skilldock-member-'))
    expect((await other('team', 'join', fresh.url, '--allow-local')).code).toBe(0)
    fresh.commit({ [SHARED]: doc(holdDeletes) }, 'hold deletes', admin)
    expect(git(fresh.work, 'merge-base', '--is-ancestor', start, 'HEAD')).toBe('')
    expect((await other('team', 'sync')).code).toBe(0)
    expect((await json<CallPolicy[]>(other, 'policy', 'list')).map((p) => p.tool)).toEqual(['delete_*'])
    const fine = await json<TeamStatus>(other, 'team', 'status')
    expect(JSON.stringify(fine.teams[0])).not.toContain('rewritten')
  })
})
