import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CallPolicy, Role } from '../../src-main/contract/policies'
import type { TeamStatus } from '../../src-main/contract/team'
import { SandboxLimitsStore } from '../../src-main/core/runtime/sandboxSettings'
import { tempDir } from '../support/fs'
import { git } from '../support/git'
import { member, signers, sshKey, TeamRepo, SIGNERS, pushForgery, joinedMember } from './support/teamRepo'

/**
 * Shared policies, roles and sandbox limits ride in the team repository (`.skilldock/policies.json`)
 * under the same rule as approvals: only an entry set by a commit signed with a key the verified
 * allowed_signers lists is applied on a member's machine; it is undone when that signed entry goes.
 * An unsigned, outsider-signed or forged entry changes nothing here and says why in team status.
 */
const SHARED = '.skilldock/policies.json'

type Run = ReturnType<typeof member>

async function json<T>(run: Run, ...args: string[]): Promise<T> {
  const result = await run(...args, '--json')
  expect(result.code, result.stderr).toBe(0)
  return result.json() as T
}

const sharedOf = async (run: Run) => (await json<TeamStatus>(run, 'team', 'status')).teams[0]!.shared
const policies = (run: Run) => json<CallPolicy[]>(run, 'policy', 'list')
const roles = (run: Run) => json<Role[]>(run, 'role', 'list')

function team(admin: ReturnType<typeof sshKey>) {
  const repo = new TeamRepo()
  repo.commit({ [SIGNERS]: signers(admin), ...repo.addSkill('hello') }, 'genesis', admin)
  return repo
}

const doc = (...entries: object[]) => JSON.stringify({ version: 1, entries }, null, 2)
const holdDeletes = { type: 'policy', skill: 'hello', tool: 'delete_*', kind: 'requires_approval' }

