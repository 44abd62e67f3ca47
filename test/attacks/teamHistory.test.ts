import { describe, expect, it } from 'vitest'
import type { TeamStatus } from '../../src-main/contract/team'
import { git } from '../support/git'
import {
  joinedMember,
  signers,
  sshKey,
  TeamRepo,
  teamStatus as status,
  APPROVALS,
  SIGNERS,
} from './support/teamRepo'

/**
 * The admin set a member accepted is pinned: `team join` records the commit that put the team's
 * allowed_signers in force, and a later sync accepts a new allowed_signers only from a commit signed
 * by a key of the set in force before it, on a history that still contains what was accepted. A
 * history rewritten to swap the admins (unsigned, self-signed, or rolled back past a removal) is refused.
 */

const hello = (s: TeamStatus) => s.skills.find((k) => k.name === 'hello')!

describe('team mode: the admin set pinned at join', { timeout: 240_000 }, () => {
  it('a removed admin who rewrites history to drop their removal gains nothing', async () => {
    const alice = sshKey('alice@team')
    const bob = sshKey('bob@team')
    const repo = new TeamRepo()
    const genesis = repo.commit(
      { [SIGNERS]: signers(alice, bob), ...repo.addSkill('hello') },
      'genesis',
      alice,
    )
    repo.commit({ [SIGNERS]: signers(bob) }, 'bob removes alice', bob)
    const run = await joinedMember(repo)
    expect((await status(run)).teams[0]!.admins).toEqual(['bob@team'])

    // Alice still has push access: she force-pushes a history from the genesis, where she was an
    // admin, with an approval she signs. Every commit in it verifies on its own.
    git(repo.work, 'reset', '-q', '--hard', genesis)
    repo.commit({ [APPROVALS]: repo.approvals({ hello: { trust: 'trusted' } }) }, 'alice approves', alice)
    expect((await run('team', 'sync')).code).toBe(0)
    const s = await status(run)
    expect(hello(s)).toMatchObject({ state: 'pending', teamApproved: false })
    expect(s.teams[0]!.problems.join(' ')).toContain('history was rewritten')
    expect(s.teams[0]!.problems.join(' ')).toContain('allowed_signers this machine last accepted')
  })

  it('allowed_signers replaced wholesale by an unsigned commit, or by a new unsigned root, is refused', async () => {
    const alice = sshKey('alice@team')
    const mallory = sshKey('mallory@evil')
    const repo = new TeamRepo()
    repo.commit({ [SIGNERS]: signers(alice), ...repo.addSkill('hello') }, 'genesis', alice)
    const run = await joinedMember(repo)

    // On top of the accepted history: an unsigned swap to Mallory's key, then Mallory's approval.
    repo.commit({ [SIGNERS]: signers(mallory) }, 'new admins', null)
    repo.commit({ [APPROVALS]: repo.approvals({ hello: { trust: 'trusted' } }) }, 'approve', mallory)
    expect((await run('team', 'sync')).code).toBe(0)
    let s = await status(run)
    expect(hello(s)).toMatchObject({ state: 'pending', teamApproved: false })
    expect(s.teams[0]!.admins).toEqual(['alice@team'])
    expect(s.teams[0]!.problems.join(' ')).toContain('changes allowed_signers but is not signed')

    // A whole new history whose root carries Mallory's allowed_signers, unsigned.
    git(repo.work, 'checkout', '-q', '--orphan', 'forged')
    repo.commit(
      {
        [SIGNERS]: signers(mallory),
        [APPROVALS]: repo.approvals({ hello: { trust: 'trusted' } }),
      },
      'new root',
      null,
    )
    expect((await run('team', 'sync')).code).toBe(0)
    s = await status(run)
    expect(hello(s)).toMatchObject({ state: 'pending', teamApproved: false })
    expect(s.teams[0]!.problems.join(' ')).toContain('history was rewritten')
  })
})
