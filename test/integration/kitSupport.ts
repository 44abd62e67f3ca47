import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { type CallToolResult, type JSONRPCMessage, type Tool } from '@modelcontextprotocol/sdk/types.js'
import { expect } from 'vitest'

// Shared by the stdlib MCP kit conformance suites (kitConformance*.test.ts).

export const root = resolve(__dirname, '..', '..')

export const LAUNCHER = 'resources/python/launch.py'
export const SKILL = 'test/fixtures/kit/conformance_skill.py'
export const MINIMAL = 'test/fixtures/kit/minimal_skill.py'

/** Minimal environment, as SkillDock gives skills (the SDK transport adds its few safe defaults). */
export const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }

/** The newest protocol revision the kit implements (handlers.LATEST_PROTOCOL_VERSION). */
export const KIT_LATEST = '2025-11-25'
export const KIT_VERSION = /__version__ = "([^"]+)"/.exec(
  readFileSync(resolve(root, 'resources/python/skilldock_mcp/__init__.py'), 'utf8'),
)?.[1]

/** A server that did not exit on stdin EOF would only be gone after the SDK's 2 s SIGTERM grace. */
export const EXIT_ON_EOF_MS = 1500

export const cleanups: (() => Promise<void>)[] = []

/** Closes every session the test opened (each suite's afterEach), newest first; rethrows the first failure. */
export async function closeSessions(): Promise<void> {
  const failures: unknown[] = []
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((err: unknown) => failures.push(err))
  }
  if (failures.length > 0) throw failures[0]
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The SDK's stdio transport, also recording what goes over the wire and the negotiated version. */
export class RecordingTransport extends StdioClientTransport {
  readonly sent: JSONRPCMessage[] = []
  protocolVersion: string | undefined

  override async send(message: JSONRPCMessage): Promise<void> {
    this.sent.push(message)
    return super.send(message)
  }

  /** Called by Client.connect() with the version the server answered (meant for HTTP transports). */
  setProtocolVersion(version: string): void {
    this.protocolVersion = version
  }
}

export interface Session {
  client: Client
  transport: RecordingTransport
  /** Every message received from the server, in arrival order. */
  received: JSONRPCMessage[]
  /** Transport/protocol errors the client reported (unparsable stdout, responses to unknown ids...). */
  errors: Error[]
  stderr: () => string
}

export async function connect(skill = SKILL): Promise<Session> {
  const transport = new RecordingTransport({
    command: 'python3',
    args: ['-I', LAUNCHER, skill],
    cwd: root,
    env,
    stderr: 'pipe',
  })
  let stderr = ''
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const received: JSONRPCMessage[] = []
  transport.onmessage = (message) => received.push(message) // Protocol.connect() chains onto this
  const client = new Client({ name: 'skilldock-conformance', version: '0.0.1' })
  const errors: Error[] = []
  client.onerror = (error) => errors.push(error)
  let pid: number | null = null
  cleanups.push(async () => {
    const started = Date.now()
    await client.close()
    const took = Date.now() - started
    if (pid !== null && isAlive(pid)) process.kill(pid, 'SIGKILL')
    expect(took, `${skill} did not exit on stdin EOF; stderr:\n${stderr}`).toBeLessThan(EXIT_ON_EOF_MS)
  })
  await client.connect(transport)
  pid = transport.pid
  return { client, transport, received, errors, stderr: () => stderr }
}

export interface RpcResponse {
  jsonrpc: '2.0'
  id: number | string | null
  result?: Record<string, unknown>
  error?: { code: number; message: string; data?: unknown }
}

/** A kit process driven with hand-written JSON-RPC lines (for protocol versions the SDK client never sends). */
export class RawSession {
  readonly received: RpcResponse[] = []
  stderr = ''
  private readonly child: ChildProcessWithoutNullStreams
  private readonly waiting = new Map<number, (response: RpcResponse) => void>()
  private readonly exited: Promise<number | null>
  private nextId = 1

  constructor(skill = SKILL) {
    this.child = spawn('python3', ['-I', LAUNCHER, skill], { cwd: root, env, stdio: 'pipe' })
    this.exited = new Promise((done) => this.child.once('close', (code) => done(code)))
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8')
    })
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as RpcResponse
      this.received.push(message)
      if (typeof message.id === 'number') this.waiting.get(message.id)?.(message)
    })
    cleanups.push(async () => {
      const code = await this.close()
      expect(code, `raw session exit status; stderr:\n${this.stderr}`).toBe(0)
    })
  }

  private write(message: Record<string, unknown>): void {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`)
  }

  notify(method: string, params?: Record<string, unknown>): void {
    this.write({ method, params })
  }

  request(method: string, params?: Record<string, unknown>): Promise<RpcResponse> {
    const id = this.nextId++
    const answered = new Promise<RpcResponse>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no answer to ${method}; stderr:\n${this.stderr}`)), 5000)
      this.waiting.set(id, (response) => {
        clearTimeout(timer)
        done(response)
      })
    })
    this.write({ id, method, params })
    return answered
  }

  /** Closes stdin and waits for the exit status (killing the process if it lingers). */
  async close(): Promise<number | null> {
    if (!this.child.stdin.destroyed) this.child.stdin.end()
    const timer = setTimeout(() => this.child.kill('SIGKILL'), EXIT_ON_EOF_MS)
    const code = await this.exited
    clearTimeout(timer)
    return code
  }
}

export function textOf(result: CallToolResult): string {
  const first = result.content[0]
  if (first?.type !== 'text') throw new Error(`expected text content, got ${JSON.stringify(result.content)}`)
  return first.text
}

export async function call(
  session: Session,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await session.client.callTool({ name, arguments: args })) as CallToolResult
}

export async function toolsByName(session: Session): Promise<Map<string, Tool>> {
  const { tools } = await session.client.listTools()
  return new Map(tools.map((tool) => [tool.name, tool]))
}

export const VALID_DESCRIBE_ARGS = {
  text: 'hi',
  count: 1,
  ratio: 0.5,
  enabled: true,
  tags: ['x', 'y'],
  scores: { a: 1 },
}