describe('team mode: shared policies, roles and limits', { timeout: 240_000 }, () => {
  it('what an admin signs with team share is applied on a member, restored if removed locally, and undone when withdrawn', async () => {
    const admin = sshKey('alice@team')
    const repo = team(admin)
    const adminRun = await joinedMember(repo, 'skilldock-admin-')
    const share = async (...args: string[]) => {
      const result = await adminRun('team', 'share', ...args, '--key', admin.file, '--push')
      expect(result.code, result.stderr).toBe(0)
      return result
    }
    await share('policy', 'hello', '--tool', 'delete_*', '--timeout', '120')
    await share('role', 'readers', '--allow', 'hello/read_*,hello/list_*')
    await share('limits', 'hello', '--limits', 'cpu=30,memory=512')
    expect(git(repo.bare, 'log', '-1', '--format=%s', 'main')).toBe('Share limits:hello')
    // Bad input changes nothing in the team repository, and says what to do.
    const tip = git(repo.bare, 'rev-parse', 'main')
    const notTeams = await adminRun(
      'team',
      'share',
      'limits',
      'nosuch',
      '--limits',
      'cpu=30',
      '--key',
      admin.file,
    )
    expect(notTeams.code).toBe(1)
    expect(notTeams.stderr).toContain('no skill named nosuch')
    const tooBig = await adminRun(
      'team',
      'share',
      'limits',
      'hello',
      '--limits',
      'cpu=0',
      '--key',
      admin.file,
    )
    expect(tooBig.stderr).toContain('cpuSeconds must be a whole number from 1')
    expect((await adminRun('team', 'share', 'quota', 'hello')).code).toBe(2)
    expect(git(repo.bare, 'rev-parse', 'main')).toBe(tip)

    const home = tempDir('skilldock-member-')
    const run = member(home)
    expect((await run('team', 'join', repo.url, '--allow-local')).code).toBe(0)
    expect(await policies(run)).toMatchObject([
      { skill: 'hello', tool: 'delete_*', kind: 'requires_approval', timeoutSeconds: 120 },
    ])
    expect((await roles(run)).find((r) => r.name === 'readers')?.allow).toEqual([
      'hello/read_*',
      'hello/list_*',
    ])
    // The sandbox reads its limits from this store at every start of the skill.
    expect(new SandboxLimitsStore(home).limitsOf('hello')).toMatchObject({ cpuSeconds: 30, memoryMb: 512 })
    const shared = await sharedOf(run)
    expect(shared.map((s) => [s.key, s.applied, s.signer])).toEqual([
      ['limits:hello', true, 'alice@team'],
      ['policy:hello/delete_*:requires_approval', true, 'alice@team'],
      ['role:readers', true, 'alice@team'],
    ])

    // Removed on this machine, the team's policy is back at the next sync.
    const [held] = await policies(run)
    expect((await run('policy', 'remove', String(held!.id))).code).toBe(0)
    expect((await run('team', 'sync')).code).toBe(0)
    expect((await policies(run)).map((p) => p.tool)).toEqual(['delete_*'])

    // Withdrawn by the admin (signed): gone from the member at the next sync, the rest stays.
    await share('role', 'readers', '--remove')
    await share('limits', 'hello', '--remove')
    expect((await run('team', 'sync')).code).toBe(0)
    expect((await roles(run)).map((r) => r.name)).not.toContain('readers')
    expect(new SandboxLimitsStore(home).limitsOf('hello')).toMatchObject({ cpuSeconds: 600, memoryMb: 4096 })
    expect((await policies(run)).map((p) => p.tool)).toEqual(['delete_*'])
    const after = await sharedOf(run)
    expect(after.find((s) => s.key === 'role:readers')?.reason).toContain('withdrawn')

    // Leaving the team takes what it shared along.
    const name = (await json<TeamStatus>(run, 'team', 'status')).teams[0]!.name
    expect((await run('team', 'leave', name)).code).toBe(0)
    expect(await policies(run)).toEqual([])
  })

  it('an unsigned, an outsider-signed and a forged shared entry are ignored, each with the reason in team status', async () => {
    const admin = sshKey('alice@team')
    const outsider = sshKey('mallory@evil')
    const repo = team(admin)
    const run = await joinedMember(repo)

    repo.commit({ [SHARED]: doc({ type: 'role', name: 'everything', allow: ['*'] }) }, 'unsigned', null)
    repo.commit(
      {
        [SHARED]: doc(
          { type: 'role', name: 'everything', allow: ['*'] },
          { type: 'limits', skill: 'hello', memoryMb: 1_048_576 },
        ),
      },
      'outsider',
      outsider,
    )
    expect((await run('team', 'sync')).code).toBe(0)
    let shared = await sharedOf(run)
    expect(shared.find((s) => s.key === 'role:everything')).toMatchObject({ applied: false })
    expect(shared.find((s) => s.key === 'role:everything')?.reason).toContain('not in allowed_signers')
    expect(shared.find((s) => s.key === 'limits:hello')?.reason).toContain('not in allowed_signers')
    expect((await roles(run)).map((r) => r.name)).not.toContain('everything')

    // A real admin-signed commit (an innocuous policy), then a forgery: the same commit object,
    // signature and all, pointing at a tree whose policies.json drops that policy for a wide role.
    const signed = repo.commit({ [SHARED]: doc(holdDeletes) }, 'admin shares a policy', admin)
    writeFileSync(join(repo.work, SHARED), doc({ type: 'role', name: 'everything', allow: ['*'] }))
    pushForgery(repo, signed)
    expect((await run('team', 'sync')).code).toBe(0)
    shared = await sharedOf(run)
    expect(shared.find((s) => s.key === 'role:everything')?.reason).toMatch(/bad signature|could not verify/)
    expect((await roles(run)).map((r) => r.name)).not.toContain('everything')
    expect(await policies(run)).toEqual([])

    // The genuine signed commit applies exactly what it says.
    git(repo.work, 'reset', '-q', '--hard', signed)
    repo.push()
    expect((await run('team', 'sync')).code).toBe(0)
    expect((await policies(run)).map((p) => `${p.skill}/${p.tool}`)).toEqual(['hello/delete_*'])
    expect((await roles(run)).map((r) => r.name)).not.toContain('everything')
  })

  it('removing an admin from allowed_signers (signed by another admin) undoes what only they shared', async () => {
    const alice = sshKey('alice@team')
    const bob = sshKey('bob@team')
    const repo = new TeamRepo()
    repo.commit({ [SIGNERS]: signers(alice, bob), ...repo.addSkill('hello') }, 'genesis', alice)
    repo.commit({ [SHARED]: doc(holdDeletes) }, 'alice shares', alice)
    const run = await joinedMember(repo)
    expect(await policies(run)).toHaveLength(1)
    repo.commit({ [SIGNERS]: signers(bob) }, 'remove alice', bob)
    expect((await run('team', 'sync')).code).toBe(0)
    expect(await policies(run)).toEqual([])
    const shared = await sharedOf(run)
    expect(shared[0]?.reason).toContain('removed from allowed_signers')
  })
})
