import { afterEach, describe, expect, it } from 'vitest'
import type { SkillSummary } from '../../src-main/contract/models'
import { type RunningServer, startServer } from '../../src-main/http/server'
import { cli } from '../support/cli'
import { automationCore } from '../support/automation'
import { callTool, httpClient, root, text } from '../support/mcp'

const servers: RunningServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

const TEXT = JSON.stringify({ text: 'One two three. Four five.' })
const USE = 'text-stats is deprecated (counts are wrong); use unit-converter instead.'

/**
 * The hole: a deprecated skill still looked `active` in `list` and `show` and could be called
 * directly, so agents and people kept using a skill its owner had retired.
 */
describe('a deprecated skill', () => {
  it('shows as deprecated with its replacement, answers agents with the replacement, and warns at the CLI', async () => {
    // The bundled skills the CLI (a core of its own on the same data home) also indexes.
    const t = automationCore(root)
    const server = await startServer({ core: t.core, port: 0, uiDir: null })
    servers.push(server)
    const home = ['--home', t.home]
    const catalogToken = (await t.call('clients.add', { name: 'agent' })).token
    const directToken = (await t.call('clients.add', { name: 'direct-agent', mode: 'direct' })).token
    const deprecated = await cli([
      ...home,
      'deprecate',
      'text-stats',
      '--reason',
      'counts are wrong',
      '--replacement',
      'unit-converter',
    ])
    expect(deprecated.code, deprecated.stderr).toBe(0)

    // CLI list and show.
    const list = await cli([...home, 'list'])
    const row = list.stdout.split('\n').find((l) => l.startsWith('text-stats'))
    expect(row).toContain('deprecated (use unit-converter)')
    const listed = (await cli([...home, '--json', 'list'])).json() as SkillSummary[]
    expect(listed.find((s) => s.name === 'text-stats')).toMatchObject({
      state: 'deprecated',
      deprecation: { reason: 'counts are wrong', replacement: 'unit-converter' },
    })
    const show = (await cli([...home, 'show', 'text-stats'])).stdout
    expect(show).toMatch(/state\s+deprecated/)
    expect(show).toMatch(/replacement\s+unit-converter/)
    expect((await cli([...home, 'list', '--state', 'deprecated'])).stdout).toContain('text-stats')

    // The routes the UI uses.
    const summary = (await t.call('skills.list', {})).find((s) => s.name === 'text-stats')
    expect(summary?.state).toBe('deprecated')
    expect((await t.call('skills.get', { name: 'text-stats' })).deprecation?.replacement).toBe(
      'unit-converter',
    )

    // MCP, catalog mode and direct mode: an error naming the replacement, and nothing ran.
    const agent = await httpClient(server.mcpUrl, catalogToken, 'agent')
    const viaCatalog = await callTool(agent, 'skill_call', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: JSON.parse(TEXT) as Record<string, unknown>,
    })
    expect(viaCatalog.isError).toBe(true)
    expect(text(viaCatalog)).toBe(USE)
    const direct = await httpClient(server.mcpUrl, directToken, 'direct-agent')
    const viaDirect = await callTool(
      direct,
      'text-stats__text_statistics',
      JSON.parse(TEXT) as Record<string, unknown>,
    )
    expect(viaDirect.isError).toBe(true)
    expect(text(viaDirect)).toBe(USE)
    const [status] = await t.call('runtime.status', { name: 'text-stats' })
    expect(status?.state).not.toBe('running')

    // The owner may still call it from the CLI, and is told what replaces it.
    const called = await cli([...home, 'call', 'text-stats', 'text_statistics', '--args', TEXT])
    expect(called.code, called.stderr).toBe(0)
    expect(called.stderr).toContain(
      'warning: text-stats is deprecated (counts are wrong); use unit-converter instead.',
    )

    // Undeprecated, it is active and callable again.
    expect((await cli([...home, 'undeprecate', 'text-stats'])).code).toBe(0)
    expect((await t.call('skills.list', {})).find((s) => s.name === 'text-stats')?.state).toBe('builtin')
    const again = await callTool(agent, 'skill_call', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: JSON.parse(TEXT) as Record<string, unknown>,
    })
    expect(again.isError, text(again)).toBeFalsy()
  }, 90_000)
})
