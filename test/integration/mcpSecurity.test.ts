import { createHash } from 'node:crypto'
import { connect as netConnect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { ProtocolError as McpError, ProtocolErrorCode as ErrorCode } from '@modelcontextprotocol/client'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MAX_LISTENS_PER_CLIENT } from '../../src-main/http/mcpModern'
import {
  callTool,
  type Era,
  ERAS,
  httpClient,
  INITIALIZE,
  listAllSkills,
  MCP_HEADERS,
  mcpCore,
  rawOpening,
  rawRequest,
  setExposure,
  SkillsGetResult,
  text,
  startTestServer,
} from '../support/mcp'

async function serve() {
  const t = mcpCore()
  const server = await startTestServer(t)
  const token = async (name: string, mode: 'catalog' | 'direct' = 'catalog') =>
    (await t.call('clients.add', { name, mode })).token
  return { t, server, port: server.port, token }
}

const auth = (token: string, headers: Record<string, string> = MCP_HEADERS) => ({
  ...headers,
  Authorization: `Bearer ${token}`,
})

/** Opens a session with raw HTTP; returns its id. */
async function rawSession(port: number, token: string): Promise<string> {
  const reply = await rawRequest(port, '/mcp', { headers: auth(token), body: INITIALIZE })
  expect(reply.status).toBe(200)
  const id = reply.headers['mcp-session-id']
  expect(typeof id).toBe('string')
  return id as string
}

const toolsList = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} })

describe.each(ERAS)('MCP endpoint security (%s era)', (era: Era) => {
  const opening = rawOpening(era)
  it('answers 401 without a token and with an unknown token', async () => {
    const { port } = await serve()
    const none = await rawRequest(port, '/mcp', { headers: opening.headers, body: opening.body })
    expect(none.status).toBe(401)
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/)
    const unknown = await rawRequest(port, '/mcp', {
      headers: auth(`sdk_${'A'.repeat(43)}`, opening.headers),
      body: opening.body,
    })
    expect(unknown.status).toBe(401)
    expect(JSON.parse(unknown.body).error.message).toContain('clients add')
  })

  it('answers 403 to a foreign Host or Origin even with a valid token, and sends no CORS headers', async () => {
    const { port, token } = await serve()
    const good = await token('cursor')
    const host = await rawRequest(port, '/mcp', {
      headers: { ...auth(good, opening.headers), Host: 'evil.test' },
      body: opening.body,
    })
    expect(host.status).toBe(403)
    const rebound = await rawRequest(port, '/mcp', {
      headers: { ...auth(good, opening.headers), Host: `evil.test:${port}` },
      body: opening.body,
    })
    expect(rebound.status).toBe(403)
    const origin = await rawRequest(port, '/mcp', {
      headers: { ...auth(good, opening.headers), Origin: 'https://evil.test' },
      body: opening.body,
    })
    expect(origin.status).toBe(403)
    const preflight = await rawRequest(port, '/mcp', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.test', 'Access-Control-Request-Method': 'POST' },
    })
    expect(preflight.status).toBe(403)
    const ok = await rawRequest(port, '/mcp', {
      headers: { ...auth(good, opening.headers), Origin: `http://127.0.0.1:${port}` },
      body: opening.body,
    })
    expect(ok.status).toBe(200)
    for (const reply of [host, origin, preflight, ok]) {
      expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
    }
  })

  it('keeps only the sha256 of a token in the database, never the token', async () => {
    const { t, token } = await serve()
    const secret = await token('cursor')
    expect(secret).toMatch(/^sdk_[A-Za-z0-9_-]{43}$/)
    const db = new Database(join(t.home, 'skilldock.db'), { readonly: true })
    const row = db.prepare('SELECT * FROM client_tokens WHERE name = ?').get('cursor') as Record<
      string,
      unknown
    >
    db.close()
    expect(row.token_hash).toBe(createHash('sha256').update(secret).digest('hex'))
    expect(JSON.stringify(row)).not.toContain(secret)
    expect(await t.call('clients.list', {})).toEqual([
      { name: 'cursor', mode: 'catalog', createdAt: expect.any(String), lastUsedAt: null },
    ])
  })

  it('never gives a client another client’s responses', async () => {
    const { server, token } = await serve()
    const a = await httpClient(server.mcpUrl, await token('alice'), 'alice', era)
    const b = await httpClient(server.mcpUrl, await token('bob'), 'bob', era)
    const calls = Array.from({ length: 12 }, (_, i) => [
      callTool(a, 'skill_request', { capability: `alice capability number ${i}` }),
      callTool(b, 'skill_request', { capability: `bob capability number ${i}` }),
    ]).flat()
    const results = await Promise.all(calls)
    results.forEach((r, i) => {
      const who = i % 2 === 0 ? 'alice' : 'bob'
      const other = who === 'alice' ? 'bob' : 'alice'
      expect(text(r)).toContain(`${who} capability number ${Math.floor(i / 2)}`)
      expect(text(r)).not.toContain(other)
    })
  })

  it('hides a restricted skill from clients not on its allow-list and rate-limits its calls', async () => {
    const { t, server, token } = await serve()
    setExposure(t.home, 'unit-converter', {
      trust: 'restricted',
      allowedClients: ['alice'],
      ratePerMinute: 2,
    })
    const bob = await httpClient(server.mcpUrl, await token('bob', 'direct'), 'bob', era)
    expect((await listAllSkills(bob)).map((e) => e.uri)).not.toContain('skill://unit-converter/SKILL.md')
    const search = await callTool(bob, 'skills_search', { query: 'convert units' })
    expect(JSON.stringify(search.structuredContent)).not.toContain('unit-converter')
    expect((await callTool(bob, 'skill_read', { name: 'unit-converter' })).isError).toBe(true)
    const call = await callTool(bob, 'skill_call', {
      skill: 'unit-converter',
      tool: 'convert',
      arguments: {},
    })
    expect(call.isError).toBe(true)
    expect(text(call)).toContain('No skill named "unit-converter"')
    const get = await bob
      .request({ method: 'skills/get', params: { uri: 'skill://unit-converter/SKILL.md' } }, SkillsGetResult)
      .catch((e: unknown) => e)
    expect((get as McpError).code).toBe(ErrorCode.InvalidParams)
    const read = await bob.readResource({ uri: 'skill://unit-converter/SKILL.md' }).catch((e: unknown) => e)
    expect((read as McpError).code).toBe(ErrorCode.InvalidParams)
    expect((await bob.listPrompts()).prompts.map((p) => p.name)).not.toContain('unit-converter')
    expect((await bob.listResources()).resources.map((r) => r.uri)).not.toContain(
      'skill://unit-converter/SKILL.md',
    )

    const alice = await httpClient(server.mcpUrl, await token('alice'), 'alice', era)
    expect((await listAllSkills(alice)).map((e) => e.uri)).toContain('skill://unit-converter/SKILL.md')
    const args = {
      skill: 'unit-converter',
      tool: 'convert',
      arguments: { value: 1, from_unit: 'm', to_unit: 'cm' },
    }
    expect(text(await callTool(alice, 'skill_call', args))).toContain('100')
    await callTool(alice, 'skill_call', args)
    const limited = await callTool(alice, 'skill_call', args).catch((e: unknown) => e)
    expect(limited).toBeInstanceOf(McpError)
    expect((limited as McpError).message).toContain('2 calls per minute')
    expect((limited as McpError).message).toContain('"alice"')
    // The calls of a non-trusted skill are audited under the client's name, the refused one too.
    const audit = (await t.call('runtime.logs', { name: 'unit-converter' })).audit
    expect(
      audit
        .filter((e) => e.action === 'tool.call')
        .map((e) => `${e.client}:${e.outcome}`)
        .sort(),
    ).toEqual(['alice:ok', 'alice:ok', 'alice:rate_limited'])
  }, 40_000)

  it('refuses request bodies over the limit', async () => {
    const { port, token } = await serve()
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { pad: 'x'.repeat(5 * 1024 * 1024) },
    })
    const headers = auth(await token('cursor'), opening.headers)
    const reply = await rawRequest(port, '/mcp', { headers, body: big }).catch(
      (err: NodeJS.ErrnoException) => ({
        status: err.code === 'EPIPE' || err.code === 'ECONNRESET' ? 413 : 0,
      }),
    )
    expect(reply.status).toBe(413)
  })

  it('listens on the loopback address only', async () => {
    const { server, port } = await serve()
    expect(new URL(server.mcpUrl).hostname).toBe('127.0.0.1')
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && !i.internal && i.family === 'IPv4')
    if (!external) return
    const outcome = await new Promise<string>((resolve) => {
      const socket = netConnect({ host: external.address, port }, () => {
        socket.destroy()
        resolve('connected')
      })
      socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'))
    })
    expect(outcome).toBe('ECONNREFUSED')
  })
})

