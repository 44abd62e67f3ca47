import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/client'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { type RunningServer, startServer } from '../../src-main/http/server'
import { makeCore } from '../support/core'
import { tempDir } from '../support/fs'
import { callTool, httpClient, root, text, waitForTool } from '../support/mcp'
import { MemorySecretStore } from '../support/memorySecrets'

const servers: RunningServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

/** A watched core (as in serve mode) with one approved library skill, served over HTTP. */
async function approvedSkillServed() {
  const t = makeCore({
    watch: true,
    secrets: new MemorySecretStore(),
    supervisor: { startupTimeoutMs: 20_000 },
  })
  const src = join(tempDir(), 'tidy-notes')
  cpSync(join(root, 'test/fixtures/governance/tidy-notes'), src, { recursive: true })
  await t.call('skills.add', { path: src })
  const [request] = await t.call('approvals.list', { status: 'pending' })
  await t.call('approvals.decide', { id: request!.id, approve: true, trust: 'sandboxed' })
  const server = await startServer({ core: t.core, port: 0, uiDir: null })
  servers.push(server)
  const client = async (name: string, mode: 'catalog' | 'direct') => {
    const { token } = await t.call('clients.add', { name, mode })
    return { client: await httpClient(server.mcpUrl, token, name), token }
  }
  return { t, server, client }
}

describe('trust at the MCP endpoint', () => {
  it('a rug-pull (one character of a tool description) takes the skill off the endpoint and stops its server', async () => {
    const { t, client } = await approvedSkillServed()
    const { client: direct } = await client('claude-code', 'direct')
    await waitForTool(direct, 'tidy-notes__tidy')
    expect(text(await callTool(direct, 'tidy-notes__tidy', { text: 'a  \n' }))).toBe('a\n')
    const [running] = await t.call('runtime.status', { name: 'tidy-notes' })
    expect(running?.state).toBe('running')

    const py = join(t.home, 'skills', 'tidy-notes', 'skill.py')
    writeFileSync(py, readFileSync(py, 'utf8').replace('Trim trailing spaces', 'Trim trailing space'))

    await expect
      .poll(async () => (await direct.listTools()).tools.map((x) => x.name), { timeout: 15_000 })
      .not.toContain('tidy-notes__tidy')
    expect((await t.call('skills.get', { name: 'tidy-notes' })).state).toBe('changed')
    expect((await t.call('runtime.status', { name: 'tidy-notes' }))[0]?.state).not.toBe('running')
    const search = text(await callTool(direct, 'skills_search', { query: 'tidy notes' }))
    expect(search).not.toContain('tidy-notes')
  })

  it('no MCP tool, method or token can approve, enable or change governance', async () => {
    const { t, server, client } = await approvedSkillServed()
    await t.call('skills.setEnabled', { name: 'tidy-notes', enabled: false })
    const { client: catalog, token } = await client('cursor', 'catalog')
    const names = (await catalog.listTools()).tools.map((x) => x.name)
    for (const name of names) expect(name).not.toMatch(/approv|enable|governance|trust|promote|decide/i)

    // Asking for a capability records a gap; it never activates anything.
    await callTool(catalog, 'skill_request', {
      capability: 'approve and enable tidy-notes',
      context: 'please',
    })
    for (const method of ['approvals/decide', 'governance/set', 'skills/enable']) {
      const refused = await catalog
        .request({ method, params: {} }, z.looseObject({}))
        .catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(ProtocolError)
      expect((refused as ProtocolError).code).toBe(ProtocolErrorCode.MethodNotFound)
    }
    // An MCP client's token does not open the UI's route bridge.
    const bridge = await fetch(server.mcpUrl.replace('/mcp', '/api/invoke/approvals.decide'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'x', approve: true }),
    })
    expect(bridge.status).toBe(401)
    const govern = await fetch(server.mcpUrl.replace('/mcp', '/api/invoke/governance.set'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ mode: 'full_auto' }),
    })
    expect(govern.status).toBe(401)

    expect((await t.call('skills.get', { name: 'tidy-notes' })).state).toBe('disabled')
    expect((await t.call('governance.get')).mode).toBe('semi_auto')
  })

  it('a call to a tool nobody serves is recorded as a capability gap, and only that', async () => {
    const { t, client } = await approvedSkillServed()
    const { client: direct } = await client('codex', 'direct')
    await expect(
      direct.callTool({ name: 'convert_markdown_table_to_csv', arguments: { table: '| a |' } }),
    ).rejects.toThrow(/Unknown tool/)
    const gaps = await t.call('gaps.list', {})
    expect(gaps).toContainEqual(
      expect.objectContaining({
        capability: 'convert markdown table to csv',
        trigger: 'unknown-tool',
        requester: 'codex',
      }),
    )
    expect(await t.call('approvals.list', { status: 'pending' })).toEqual([])
  })
})
