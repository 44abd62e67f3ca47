import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { Client, StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client'
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio'
import { toNodeHandler } from '@modelcontextprotocol/node'
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server'
import { z } from 'zod'
import { createCore } from '../../src-main/core/app'
import { startServer } from '../../src-main/http/server'
import {
  budgetMs,
  counts,
  type Figure,
  now,
  percentile,
  round,
  sample,
  addTrustedEcho,
  echoDir,
  routeCaller,
} from './measure'

const root = resolve(__dirname, '..', '..')
const skilldockBin = join(root, 'resources', 'bin', 'skilldock.cjs')

/** The two protocol eras: the 2025 `initialize` handshake, and 2026-07-28 (every request on its own). */
type Era = 'legacy' | 'modern'
const ERAS: Era[] = ['legacy', 'modern']
const eraName = (era: Era) => (era === 'legacy' ? '2025 era' : '2026-07-28')

async function connect(transport: Transport, era: Era = 'legacy'): Promise<Client> {
  const client = new Client(
    { name: 'bench', version: '1.0.0' },
    {
      capabilities: {},
      versionNegotiation: era === 'modern' ? { mode: { pin: '2026-07-28' } } : { mode: 'legacy' },
    },
  )
  await client.connect(transport)
  return client
}

/** The echo fixture's own server, spawned the way SkillDock spawns it, with no SkillDock in between. */
function directEcho(): Promise<Client> {
  return connect(
    new StdioClientTransport({
      command: 'python3',
      args: ['-I', join(root, 'resources', 'python', 'launch.py'), join(echoDir, 'skill.py')],
      stderr: 'ignore',
    }),
  )
}

/** `test/bench/bareStdioProxy.mjs`: the SDK alone making the stdio hop `skilldock mcp` makes. */
function bareStdioProxy(era: Era): Promise<Client> {
  return connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [
        join(root, 'test', 'bench', 'bareStdioProxy.mjs'),
        join(root, 'resources', 'python', 'launch.py'),
        join(echoDir, 'skill.py'),
      ],
      stderr: 'ignore',
    }),
    era,
  )
}

/** An echo tool answered in-process by the SDK's own server: no skill, no SkillDock. */
function bareEchoServer(): McpServer {
  const server = new McpServer({ name: 'bare-echo', version: '1.0.0' })
  server.registerTool('echo', { inputSchema: z.object({ text: z.string() }) }, ({ text }) => ({
    content: [{ type: 'text', text }],
  }))
  return server
}

/**
 * The same echo served by the SDK alone: its tool forwards each call to the echo fixture's own
 * process over one shared SDK client (`request`, as SkillDock sends them), so it includes the skill's
 * stdio round trip and nothing of SkillDock.
 */
function bareProxyServer(skill: Client): McpServer {
  const server = new McpServer({ name: 'bare-proxy', version: '1.0.0' })
  server.registerTool(
    'echo',
    { inputSchema: z.object({ text: z.string() }) },
    async ({ text }) =>
      (await skill.request({ method: 'tools/call', params: { name: 'echo', arguments: { text } } })) as never,
  )
  return server
}

/** A bare `createMcpHandler` (a fresh server per request) behind `toNodeHandler` on 127.0.0.1. */
async function bareV2Url(factory: () => McpServer): Promise<{ url: URL; close: () => Promise<void> }> {
  const handler = createMcpHandler(factory)
  const node = toNodeHandler(handler)
  const httpServer = createServer((req, res) => void node(req, res))
  await new Promise<void>((done) => httpServer.listen(0, '127.0.0.1', done))
  const { port } = httpServer.address() as AddressInfo
  return {
    url: new URL(`http://127.0.0.1:${port}/mcp`),
    close: async () => {
      await handler.close()
      await new Promise((done) => httpServer.close(done))
    },
  }
}

/**
 * The v2 SDK's HTTP serving with no SkillDock code: a bare `createMcpHandler` (both eras, a fresh
 * server per request, as SkillDock's 2026-07-28 path builds one) serving `factory`'s echo, called by
 * the SDK client in `era`.
 */
async function bareV2Handler(
  n: number,
  era: Era,
  factory: () => McpServer,
): Promise<{ p50: number; p95: number; close: () => Promise<void> }> {
  const bare = await bareV2Url(factory)
  const client = await connect(new StreamableHTTPClientTransport(bare.url), era)
  const { p50, p95 } = await latency(client, 'echo', n)
  return {
    p50,
    p95,
    close: async () => {
      await client.close()
      await bare.close()
    },
  }
}

const echo = (client: Client, name: string, i: number) =>
  client.callTool({ name, arguments: { text: `call ${i}` } })

/** p50/p95 of `n` sequential echo calls after a warm-up. */
async function latency(
  client: Client,
  tool: string,
  n: number,
): Promise<{ p50: number; p95: number; calls: number }> {
  await sample(Math.min(100, n), (i) => echo(client, tool, i))
  const ms = await sample(n, (i) => echo(client, tool, i), budgetMs)
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), calls: ms.length }
}

/** Calls per second of `clients` callers sharing `n` calls between them. */
async function throughput(clients: Client[], tool: string, n: number): Promise<number> {
  const per = Math.ceil(n / clients.length)
  const start = now()
  await Promise.all(clients.map(async (c) => sample(per, (i) => echo(c, tool, i))))
  return (per * clients.length) / ((now() - start) / 1000)
}

/**
 * Tool-call overhead and concurrency: the echo fixture installed and approved (trusted, so no
 * sandbox) in a fresh data home, called directly, through the HTTP endpoint and through `skilldock mcp`.
 */
