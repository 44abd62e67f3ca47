import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TeamStatus } from '../../src-main/contract/team'
import { startServer } from '../../src-main/http/server'
import { makeCore } from '../support/core'
import { tempDir } from '../support/fs'
import {
  APPROVALS,
  member,
  newTeam,
  signers,
  SIGNERS,
  skillOf,
  sshKey,
  TeamRepo,
  teamStatus,
} from './support/teamRepo'

/**
 * The machine-wide managed policy against real team repositories: a locked mode, personal skills
 * switched off and required teams hold in every face (CLI, HTTP API, a running core).
 */
describe('managed policy: a locked mode cannot be changed from any face', { timeout: 120_000 }, () => {
  it('the CLI, the HTTP API (what the UI calls) and a running core all keep the pinned mode', async () => {
    const home = tempDir('skilldock-member-')
    const policyFile = join(tempDir('skilldock-policy-'), 'policy.json')
    // Before the policy exists the person chose full_auto.
    expect((await member(home)('governance', 'full_auto')).code).toBe(0)
    writeFileSync(
      policyFile,
      JSON.stringify({ governanceMode: 'locked', allowedSources: ['https://git.example.com/'] }),
    )
    const run = member(home, { SKILLDOCK_MANAGED_POLICY: policyFile })

    const shown = (await run('governance', '--json')).json() as { mode: string }
    expect(shown.mode).toBe('locked')
    const refused = await run('governance', 'semi_auto')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('managed policy')
    expect(((await run('governance', '--json')).json() as { mode: string }).mode).toBe('locked')
    // A source outside the allowed prefixes is refused, and so is a team at such a URL.
    const repo = new TeamRepo()
    expect((await run('team', 'join', repo.url, '--allow-local')).stderr).toContain(
      'does not allow the source',
    )

    const { core } = makeCore({ home, env: { ...process.env, SKILLDOCK_MANAGED_POLICY: policyFile } })
    const server = await startServer({ core, port: 0, uiDir: null })
    try {
      const api = async (route: string, input: unknown) => {
        const reply = await fetch(new URL(`/api/invoke/${route}`, server.url), {
          method: 'POST',
          headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(input),
        })
        return (await reply.json()) as { ok: boolean; data?: { mode: string }; error?: { message: string } }
      }
      const set = await api('governance.set', { mode: 'full_auto' })
      expect(set.ok).toBe(false)
      expect(set.error?.message).toContain('managed policy')
      expect((await api('governance.get', {})).data?.mode).toBe('locked')
      const policy = (await api('policy.managed', {})) as unknown as {
        data: { governanceMode: string; path: string }
      }
      expect(policy.data).toMatchObject({ governanceMode: 'locked', path: policyFile })
    } finally {
      await server.close()
    }
  })
})

describe('managed policy: personal skills off', { timeout: 180_000 }, () => {
  it('only team skills run: a locally approved personal skill is refused at the call, a team skill runs', async () => {
    const admin = sshKey('alice@team')
    const repo = new TeamRepo()
    const fixture = join(__dirname, '..', 'fixtures', 'runtime', 'echo')
    const echoFiles = Object.fromEntries(
      ['SKILL.md', 'skill.py'].map((f) => [`skills/echo/${f}`, readFileSync(join(fixture, f), 'utf8')]),
    )
    repo.commit({ [SIGNERS]: signers(admin), ...echoFiles }, 'genesis', admin)
    repo.commit({ [APPROVALS]: repo.approvals({ echo: { trust: 'trusted' } }) }, 'approve echo', admin)

    const home = tempDir('skilldock-member-')
    const policyFile = join(tempDir('skilldock-policy-'), 'policy.json')
    const run = member(home, { SKILLDOCK_MANAGED_POLICY: policyFile })
    expect((await run('team', 'join', repo.url, '--allow-local')).code).toBe(0)
    // A personal skill: the same server under another name, added and approved by the person.
    const mine = join(tempDir('skilldock-mine-'), 'mine')
    cpSync(fixture, mine, { recursive: true, filter: (src) => !src.includes('__pycache__') })
    writeFileSync(
      join(mine, 'SKILL.md'),
      readFileSync(join(fixture, 'SKILL.md'), 'utf8').replace(/^name: echo$/m, 'name: mine'),
    )
    expect((await run('add', mine)).code).toBe(0)
    const request = ((await run('approvals', '--json')).json() as { id: string; skill: string }[]).find(
      (a) => a.skill === 'mine',
    )!
    expect((await run('approve', request.id, '--trust', 'trusted')).code).toBe(0)
    const args = ['--args', '{"text":"hi"}']
    expect((await run('call', 'mine', 'echo', ...args)).stdout).toContain('hi')

    writeFileSync(policyFile, JSON.stringify({ personalSkills: false }))
    const refused = await run('call', 'mine', 'echo', ...args)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('lets only team skills run')
    // Starting its server (to list its tools) would run its code too: refused the same way.
    const started = await run('tools', 'mine', '--refresh')
    expect(started.code).toBe(1)
    expect(started.stderr).toContain('lets only team skills run')
    const team = await run('call', 'echo', 'echo', ...args)
    expect(team.code, team.stderr).toBe(0)
    expect(team.stdout).toContain('hi')
  })
})

describe('managed policy: required teams', { timeout: 120_000 }, () => {
  it('team sync joins a required team; a plain source sync then applies its signed approvals', async () => {
    const admin = sshKey('alice@team')
    const repo = newTeam(admin)
    const policyFile = join(tempDir('skilldock-policy-'), 'policy.json')
    writeFileSync(
      policyFile,
      JSON.stringify({ requiredTeams: [{ name: 'corp', url: repo.url, allowLocal: true }] }),
    )
    const run = member(tempDir('skilldock-member-'), { SKILLDOCK_MANAGED_POLICY: policyFile })
    expect((await teamStatus(run)).missingRequired).toEqual([`corp (${repo.url})`])
    const synced = await run('team', 'sync', '--json')
    expect(synced.code, synced.stderr).toBe(0)
    let s = synced.json() as TeamStatus
    expect(s.missingRequired).toEqual([])
    expect(s.teams.map((t) => t.name)).toEqual(['corp'])
    expect(skillOf(s, 'hello').state).toBe('pending')

    repo.commit({ [APPROVALS]: repo.approvals({ hello: { trust: 'monitored' } }) }, 'approve', admin)
    // The ordinary source command, not a team one: every sync of the team source verifies.
    expect((await run('source', 'sync', 'team-corp')).code).toBe(0)
    s = await teamStatus(run)
    expect(skillOf(s, 'hello')).toMatchObject({ state: 'active', teamApproved: true })
  })
})
