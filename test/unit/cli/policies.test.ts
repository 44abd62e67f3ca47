import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDuration } from '../../../src-main/cli/commands/policies'
import { cli } from '../../support/cli'
import { tempDir } from '../../support/fs'

describe('skilldock policy, role, limit and calls', () => {
  it('parses durations like 30s, 5m, 1h', () => {
    expect(parseDuration('30s')).toBe(30)
    expect(parseDuration('5m')).toBe(300)
    expect(parseDuration('1h')).toBe(3600)
    expect(parseDuration('90')).toBe(90)
    expect(parseDuration('0m')).toBeNull()
    expect(parseDuration('soon')).toBeNull()
  })

  it('adds, lists and removes policies, with usage errors for contradictory flags', async () => {
    const home = join(tempDir(), 'home')
    const added = await cli([
      '--home',
      home,
      '--json',
      'policy',
      'add',
      'admin/*',
      '--requires-approval',
      '--timeout',
      '2m',
    ])
    expect(added.code).toBe(0)
    expect(added.json()).toMatchObject({
      skill: 'admin',
      tool: '*',
      kind: 'requires_approval',
      timeoutSeconds: 120,
    })
    const dry = await cli(['--home', home, 'policy', 'add', '*/delete_*', '--dry-run'])
    expect(dry.stdout).toContain('calls to */delete_* are dry runs')
    const list = await cli(['--home', home, 'policy', 'list'])
    expect(list.stdout).toMatch(
      /^ID\s+SKILL\s+TOOL\s+KIND\s+TIMEOUT\n1\s+admin\s+\*\s+requires_approval\s+120s\n2\s+\*\s+delete_\*\s+dry_run/,
    )
    expect((await cli(['--home', home, 'policy', 'add', 'x', '--dry-run', '--requires-approval'])).code).toBe(
      2,
    )
    expect((await cli(['--home', home, 'policy', 'add', 'x'])).code).toBe(2)
    expect(
      (await cli(['--home', home, 'policy', 'add', 'x', '--requires-approval', '--timeout', 'later'])).code,
    ).toBe(2)
    const bad = await cli(['--home', home, '--json', 'policy', 'add', 'a b', '--dry-run'])
    expect(bad.code).toBe(1)
    expect(bad.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } })
    expect((await cli(['--home', home, 'policy', 'remove', '1'])).code).toBe(0)
    const missing = await cli(['--home', home, 'policy', 'remove', '1'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('No policy has the id 1')
    expect((await cli(['--home', home, '--json', 'policy', 'list'])).json()).toHaveLength(1)
  })

  it('manages roles and limits, and reports held calls', async () => {
    const home = join(tempDir(), 'home')
    const role = await cli([
      '--home',
      home,
      '--json',
      'role',
      'add',
      'readers',
      '--allow',
      'text-stats/*',
      'unit-converter/convert',
    ])
    expect(role.json()).toMatchObject({
      name: 'readers',
      allow: ['text-stats/*', 'unit-converter/convert'],
      clients: [],
    })
    expect((await cli(['--home', home, 'role', 'add', 'readers', '--allow', '*'])).stderr).toContain(
      '--replace',
    )
    expect((await cli(['--home', home, 'role', 'add', 'readers', '--allow', '*', '--replace'])).code).toBe(0)
    const assign = await cli(['--home', home, 'clients', 'role', 'nobody', 'readers'])
    expect(assign.code).toBe(1)
    expect(assign.stderr).toContain('No MCP client is named nobody')
    expect((await cli(['--home', home, 'clients', 'role', 'nobody'])).code).toBe(2)
    expect((await cli(['--home', home, 'role', 'remove', 'readers'])).stdout).toContain(
      'Removed role readers',
    )

    const set = await cli([
      '--home',
      home,
      '--json',
      'limit',
      'set',
      '--client',
      'cursor',
      '--max',
      '5',
      '--per',
      '1m',
    ])
    expect(set.json()).toMatchObject({ scope: 'client', target: 'cursor', maxCalls: 5, windowSeconds: 60 })
    expect((await cli(['--home', home, 'limit', 'set', '--max', '5'])).code).toBe(2)
    expect((await cli(['--home', home, 'limit', 'list'])).stdout).toMatch(/client\s+cursor\s+5\s+60s/)
    expect((await cli(['--home', home, '--json', 'limit', 'remove', '--client', 'cursor'])).json()).toEqual({
      removed: true,
    })

    expect((await cli(['--home', home, 'calls', 'list', '--pending'])).stdout).toContain('No call is waiting')
    const unknown = await cli(['--home', home, '--json', 'calls', 'approve', 'abcdef'])
    expect(unknown.code).toBe(1)
    expect(unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })
})
