/**
 * Conformance of the stdlib MCP kit (resources/python/skilldock_mcp) with the OFFICIAL TypeScript MCP client.
 *
 * Every test starts real kit processes exactly as SkillDock does (`python3 -I resources/python/launch.py
 * <skill.py>` with a minimal environment) from the fixture skills in test/fixtures/kit, talks to them through
 * `@modelcontextprotocol/sdk`'s Client + StdioClientTransport (or raw newline-delimited JSON-RPC for the
 * protocol versions the SDK client never sends), and closes them in afterEach: no python process outlives
 * its test, and each must exit by itself when its stdin closes.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import {
  ErrorCode,
  LATEST_PROTOCOL_VERSION,
  McpError,
  SUPPORTED_PROTOCOL_VERSIONS,
  type CallToolResult,
  type JSONRPCMessage,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js'
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv'
import { afterEach, describe, expect, it, vi } from 'vitest'

const root = resolve(__dirname, '..', '..')
const LAUNCHER = 'resources/python/launch.py'
const SKILL = 'test/fixtures/kit/conformance_skill.py'
const MINIMAL = 'test/fixtures/kit/minimal_skill.py'
/** Minimal environment, as SkillDock gives skills (the SDK transport adds its few safe defaults). */
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }
/** The newest protocol revision the kit implements (handlers.LATEST_PROTOCOL_VERSION). */
const KIT_LATEST = '2025-11-25'
const KIT_VERSION = /__version__ = "([^"]+)"/.exec(
  readFileSync(resolve(root, 'resources/python/skilldock_mcp/__init__.py'), 'utf8'),
)?.[1]
/** A server that did not exit on stdin EOF would only be gone after the SDK's 2 s SIGTERM grace. */
const EXIT_ON_EOF_MS = 1500

const cleanups: (() => Promise<void>)[] = []