// Sessions exist only in the 2025 era: a 2026-07-28 request has no session to take over.
describe('MCP endpoint sessions (legacy era)', () => {
  it('answers 404 for an unknown session and for a session another client opened', async () => {
    const { port, token } = await serve()
    const alice = await token('alice')
    const bob = await token('bob')
    const session = await rawSession(port, alice)
    const unknown = await rawRequest(port, '/mcp', {
      headers: { ...auth(alice), 'Mcp-Session-Id': '00000000-0000-4000-8000-000000000000' },
      body: toolsList,
    })
    expect(unknown.status).toBe(404)
    const hijack = await rawRequest(port, '/mcp', {
      headers: { ...auth(bob), 'Mcp-Session-Id': session },
      body: toolsList,
    })
    expect(hijack.status).toBe(404)
    const stream = await rawRequest(port, '/mcp', {
      method: 'GET',
      headers: { Accept: 'text/event-stream', Authorization: `Bearer ${bob}`, 'Mcp-Session-Id': session },
    })
    expect(stream.status).toBe(404)
    const end = await rawRequest(port, '/mcp', {
      method: 'DELETE',
      headers: { ...auth(bob), 'Mcp-Session-Id': session },
    })
    expect(end.status).toBe(404)
  })
})

// 2026-07-28 has no sessions to cap; its long-lived requests are the subscriptions/listen streams.
describe('MCP endpoint subscriptions (2026-07-28)', () => {
  it("caps one client's open listen streams without touching another client's", async () => {
    const { server, token } = await serve()
    // The helper's client already holds one stream.
    const alice = await httpClient(server.mcpUrl, await token('alice'), 'alice', 'modern')
    const filter = { toolsListChanged: true }
    const streams = []
    for (let i = 1; i < MAX_LISTENS_PER_CLIENT; i++) streams.push(await alice.listen(filter))
    const refused = await alice.listen(filter).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(Error)
    expect(String((refused as Error).message)).toMatch(/Too many open subscriptions\/listen streams|429/)
    // Another client still listens.
    const bob = await httpClient(server.mcpUrl, await token('bob'), 'bob', 'modern')
    expect(bob.getProtocolEra()).toBe('modern')
    // A closed stream makes room again.
    await streams[0]!.close()
    await expect
      .poll(
        () =>
          alice.listen(filter).then(
            () => 'open',
            () => 'refused',
          ),
        { timeout: 10_000 },
      )
      .toBe('open')
  })
})