export async function measureCalls(home: string): Promise<Figure[]> {
  const core = createCore({ home, appRoot: root, indexOnStart: true })
  const closers: (() => Promise<unknown>)[] = [() => core.dispose()]
  try {
    const call = routeCaller(core)
    await addTrustedEcho(call)
    const { token } = (await call('clients.add', { name: 'bench', mode: 'direct' })) as { token: string }

    const n = counts.calls
    const direct = await directEcho()
    closers.push(() => direct.close())
    const server = await startServer({ core, port: 0, uiDir: null })
    closers.push(() => server.close())
    const http = (era: Era) =>
      connect(
        new StreamableHTTPClientTransport(new URL(server.mcpUrl), {
          requestInit: { headers: { Authorization: `Bearer ${token}` } },
        }),
        era,
      ).then((c) => {
        closers.push(() => c.close())
        return c
      })
    const stdio = async (era: Era) => {
      const c = await connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [skilldockBin, '--home', home, 'mcp', '--client', 'bench'],
          stderr: 'ignore',
        }),
        era,
      )
      closers.push(() => c.close())
      return c
    }

    const base = await latency(direct, 'echo', n)
    // The skill process behind the SDK-only proxy: the fixture's own server, as in directEcho.
    const proxied = await directEcho()
    closers.push(() => proxied.close())
    const figures: Figure[] = []
    for (const era of ERAS) {
      const bare = await bareV2Handler(n, era, () => bareEchoServer())
      closers.push(bare.close)
      const proxy = await bareV2Handler(n, era, () => bareProxyServer(proxied))
      closers.push(proxy.close)
      const overHttp = await latency(await http(era), 'echo__echo', n)
      const overStdio = await latency(await stdio(era), 'echo__echo', n)
      const hopClient = await bareStdioProxy(era)
      closers.push(() => hopClient.close())
      const hop = await latency(hopClient, 'echo', n)
      for (const p of ['p50', 'p95'] as const) {
        const added = overHttp[p] - proxy[p]
        figures.push({
          group: 'tool-call overhead',
          name: `echo via the HTTP endpoint, ${eraName(era)}, ${p} (${overHttp.calls} calls)`,
          value: round(overHttp[p], 3),
          unit: 'ms',
          reference: {
            name: `bare v2 createMcpHandler serving the same echo skill, ${eraName(era)}, ${p}`,
            value: round(proxy[p], 3),
          },
          goal:
            p === 'p50'
              ? { text: `SkillDock adds ${round(added, 3)} ms (goal ≤ 0.3 ms)`, met: added <= 0.3 }
              : { text: `SkillDock adds ${round(added, 3)} ms` },
          note:
            `bare v2 createMcpHandler with an in-process echo (no skill process) ${p} ${round(bare[p], 3)} ms ` +
            `(SkillDock adds ${round(overHttp[p] - bare[p], 3)} ms over it); direct stdio ${p} ${round(base[p], 3)} ms`,
        })
      }
      for (const p of ['p50', 'p95'] as const) {
        const added = overStdio[p] - base[p]
        figures.push({
          group: 'tool-call overhead',
          name: `echo via skilldock mcp (stdio), ${eraName(era)}, ${p} (${overStdio.calls} calls)`,
          value: round(overStdio[p], 3),
          unit: 'ms',
          reference: { name: `direct stdio ${p}`, value: round(base[p], 3) },
          goal:
            p === 'p50'
              ? { text: `added ${round(added, 3)} ms (goal ≤ 0.5 ms)`, met: added <= 0.5 }
              : { text: `added ${round(added, 3)} ms` },
          note:
            `the v2 SDK alone making the same stdio hop (serveStdio forwarding to the same skill, ` +
            `bareStdioProxy.mjs) ${p} ${round(hop[p], 3)} ms: SkillDock adds ${round(overStdio[p] - hop[p], 3)} ms over it`,
        })
      }
    }

    const k = counts.concurrentClients
    const directs = await Promise.all(Array.from({ length: k }, () => directEcho()))
    for (const c of directs) closers.push(() => c.close())
    await throughput(directs, 'echo', k * 20)
    const directRate = await throughput(directs, 'echo', n)
    const bareServer = await bareV2Url(() => bareEchoServer())
    closers.push(bareServer.close)
    for (const era of ERAS) {
      const https = await Promise.all(Array.from({ length: k }, () => http(era)))
      await throughput(https, 'echo__echo', k * 20)
      const httpRate = await throughput(https, 'echo__echo', n)
      const bares = await Promise.all(
        Array.from({ length: k }, async () => {
          const c = await connect(new StreamableHTTPClientTransport(bareServer.url), era)
          closers.push(() => c.close())
          return c
        }),
      )
      await throughput(bares, 'echo', k * 20)
      const bareRate = await throughput(bares, 'echo', n)
      const share = httpRate / directRate
      figures.push({
        group: 'concurrency',
        name: `${k} clients at once through the HTTP endpoint, ${eraName(era)} (${n} calls)`,
        value: round(httpRate, 0),
        unit: 'calls/s',
        reference: { name: `${k} clients, each to its own direct server`, value: round(directRate, 0) },
        goal: { text: `${round(share * 100, 0)} % of direct (goal ≥ 50 %)`, met: share >= 0.5 },
        note:
          'through SkillDock all clients share one skill process; directly each has its own. ' +
          `The SDK's own ceiling here: ${k} clients to a bare v2 createMcpHandler with an in-process echo ` +
          `(no skill process) reach ${round(bareRate, 0)} calls/s (${round((bareRate / directRate) * 100, 0)} % of direct)`,
      })
    }
    return figures
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined)
  }
}