afterEach(async () => {
  const failures: unknown[] = []
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((err: unknown) => failures.push(err))
  }
  if (failures.length > 0) throw failures[0]
})

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The SDK's stdio transport, also recording what goes over the wire and the negotiated version. */
class RecordingTransport extends StdioClientTransport {
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

interface Session {
  client: Client
  transport: RecordingTransport
  /** Every message received from the server, in arrival order. */
  received: JSONRPCMessage[]
  /** Transport/protocol errors the client reported (unparsable stdout, responses to unknown ids...). */
  errors: Error[]
  stderr: () => string
}

async function connect(skill = SKILL): Promise<Session> {
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

interface RpcResponse {
  jsonrpc: '2.0'
  id: number | string | null
  result?: Record<string, unknown>
  error?: { code: number; message: string; data?: unknown }
}

/** A kit process driven with hand-written JSON-RPC lines (for protocol versions the SDK client never sends). */
class RawSession {
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

function textOf(result: CallToolResult): string {
  const first = result.content[0]
  if (first?.type !== 'text') throw new Error(`expected text content, got ${JSON.stringify(result.content)}`)
  return first.text
}

async function call(
  session: Session,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await session.client.callTool({ name, arguments: args })) as CallToolResult
}

async function toolsByName(session: Session): Promise<Map<string, Tool>> {
  const { tools } = await session.client.listTools()
  return new Map(tools.map((tool) => [tool.name, tool]))
}

const VALID_DESCRIBE_ARGS = {
  text: 'hi',
  count: 1,
  ratio: 0.5,
  enabled: true,
  tags: ['x', 'y'],
  scores: { a: 1 },
}

describe('stdlib MCP kit conformance with the official TypeScript SDK client', () => {
  describe('initialize', () => {
    it('fixtures are served by the stdlib kit, launched as SkillDock launches skills', async () => {
      const session = await connect()
      const info = await call(session, 'kit_info')
      expect(info.structuredContent).toMatchObject({
        module: 'skilldock_mcp.server',
        argv0: 'conformance_skill.py',
      })
    })

    it('reports server info, capabilities and instructions', async () => {
      const session = await connect()
      expect(KIT_VERSION).toBeTruthy()
      expect(session.client.getServerVersion()).toEqual({ name: 'kit-conformance', version: KIT_VERSION })
      expect(session.client.getServerCapabilities()).toEqual({
        tools: { listChanged: false },
        resources: { subscribe: false, listChanged: false },
        prompts: { listChanged: false },
        logging: {},
      })
      expect(session.client.getInstructions()).toBe(
        'Conformance fixture. Call describe_types to see how arguments arrive.',
      )
      expect(session.errors).toEqual([])
    })

    it('omits instructions when the skill has none', async () => {
      const session = await connect(MINIMAL)
      expect(session.client.getServerVersion()?.name).toBe('kit-minimal')
      expect(session.client.getInstructions()).toBeUndefined()
      expect(textOf(await call(session, 'echo', { text: 'same' }))).toBe('same')
    })

    it("negotiates down from the SDK client's latest protocol version to the kit's", async () => {
      const session = await connect()
      const initialize = session.transport.sent.find((m) => 'method' in m && m.method === 'initialize')
      expect(initialize).toMatchObject({ params: { protocolVersion: LATEST_PROTOCOL_VERSION } })
      const expected = SUPPORTED_PROTOCOL_VERSIONS.includes(KIT_LATEST) ? KIT_LATEST : undefined
      expect(session.transport.protocolVersion).toBe(expected)
      // the client follows up with notifications/initialized, and the session works
      expect(
        session.transport.sent.some((m) => 'method' in m && m.method === 'notifications/initialized'),
      ).toBe(true)
      await expect(session.client.ping()).resolves.toEqual({})
    })

    it.each(['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'])(
      'accepts a client speaking %s',
      async (version) => {
        const raw = new RawSession()
        const init = await raw.request('initialize', {
          protocolVersion: version,
          capabilities: {},
          clientInfo: { name: 'raw', version: '0' },
        })
        expect(init.error).toBeUndefined()
        expect(init.result).toMatchObject({
          protocolVersion: version,
          serverInfo: { name: 'kit-conformance' },
        })
        raw.notify('notifications/initialized')
        const listed = await raw.request('tools/list')
        expect((listed.result?.tools as Tool[]).map((t) => t.name)).toContain('add')
        const added = await raw.request('tools/call', { name: 'add', arguments: { a: 40 } })
        expect(added.result).toMatchObject({ content: [{ type: 'text', text: '42' }], isError: false })
      },
    )

    it('answers an unknown protocol version with its latest one', async () => {
      const raw = new RawSession()
      const init = await raw.request('initialize', {
        protocolVersion: '1999-01-01',
        capabilities: {},
        clientInfo: { name: 'raw', version: '0' },
      })
      expect(init.result?.protocolVersion).toBe(KIT_LATEST)
      raw.notify('notifications/initialized')
      expect((await raw.request('ping')).result).toEqual({})
    })
  })

  describe('tools/list', () => {
    it('derives input JSON Schemas from type hints', async () => {
      const tools = await toolsByName(await connect())
      const describeTypes = tools.get('describe_types')
      expect(describeTypes?.description).toBe(
        'Echo every argument together with the Python type it arrived as.',
      )
      expect(describeTypes?.inputSchema).toEqual({
        type: 'object',
        title: 'describe_typesArguments',
        properties: {
          text: { title: 'Text', type: 'string' },
          count: { title: 'Count', type: 'integer' },
          ratio: { title: 'Ratio', type: 'number' },
          enabled: { title: 'Enabled', type: 'boolean' },
          tags: { title: 'Tags', type: 'array', items: { type: 'string' } },
          scores: { title: 'Scores', type: 'object', additionalProperties: { type: 'integer' } },
          limit: { title: 'Limit', anyOf: [{ type: 'integer' }, { type: 'null' }], default: null },
          mode: { title: 'Mode', type: 'string', enum: ['a', 'b'], default: 'a' },
          label: { title: 'Label', type: 'string', default: 'none' },
          retries: { title: 'Retries', type: 'integer', default: 3 },
        },
        required: ['text', 'count', 'ratio', 'enabled', 'tags', 'scores'],
      })
      expect(tools.get('add')?.inputSchema).toEqual({
        type: 'object',
        title: 'addArguments',
        properties: { a: { title: 'A', type: 'integer' }, b: { title: 'B', type: 'integer', default: 2 } },
        required: ['a'],
      })
      expect(tools.get('midpoint')?.inputSchema.properties?.a).toEqual({
        title: 'A',
        type: 'object',
        properties: { x: { title: 'X', type: 'integer' }, y: { title: 'Y', type: 'integer', default: 0 } },
        required: ['x'],
      })
      // no parameters at all: an empty object schema, without a "required" list
      expect(tools.get('kit_info')?.inputSchema).toEqual({
        type: 'object',
        title: 'kit_infoArguments',
        properties: {},
      })
      expect(tools.get('untyped')?.inputSchema.properties).toEqual({
        value: { title: 'Value', default: null },
      })
    })

    it('derives output schemas from return annotations', async () => {
      const tools = await toolsByName(await connect())
      const wrapped = (name: string, result: Record<string, unknown>) => ({
        type: 'object',
        title: `${name}Output`,
        properties: { result: { title: 'Result', ...result } },
        required: ['result'],
      })
      expect(tools.get('add')?.outputSchema).toEqual(wrapped('add', { type: 'integer' }))
      expect(tools.get('greet')?.outputSchema).toEqual(wrapped('greet', { type: 'string' }))
      expect(tools.get('letters')?.outputSchema).toEqual(
        wrapped('letters', { type: 'array', items: { type: 'string' } }),
      )
      expect(tools.get('maybe_half')?.outputSchema).toEqual(
        wrapped('maybe_half', { anyOf: [{ type: 'number' }, { type: 'null' }] }),
      )
      expect(tools.get('describe_types')?.outputSchema).toEqual({
        type: 'object',
        title: 'describe_typesDictOutput',
        additionalProperties: true,
      })
      expect(tools.get('summarize')?.outputSchema).toEqual({
        type: 'object',
        title: 'Summary',
        properties: {
          count: { title: 'Count', type: 'integer' },
          total: { title: 'Total', type: 'number' },
          mean: { title: 'Mean', anyOf: [{ type: 'number' }, { type: 'null' }] },
        },
        required: ['count', 'total', 'mean'],
      })
      expect(tools.get('midpoint')?.outputSchema).toMatchObject({ title: 'Point', required: ['x'] })
      expect(tools.get('plain_text')?.outputSchema).toBeUndefined() // structured_output=False
      expect(tools.get('untyped')?.outputSchema).toBeUndefined() // no return annotation
    })

    it('every schema compiles with the validator the SDK client uses', async () => {
      const tools = await toolsByName(await connect())
      expect(tools.size).toBeGreaterThan(10)
      const validator = new AjvJsonSchemaValidator()
      for (const tool of tools.values()) {
        expect(tool.inputSchema.type, tool.name).toBe('object')
        expect(() => validator.getValidator(tool.inputSchema), tool.name).not.toThrow()
        if (tool.outputSchema) {
          expect(tool.outputSchema.type, tool.name).toBe('object')
          expect(() => validator.getValidator(tool.outputSchema ?? {}), tool.name).not.toThrow()
        }
      }
    })

    it('the input schema and the server agree on which (strictly typed) arguments are valid', async () => {
      const session = await connect()
      const schema = (await toolsByName(session)).get('describe_types')?.inputSchema
      if (!schema) throw new Error('describe_types not listed')
      const validate = new AjvJsonSchemaValidator().getValidator(schema)
      const { text: _text, ...withoutText } = VALID_DESCRIBE_ARGS
      const cases: [Record<string, unknown>, boolean][] = [
        [VALID_DESCRIBE_ARGS, true],
        [{ ...VALID_DESCRIBE_ARGS, limit: null, mode: 'b', label: 'l', retries: 0 }, true],
        [{ ...VALID_DESCRIBE_ARGS, limit: 5, tags: [], scores: {} }, true],
        [withoutText, false],
        [{ ...VALID_DESCRIBE_ARGS, mode: 'c' }, false],
        [{ ...VALID_DESCRIBE_ARGS, tags: [1] }, false],
        [{ ...VALID_DESCRIBE_ARGS, scores: { a: 'x' } }, false],
        [{ ...VALID_DESCRIBE_ARGS, limit: 'x' }, false],
        [{ ...VALID_DESCRIBE_ARGS, count: 1.5 }, false],
        [{ ...VALID_DESCRIBE_ARGS, enabled: 'maybe' }, false],
      ]
      for (const [args, valid] of cases) {
        const label = JSON.stringify(args)
        expect(validate(args).valid, `schema: ${label}`).toBe(valid)
        const result = await call(session, 'describe_types', args)
        expect(result.isError, `server: ${label} -> ${textOf(result)}`).toBe(!valid)
      }
    })
  })

  describe('tools/call', () => {
    it('returns text and structured content that passes the SDK client’s output validation', async () => {
      const session = await connect()
      await session.client.listTools() // caches the output validators callTool checks results against
      const add = await call(session, 'add', { a: 1 })
      expect(add).toEqual({
        content: [{ type: 'text', text: '3' }],
        structuredContent: { result: 3 },
        isError: false,
      })
      expect((await call(session, 'add', { a: 1, b: 5 })).structuredContent).toEqual({ result: 6 })
      const greet = await call(session, 'greet', { name: 'Ada' })
      expect(textOf(greet)).toBe('Hello, Ada!')
      expect(greet.structuredContent).toEqual({ result: 'Hello, Ada!' })
      expect((await call(session, 'summarize', { values: [1, 2, 3.5] })).structuredContent).toEqual({
        count: 3,
        total: 6.5,
        mean: 6.5 / 3,
      })
      expect((await call(session, 'summarize', { values: [] })).structuredContent).toEqual({
        count: 0,
        total: 0,
        mean: null,
      })
      const mid = await call(session, 'midpoint', { a: { x: 0, y: 10 }, b: { x: 4 } })
      expect(mid.structuredContent).toEqual({ x: 2, y: 5 })
      expect(JSON.parse(textOf(mid))).toEqual({ x: 2, y: 5 })
      expect((await call(session, 'maybe_half', { n: 4 })).structuredContent).toEqual({ result: 2 })
      const odd = await call(session, 'maybe_half', { n: 3 })
      expect(odd).toEqual({ content: [], structuredContent: { result: null }, isError: false })
      const letters = await call(session, 'letters', { word: 'héé' })
      expect(letters.structuredContent).toEqual({ result: ['h', 'é', 'é'] })
      expect(JSON.parse(textOf(letters))).toEqual(['h', 'é', 'é'])
      const described = await call(session, 'describe_types', VALID_DESCRIBE_ARGS)
      expect(described.structuredContent).toMatchObject({ values: { ...VALID_DESCRIBE_ARGS, limit: null } })
      const plain = await call(session, 'plain_text', { word: 'abc' })
      expect(plain).toEqual({ content: [{ type: 'text', text: 'ABC' }], isError: false })
      expect(JSON.parse(textOf(await call(session, 'untyped', { value: [1, 'two'] })))).toEqual({
        got: [1, 'two'],
      })
      expect(session.errors).toEqual([])
    })

    it('a tool that raises gives isError with the message', async () => {
      const session = await connect()
      await session.client.listTools()
      const result = await call(session, 'fail', { message: 'disk on fire' })
      expect(result).toEqual({
        content: [{ type: 'text', text: 'Error executing tool fail: disk on fire' }],
        isError: true,
      })
      expect(textOf(await call(session, 'add', { a: 2 }))).toBe('4') // still serving
    })

    it('a result that contradicts the declared return type is a tool error, not invalid structured content', async () => {
      const session = await connect()
      await session.client.listTools()
      const result = await call(session, 'mistyped', { value: 'not a number' })
      expect(result.isError).toBe(true)
      expect(result.structuredContent).toBeUndefined()
      expect(textOf(result)).toMatch(/^Error executing tool mistyped: .*valid integer/s)
    })

    it('an unknown tool rejects with McpError -32602', async () => {
      const session = await connect()
      const error: unknown = await session.client
        .callTool({ name: 'no_such_tool', arguments: {} })
        .catch((e) => e)
      expect(error).toBeInstanceOf(McpError)
      expect(error).toMatchObject({ code: ErrorCode.InvalidParams })
      expect((error as McpError).message).toContain('no_such_tool')
    })

    it('reports argument errors as tool errors and coerces lax inputs like pydantic', async () => {
      const session = await connect()
      const bad = await call(session, 'add', { a: 'abc' })
      expect(bad.isError).toBe(true)
      expect(textOf(bad)).toMatch(/^Error executing tool add: 1 validation error for addArguments\na\n/)
      expect(textOf(bad)).toContain('valid integer')
      const missing = await call(session, 'add', { b: 1 })
      expect(missing.isError).toBe(true)
      expect(textOf(missing)).toContain('a\n  Field required')
      const noArguments = (await session.client.callTool({ name: 'add' })) as CallToolResult
      expect(noArguments.isError).toBe(true)
      const wrongLiteral = await call(session, 'describe_types', { ...VALID_DESCRIBE_ARGS, mode: 'z' })
      expect(wrongLiteral.isError).toBe(true)
      expect(textOf(wrongLiteral)).toContain('mode')
      // lax coercions: numeric strings, ints for floats, boolean words, JSON text for containers
      const lax = await call(session, 'describe_types', {
        ...VALID_DESCRIBE_ARGS,
        count: '7',
        ratio: 2,
        enabled: 'yes',
        tags: '["p", "q"]',
        limit: '3',
      })
      expect(lax.isError).toBe(false)
      expect(lax.structuredContent).toMatchObject({
        values: { count: 7, ratio: 2, enabled: true, tags: ['p', 'q'], limit: 3 },
        types: { count: 'int', ratio: 'float', enabled: 'bool', tags: 'list', limit: 'int', mode: 'str' },
      })
      // unknown arguments are ignored
      expect((await call(session, 'add', { a: 1, c: 100 })).structuredContent).toEqual({ result: 3 })
    })

    it('print() and other stdout writes inside a tool do not break the client', async () => {
      const session = await connect()
      await session.client.listTools()
      const first = await call(session, 'chatty', { word: 'one' })
      expect(textOf(first)).toBe('still fine: one')
      expect(textOf(await call(session, 'chatty', { word: 'two' }))).toBe('still fine: two')
      expect((await call(session, 'add', { a: 0, b: 0 })).structuredContent).toEqual({ result: 0 })
      await vi.waitFor(() => {
        expect(session.stderr()).toContain('print() from the tool: two')
        expect(session.stderr()).toContain('os.write to fd 1')
        expect(session.stderr()).toContain('child process print')
      })
      expect(session.errors).toEqual([])
      expect(session.received.every((m) => !('id' in m) || typeof m.id === 'number')).toBe(true)
    })
  })

  describe('resources', () => {
    it('lists resources and resource templates', async () => {
      const session = await connect()
      expect((await session.client.listResources()).resources).toEqual([
        {
          uri: 'config://settings',
          name: 'settings',
          description: 'Static settings',
          mimeType: 'text/plain',
        },
      ])
      expect((await session.client.listResourceTemplates()).resourceTemplates).toEqual([
        {
          uriTemplate: 'greeting://{name}',
          name: 'greeting',
          description: 'A personal greeting.',
          mimeType: 'text/plain',
        },
        {
          uriTemplate: 'users://{user_id}/profile',
          name: 'profile',
          description: "A user's profile.",
          mimeType: 'application/json',
        },
      ])
    })

    it('reads a static resource and templates with parameters', async () => {
      const session = await connect()
      expect(await session.client.readResource({ uri: 'config://settings' })).toEqual({
        contents: [{ uri: 'config://settings', mimeType: 'text/plain', text: 'theme=dark\nlanguage=en' }],
      })
      expect(await session.client.readResource({ uri: 'greeting://Ada' })).toEqual({
        contents: [{ uri: 'greeting://Ada', mimeType: 'text/plain', text: 'Hello, Ada!' }],
      })
      const profile = await session.client.readResource({ uri: 'users://42/profile' })
      const content = profile.contents[0]
      expect(content).toMatchObject({ uri: 'users://42/profile', mimeType: 'application/json' })
      expect(JSON.parse(content && 'text' in content ? content.text : '')).toEqual({
        id: 42,
        name: 'user-42',
      })
    })

    it('an unknown resource or a bad template parameter rejects with an McpError', async () => {
      const session = await connect()
      await expect(session.client.readResource({ uri: 'nothing://here' })).rejects.toMatchObject({
        code: -32002,
        data: { uri: 'nothing://here' },
      })
      const badParam: unknown = await session.client
        .readResource({ uri: 'users://abc/profile' })
        .catch((e) => e)
      expect(badParam).toBeInstanceOf(McpError)
      expect(badParam).toMatchObject({ code: ErrorCode.InvalidParams })
    })
  })

  describe('prompts', () => {
    it('lists prompts with their arguments', async () => {
      const session = await connect()
      expect((await session.client.listPrompts()).prompts).toEqual([
        {
          name: 'review',
          description: 'Ask for a code review.',
          arguments: [
            { name: 'code', required: true },
            { name: 'language', required: false },
          ],
        },
        {
          name: 'debate',
          title: 'Debate',
          description: 'Two-sided discussion.',
          arguments: [
            { name: 'topic', required: true },
            { name: 'rounds', required: false },
          ],
        },
      ])
    })

    it('renders prompts with arguments and defaults', async () => {
      const session = await connect()
      expect(await session.client.getPrompt({ name: 'review', arguments: { code: 'print(1)' } })).toEqual({
        description: 'Ask for a code review.',
        messages: [
          { role: 'user', content: { type: 'text', text: 'Please review this python code:\nprint(1)' } },
        ],
      })
      const review = await session.client.getPrompt({
        name: 'review',
        arguments: { code: 'x', language: 'rust' },
      })
      expect(review.messages[0]?.content).toEqual({ type: 'text', text: 'Please review this rust code:\nx' })
      const debate = await session.client.getPrompt({
        name: 'debate',
        arguments: { topic: 'tabs', rounds: '2' },
      })
      expect(debate.messages).toEqual([
        { role: 'user', content: { type: 'text', text: 'Argue for tabs (2 rounds).' } },
        { role: 'assistant', content: { type: 'text', text: 'Certainly.' } },
      ])
    })

    it('a missing required argument or an unknown prompt rejects with McpError -32602', async () => {
      const session = await connect()
      const missing: unknown = await session.client
        .getPrompt({ name: 'review', arguments: {} })
        .catch((e) => e)
      expect(missing).toBeInstanceOf(McpError)
      expect(missing).toMatchObject({ code: ErrorCode.InvalidParams })
      expect((missing as McpError).message).toContain('code')
      await expect(session.client.getPrompt({ name: 'nope' })).rejects.toMatchObject({
        code: ErrorCode.InvalidParams,
      })
    })
  })

  describe('session behaviour', () => {
    it('answers ping', async () => {
      const session = await connect()
      await expect(session.client.ping()).resolves.toEqual({})
      await expect(session.client.ping()).resolves.toEqual({})
    })

    it('cancellation through an AbortSignal stops the call; the server keeps serving and sends no late reply', async () => {
      const session = await connect()
      await session.client.listTools()
      const seconds = 0.6
      const started = Date.now()
      const controller = new AbortController()
      const options = { signal: controller.signal }
      const syncCall = session.client.callTool({ name: 'slow', arguments: { seconds } }, undefined, options)
      const asyncCall = session.client.callTool(
        { name: 'async_slow', arguments: { seconds } },
        undefined,
        options,
      )
      await sleep(100)
      controller.abort('user pressed stop')
      for (const pending of [syncCall, asyncCall]) {
        const error: unknown = await pending.catch((e) => e)
        expect(error).toBeInstanceOf(McpError)
        expect((error as McpError).message).toContain('user pressed stop')
      }
      const cancelled = session.transport.sent.filter(
        (m) => 'method' in m && m.method === 'notifications/cancelled',
      )
      expect(cancelled).toHaveLength(2)
      // the next calls are answered at once, while the cancelled sync tool's thread still sleeps
      expect((await call(session, 'add', { a: 20, b: 22 })).structuredContent).toEqual({ result: 42 })
      expect(textOf(await call(session, 'slow', { seconds: 0 }))).toBe('slept 0.0')
      expect(Date.now() - started).toBeLessThan(seconds * 1000)
      // after the cancelled calls would have finished, still no reply to them (the SDK would report one)
      await sleep(seconds * 1000 + 200 - (Date.now() - started))
      const cancelledIds = cancelled.map((m) => ('params' in m ? m.params?.requestId : undefined))
      expect(session.received.filter((m) => 'id' in m && cancelledIds.includes(m.id))).toEqual([])
      expect(session.errors).toEqual([])
      await expect(session.client.ping()).resolves.toEqual({})
    })

    it('answers 20 concurrent calls correctly, each as soon as it is done', async () => {
      const session = await connect()
      await session.client.listTools()
      const started = Date.now()
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          // earlier requests sleep longer, so replies come back out of order
          call(session, 'square', { n, delay: (20 - n) * 0.02 }),
        ),
      )
      expect(Date.now() - started).toBeLessThan(3000) // serially it would take 4.2 s
      results.forEach((result, n) => {
        expect(result.structuredContent).toEqual({ result: n * n })
        expect(textOf(result)).toBe(String(n * n))
      })
      const callIds: unknown[] = session.transport.sent.flatMap((m) =>
        'method' in m && m.method === 'tools/call' && 'id' in m ? [m.id] : [],
      )
      const replyIds = session.received.flatMap((m) => ('id' in m && callIds.includes(m.id) ? [m.id] : []))
      expect(new Set(replyIds)).toEqual(new Set(callIds))
      expect(replyIds[0]).not.toBe(callIds[0])
      expect(session.errors).toEqual([])
    })

    it('mixes concurrent requests of every kind', async () => {
      const session = await connect()
      const [tools, resource, prompt, sum, pong] = await Promise.all([
        session.client.listTools(),
        session.client.readResource({ uri: 'greeting://Bo' }),
        session.client.getPrompt({ name: 'review', arguments: { code: 'c' } }),
        call(session, 'add', { a: 5, b: 5 }),
        session.client.ping(),
      ])
      expect(tools.tools.length).toBeGreaterThan(10)
      expect(resource.contents[0]).toMatchObject({ text: 'Hello, Bo!' })
      expect(prompt.messages).toHaveLength(1)
      expect(sum.structuredContent).toEqual({ result: 10 })
      expect(pong).toEqual({})
    })
  })
})
