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

/** An echo tool answered in-process by the SDK's own server: no skill, no SkillDock. */
function bareEchoServer(): McpServer {
  const server = new McpServer({ name: 'bare-echo', version: '1.0.0' })
  server.registerTool('echo', { inputSchema: z.object({ text: z.string() }) }, ({ text }) => ({
    content: [{ type: 'text', text }],
  }))
  return server
}

/**
 * The floor of the v2 SDK's HTTP serving: a bare `createMcpHandler` (both eras, a fresh server per
 * request, as SkillDock's 2026-07-28 path builds one) behind `toNodeHandler` on 127.0.0.1, serving an
 * in-process echo, called by the SDK client in `era`.
 */
async function bareV2Handler(
  n: number,
  era: Era,
): Promise<{ p50: number; p95: number; close: () => Promise<void> }> {
  const handler = createMcpHandler(() => bareEchoServer())
  const node = toNodeHandler(handler)
  const httpServer = createServer((req, res) => void node(req, res))
  await new Promise<void>((done) => httpServer.listen(0, '127.0.0.1', done))
  const { port } = httpServer.address() as AddressInfo
  const client = await connect(
    new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)),
    era,
  )
  const { p50, p95 } = await latency(client, 'echo', n)
  return {
    p50,
    p95,
    close: async () => {
      await client.close()
      await handler.close()
      await new Promise((done) => httpServer.close(done))
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
    const figures: Figure[] = []
    for (const era of ERAS) {
      const bare = await bareV2Handler(n, era)
      closers.push(bare.close)
      const overHttp = await latency(await http(era), 'echo__echo', n)
      const overStdio = await latency(await stdio(era), 'echo__echo', n)
      for (const p of ['p50', 'p95'] as const) {
        const added = overHttp[p] - bare[p]
        figures.push({
          group: 'tool-call overhead',
          name: `echo via the HTTP endpoint, ${eraName(era)}, ${p} (${overHttp.calls} calls)`,
          value: round(overHttp[p], 3),
          unit: 'ms',
          reference: {
            name: `bare v2 createMcpHandler echo, ${eraName(era)}, ${p}`,
            value: round(bare[p], 3),
          },
          goal:
            p === 'p50'
              ? { text: `SkillDock adds ${round(added, 3)} ms (goal ≤ 0.3 ms)`, met: added <= 0.3 }
              : { text: `SkillDock adds ${round(added, 3)} ms` },
          note: `direct stdio ${p} ${round(base[p], 3)} ms; the bare handler has no skill process behind it`,
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
        })
      }
    }

    const k = counts.concurrentClients
    const directs = await Promise.all(Array.from({ length: k }, () => directEcho()))
    for (const c of directs) closers.push(() => c.close())
    await throughput(directs, 'echo', k * 20)
    const directRate = await throughput(directs, 'echo', n)
    for (const era of ERAS) {
      const https = await Promise.all(Array.from({ length: k }, () => http(era)))
      await throughput(https, 'echo__echo', k * 20)
      const httpRate = await throughput(https, 'echo__echo', n)
      const share = httpRate / directRate
      figures.push({
        group: 'concurrency',
        name: `${k} clients at once through the HTTP endpoint, ${eraName(era)} (${n} calls)`,
        value: round(httpRate, 0),
        unit: 'calls/s',
        reference: { name: `${k} clients, each to its own direct server`, value: round(directRate, 0) },
        goal: { text: `${round(share * 100, 0)} % of direct (goal ≥ 50 %)`, met: share >= 0.5 },
        note: 'through SkillDock all clients share one skill process; directly each has its own',
      })
    }
    return figures
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined)
  }
}
