import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { closeSessions, connect, textOf, call, toolsByName, VALID_DESCRIBE_ARGS } from './kitSupport'

afterEach(closeSessions)

describe('stdlib MCP kit conformance with the official TypeScript SDK client', () => {
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
})
