import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import { z } from 'zod'
import { createCore } from '../../src-main/core/app'
import { startServer } from '../../src-main/http/server'
import { budgetMs, counts, type Figure, now, percentile, round, sample } from './measure'

const root = resolve(__dirname, '..', '..')
const echoDir = join(root, 'test', 'fixtures', 'runtime', 'echo')
const skilldockBin = join(root, 'resources', 'bin', 'skilldock.cjs')

async function connect(transport: Transport): Promise<Client> {
  const client = new Client({ name: 'bench', version: '1.0.0' }, { capabilities: {} })
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
  server.registerTool('echo', { inputSchema: { text: z.string() } }, ({ text }) => ({
    content: [{ type: 'text', text }],
  }))
  return server
}

/**
 * The floor of any Streamable HTTP hop built on the SDK: its client over HTTP to its own server
 * (stateful, JSON responses, as SkillDock's endpoint answers) on 127.0.0.1, against the same echo
 * over the SDK's in-memory transport.
 */
async function bareSdkHop(n: number): Promise<{ http: number; memory: number; close: () => Promise<void> }> {
  const sessions = new Map<string, StreamableHTTPServerTransport>()
  const httpServer = createServer((req, res) => {
    const id = req.headers['mcp-session-id']
    let transport = typeof id === 'string' ? sessions.get(id) : undefined
    void (async () => {
      if (!transport) {
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          enableJsonResponse: true,
          onsessioninitialized: (sid) => void sessions.set(sid, created),
        })
        transport = created
        await bareEchoServer().connect(created)
      }
      await transport.handleRequest(req, res)
    })()
  })
  await new Promise<void>((done) => httpServer.listen(0, '127.0.0.1', done))
  const { port } = httpServer.address() as AddressInfo
  const overHttp = await connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)))
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
  await bareEchoServer().connect(serverSide)
  const inMemory = await connect(clientSide)
  const http = (await latency(overHttp, 'echo', n)).p50
  const memory = (await latency(inMemory, 'echo', n)).p50
  return {
    http,
    memory,
    close: async () => {
      await overHttp.close()
      await inMemory.close()
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
    const call = async (route: string, input: unknown) => {
      const r = await core.invoke(route, input)
      if (!r.ok) throw new Error(`${route}: ${r.error.message}`)
      return r.data as never
    }
    await call('skills.add', { path: echoDir })
    const pending = (await call('approvals.list', { status: 'pending' })) as { id: string; skill: string }[]
    const request = pending.find((a) => a.skill === 'echo')
    if (request) await call('approvals.decide', { id: request.id, approve: true, trust: 'trusted' })
    const { token } = (await call('clients.add', { name: 'bench', mode: 'direct' })) as { token: string }

    const n = counts.calls
    const direct = await directEcho()
    closers.push(() => direct.close())
    const stdio = await connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [skilldockBin, '--home', home, 'mcp', '--client', 'bench'],
        stderr: 'ignore',
      }),
    )
    closers.push(() => stdio.close())
    const server = await startServer({ core, port: 0, uiDir: null })
    closers.push(() => server.close())
    const http = () =>
      connect(
        new StreamableHTTPClientTransport(new URL(server.mcpUrl), {
          requestInit: { headers: { Authorization: `Bearer ${token}` } },
        }),
      ).then((c) => {
        closers.push(() => c.close())
        return c
      })
    const viaHttp = await http()

    const base = await latency(direct, 'echo', n)
    const overHttp = await latency(viaHttp, 'echo__echo', n)
    const overStdio = await latency(stdio, 'echo__echo', n)
    const figures: Figure[] = []
    for (const [label, m] of [
      ['HTTP endpoint', overHttp],
      ['skilldock mcp (stdio)', overStdio],
    ] as const) {
      for (const p of ['p50', 'p95'] as const) {
        const added = m[p] - base[p]
        figures.push({
          group: 'tool-call overhead',
          name: `echo via ${label}, ${p} (${m.calls} calls)`,
          value: round(m[p], 3),
          unit: 'ms',
          reference: { name: `direct stdio ${p}`, value: round(base[p], 3) },
          goal:
            p === 'p50'
              ? { text: `added ${round(added, 3)} ms (goal ≤ 0.5 ms)`, met: added <= 0.5 }
              : { text: `added ${round(added, 3)} ms` },
        })
      }
    }

    // What any SDK-based Streamable HTTP hop costs on this machine, whatever sits behind it.
    const bare = await bareSdkHop(n)
    closers.push(bare.close)
    figures.push({
      group: 'tool-call overhead',
      name: 'bare SDK Streamable HTTP hop (SDK client → SDK server on 127.0.0.1, in-process echo), p50',
      value: round(bare.http, 3),
      unit: 'ms',
      reference: { name: 'same echo over the SDK in-memory transport p50', value: round(bare.memory, 3) },
      goal: { text: `the HTTP hop alone adds ${round(bare.http - bare.memory, 3)} ms` },
      note: 'the floor under the HTTP endpoint figure above: no SkillDock code runs here',
    })

    const k = counts.concurrentClients
    const directs = await Promise.all(Array.from({ length: k }, () => directEcho()))
    for (const c of directs) closers.push(() => c.close())
    const https = await Promise.all(Array.from({ length: k }, () => http()))
    await throughput(https, 'echo__echo', k * 20)
    await throughput(directs, 'echo', k * 20)
    const directRate = await throughput(directs, 'echo', n)
    const httpRate = await throughput(https, 'echo__echo', n)
    figures.push({
      group: 'concurrency',
      name: `${k} clients at once through the HTTP endpoint (${n} calls)`,
      value: round(httpRate, 0),
      unit: 'calls/s',
      reference: { name: `${k} clients, each to its own direct server`, value: round(directRate, 0) },
      goal: { text: `${round((httpRate / directRate) * 100, 0)} % of direct` },
      note: 'through SkillDock all clients share one skill process; directly each has its own',
    })
    return figures
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined)
  }
}
