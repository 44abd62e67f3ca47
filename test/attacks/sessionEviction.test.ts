import { afterEach, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src-main/http/server'
import { MAX_SESSIONS, MAX_SESSIONS_PER_CLIENT } from '../../src-main/http/mcpMount'
import { callTool, httpClient, INITIALIZE, MCP_HEADERS, mcpCore, rawRequest } from '../support/mcp'

const servers: RunningServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

const auth = (token: string) => ({ ...MCP_HEADERS, Authorization: `Bearer ${token}` })
const toolsList = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} })

async function openRaw(port: number, token: string): Promise<string> {
  const reply = await rawRequest(port, '/mcp', { headers: auth(token), body: INITIALIZE })
  expect(reply.status).toBe(200)
  return reply.headers['mcp-session-id'] as string
}

const answers = async (port: number, token: string, session: string) =>
  (
    await rawRequest(port, '/mcp', {
      headers: { ...auth(token), 'Mcp-Session-Id': session },
      body: toolsList,
    })
  ).status

/**
 * The attack: one registered client (a misbehaving or compromised agent) opens sessions in a loop,
 * more than the server keeps open in all. Sessions were closed least-recently-used first across all
 * clients, so every other client's session was closed under it.
 */
describe('a client opening sessions in a loop', () => {
  it("closes only its own sessions, never another client's", async () => {
    const t = mcpCore()
    const server = await startServer({ core: t.core, port: 0, uiDir: null })
    servers.push(server)
    const aliceToken = (await t.call('clients.add', { name: 'alice' })).token
    const mallory = (await t.call('clients.add', { name: 'mallory' })).token
    // alice's session is opened first and then left alone (the least recently used of all).
    const alice = await httpClient(server.mcpUrl, aliceToken, 'alice')
    const aliceRaw = await openRaw(server.port, aliceToken)

    const opened: string[] = []
    for (let i = 0; i < MAX_SESSIONS + 10; i++) opened.push(await openRaw(server.port, mallory))

    // alice's sessions still work.
    expect(await answers(server.port, aliceToken, aliceRaw)).toBe(200)
    const search = await callTool(alice, 'skills_search', { query: 'convert units' })
    expect(search.isError).toBeFalsy()
    // mallory keeps its newest sessions and lost its oldest.
    expect(await answers(server.port, mallory, opened.at(-1)!)).toBe(200)
    expect(await answers(server.port, mallory, opened[0]!)).toBe(404)
    const alive = []
    for (const id of opened) if ((await answers(server.port, mallory, id)) === 200) alive.push(id)
    expect(alive).toHaveLength(MAX_SESSIONS_PER_CLIENT)
  }, 120_000)
})
