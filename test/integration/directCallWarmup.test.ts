import { describe, expect, it } from 'vitest'
import { callTool, ERAS, httpClient, mcpCore, startTestServer, text } from '../support/mcp'

async function state(t: ReturnType<typeof mcpCore>, skill: string): Promise<string | undefined> {
  return (await t.call('runtime.status', { name: skill }))[0]?.state
}

describe.each(ERAS)('direct mode, %s era: a call does not wait for unrelated skills to start', (era) => {
  it('calls a recorded tool without starting never-run skills; a name only they could own starts them', async () => {
    const t = mcpCore(['unit-converter', 'text-stats'])
    const server = await startTestServer(t)
    const { token } = await t.call('clients.add', { name: 'direct', mode: 'direct' })
    // unit-converter ran once (its tools are recorded); text-stats never ran.
    await t.call('runtime.call', {
      name: 'unit-converter',
      tool: 'convert',
      arguments: { value: 1, from_unit: 'kg', to_unit: 'g' },
    })
    const client = await httpClient(server.mcpUrl, token, 'direct', era)

    const converted = await callTool(client, 'unit-converter__convert', {
      value: 2,
      from_unit: 'kg',
      to_unit: 'g',
    })
    expect(text(converted)).toContain('2000')
    expect(await state(t, 'text-stats')).toBe('stopped')

    // A tool of the never-run skill, called before any listing: it is started to learn its tools.
    const counted = await callTool(client, 'text-stats__text_statistics', { text: 'One two. Three.' })
    expect(text(counted)).toMatch(/word/i)
    expect(await state(t, 'text-stats')).toBe('running')
  }, 60_000)
})
