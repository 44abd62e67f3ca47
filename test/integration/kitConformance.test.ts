import { setTimeout as sleep } from 'node:timers/promises'
import {
  LATEST_PROTOCOL_VERSION,
  McpError,
  SUPPORTED_PROTOCOL_VERSIONS,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js'
import { afterEach, describe, expect, it } from 'vitest'
import {
  MINIMAL,
  KIT_LATEST,
  KIT_VERSION,
  closeSessions,
  connect,
  RawSession,
  textOf,
  call,
} from './kitSupport'

/**
 * Conformance of the stdlib MCP kit (resources/python/skilldock_mcp) with the OFFICIAL TypeScript MCP client.
 *
 * Every test starts real kit processes exactly as SkillDock does (`python3 -I resources/python/launch.py
 * <skill.py>` with a minimal environment) from the fixture skills in test/fixtures/kit, talks to them through
 * `@modelcontextprotocol/sdk`'s Client + StdioClientTransport (or raw newline-delimited JSON-RPC for the
 * protocol versions the SDK client never sends), and closes them in afterEach: no python process outlives
 * its test, and each must exit by itself when its stdin closes.
 */
afterEach(closeSessions)

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
