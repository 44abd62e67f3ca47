import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { checkedFetch } from '../../../../src-main/core/sources/checkedFetch'

const servers: Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise((r) => s.close(r))
  }
})

/** A real server on 127.0.0.1 that records requests; `redirectTo` answers each with a redirect. */
async function serve(redirectTo?: string) {
  const hits: string[] = []
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`)
    if (redirectTo) return void res.writeHead(307, { location: redirectTo }).end()
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { port: (server.address() as AddressInfo).port, hits }
}

// The fetch an HTTP MCP source connects with: the address check runs in the socket's own lookup.
describe('checkedFetch', () => {
  it('does not connect to a host name that resolves to loopback without allowLocal', async () => {
    const server = await serve()
    const fetch = checkedFetch({ allowLocal: false, ownPorts: [] })
    await expect(
      fetch(`http://localhost:${server.port}/mcp`, { method: 'POST', body: '{}' }),
    ).rejects.toThrow(/private or loopback/)
    await expect(fetch(`http://127.0.0.1:${server.port}/mcp`)).rejects.toThrow(/private or loopback/)
    expect(server.hits).toEqual([])
  })

  it('never connects to SkillDock’s own port, even with allowLocal', async () => {
    const server = await serve()
    const fetch = checkedFetch({ allowLocal: true, ownPorts: [server.port] })
    await expect(fetch(`http://localhost:${server.port}/mcp`)).rejects.toThrow(/SkillDock's own server/)
    expect(server.hits).toEqual([])
  })

  it('with allowLocal it sends the request and streams the answer back; a redirect is refused, not followed', async () => {
    const server = await serve()
    const fetch = checkedFetch({ allowLocal: true, ownPorts: [] })
    const response = await fetch(`http://localhost:${server.port}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true })
    expect(server.hits).toEqual(['POST /mcp'])

    const elsewhere = await serve()
    const redirector = await serve(`http://127.0.0.1:${elsewhere.port}/mcp`)
    await expect(fetch(`http://127.0.0.1:${redirector.port}/mcp`)).rejects.toThrow(/redirects/)
    expect(elsewhere.hits).toEqual([])
  })
})
