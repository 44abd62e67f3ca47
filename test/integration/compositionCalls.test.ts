import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { compositeSkillMd, parseSteps } from '../../src-main/core/automation/compositeSpec'
import { startServer } from '../../src-main/http/server'
import { appWith, automationCore } from '../support/automation'
import { cli } from '../support/cli'
import { InMemoryTransport } from '@modelcontextprotocol/client'
import type { CallRequest } from '../../src-main/contract/policies'
import { tempDir } from '../support/fs'
import { connect, httpClient } from '../support/mcp'
import { servers, DOCUMENT, STEPS, approvedComposite, text } from './compositionSupport'

afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

describe('composite skills', () => {
  it('applies call policies to every step', async () => {
    const t = automationCore(appWith(['json-tools', 'text-stats']))
    await approvedComposite(t)
    await t.call('policies.add', { skill: 'text-stats', tool: 'top_words', kind: 'dry_run' })
    const result = await t.call('runtime.call', {
      name: 'doc-report',
      tool: 'run',
      arguments: { document: DOCUMENT },
    })
    const output = (result.structuredContent as { output: Record<string, Record<string, unknown>> }).output
    // The policy turned that one step into a plan; its sibling really ran.
    expect(output['text-stats/top_words']).toMatchObject({ dryRun: true, tool: 'top_words' })
    expect(output['text-stats/text_statistics']?.words).toBeGreaterThan(3)
  })

  it('holds a step under requires_approval, telling the MCP caller, and ends the wait when it gives up', async () => {
    const t = automationCore(appWith(['json-tools', 'text-stats']))
    await approvedComposite(t)
    await t.call('policies.add', {
      skill: 'text-stats',
      tool: 'top_words',
      kind: 'requires_approval',
      timeoutSeconds: 120,
    })
    const session = t.core.mcp.openSession({ name: 'cursor', mode: 'catalog' })
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
    await session.server.connect(serverSide)
    const client = await connect(clientSide, 'cursor')
    const pendingStep = (): Promise<CallRequest> =>
      vi.waitFor(
        async () => {
          const [first] = await t.call('calls.list', { status: 'pending' })
          if (!first) throw new Error('no step is held for approval yet')
          return first
        },
        { timeout: 20_000, interval: 100 },
      )
    const runComposite = (signal?: AbortSignal) => {
      const progress: string[] = []
      const result = client.callTool(
        {
          name: 'skill_call',
          arguments: { skill: 'doc-report', tool: 'run', arguments: { document: DOCUMENT } },
        },
        { signal, onprogress: (p) => progress.push(p.message ?? ''), timeout: 120_000 },
      )
      return { progress, result }
    }

    // Approved: the held step is the composite's, on behalf of the client that called it, and it runs.
    const first = runComposite()
    const held = await pendingStep()
    expect(held).toMatchObject({
      skill: 'text-stats',
      tool: 'top_words',
      client: 'cursor',
      origin: 'compose',
    })
    await expect
      .poll(() => first.progress[0], { timeout: 10_000 })
      .toContain('Waiting for a person to approve the call to text-stats/top_words')
    await t.call('calls.decide', { id: held.id, approve: true })
    const done = await first.result
    expect(done.isError).toBe(false)
    const output = (done.structuredContent as { output: Record<string, { top?: unknown[] }> }).output
    expect(output['text-stats/top_words']?.top?.length).toBeGreaterThan(0)

    // The client gives up: the held step expires instead of waiting on for nobody.
    const abort = new AbortController()
    const second = runComposite(abort.signal)
    const again = await pendingStep()
    abort.abort()
    await expect(second.result).rejects.toThrow()
    await expect
      .poll(async () => (await t.call('calls.list', {})).find((c) => c.id === again.id)?.status, {
        timeout: 10_000,
      })
      .toBe('expired')
  })

  it('nests composites, but refuses one that ends up calling itself', async () => {
    const appRoot = appWith(['text-stats'])
    // Hand-written composites bundled with the app: ping runs pong, pong runs ping.
    for (const [name, step] of [
      ['ping', 'pong/run'],
      ['pong', 'ping/run'],
    ] as const) {
      mkdirSync(join(appRoot, 'skills', name))
      writeFileSync(join(appRoot, 'skills', name, 'SKILL.md'), compositeSkillMd(name, parseSteps([step])))
    }
    const t = automationCore(appRoot)
    const inner = await t.call('compose.create', { name: 'inner', steps: ['text-stats/top_words'] })
    await t.call('approvals.decide', { id: inner.approval.id, approve: true })
    const outer = await t.call('compose.create', { name: 'outer', steps: ['inner/run'] })
    await t.call('approvals.decide', { id: outer.approval.id, approve: true })
    const nested = await t.call('runtime.call', {
      name: 'outer',
      tool: 'run',
      arguments: { text: 'herons herons egrets' },
    })
    expect(nested.isError).toBe(false)
    const output = (nested.structuredContent as { output: { output: { top: { term: string }[] } } }).output
    expect(output.output.top.map((e) => e.term)).toEqual(['herons', 'egrets'])

    const loop = await t.call('runtime.call', { name: 'ping', tool: 'run', arguments: {} })
    expect(loop.isError).toBe(true)
    expect(text(loop)).toContain('ping → pong → ping')
  })

  it('refuses composites nested more than eight deep, saying so', async () => {
    const appRoot = appWith(['text-stats'])
    // level-0 runs level-1 … level-8 runs text-stats: nine composites in one chain.
    for (let i = 0; i <= 8; i++) {
      const step = i === 8 ? 'text-stats/top_words' : `level-${i + 1}/run`
      mkdirSync(join(appRoot, 'skills', `level-${i}`))
      writeFileSync(
        join(appRoot, 'skills', `level-${i}`, 'SKILL.md'),
        compositeSkillMd(`level-${i}`, parseSteps([step])),
      )
    }
    const t = automationCore(appRoot)
    const ok = await t.call('runtime.call', { name: 'level-1', tool: 'run', arguments: { text: 'a b a' } })
    expect(ok.isError).toBe(false)
    const deep = await t.call('runtime.call', { name: 'level-0', tool: 'run', arguments: { text: 'a b a' } })
    expect(deep.isError).toBe(true)
    expect(text(deep)).toContain('nested more than 8 deep')
    expect(text(deep)).not.toContain('calling itself')
  })

  it('appears over MCP as one tool only after approval, and runs there', async () => {
    const t = automationCore(appWith(['json-tools', 'text-stats']))
    const server = await startServer({ core: t.core, port: 0, uiDir: null })
    servers.push(server)
    const made = await t.call('compose.create', { name: 'doc-report', steps: STEPS })
    const { token } = await t.call('clients.add', { name: 'agent', mode: 'direct' })
    const before = await httpClient(server.mcpUrl, token, 'agent')
    const beforeNames = (await before.listTools()).tools.map((tool) => tool.name)
    expect(beforeNames.filter((n) => n.startsWith('doc-report'))).toEqual([])

    await t.call('approvals.decide', { id: made.approval.id, approve: true })
    const client = await httpClient(server.mcpUrl, token, 'agent')
    const tools = (await client.listTools()).tools
    expect(tools.filter((tool) => tool.name.startsWith('doc-report')).map((tool) => tool.name)).toEqual([
      'doc-report__run',
    ])
    const result = await client.callTool({ name: 'doc-report__run', arguments: { document: DOCUMENT } })
    expect(result.isError).toBe(false)
    const output = (result.structuredContent as { output: Record<string, { words?: number }> }).output
    expect(output['text-stats/text_statistics']?.words).toBeGreaterThan(3)
  })
})

describe('skilldock compose (CLI)', () => {
  it('lists composites, and a run whose step waits for approval says how to approve it', async () => {
    const home = tempDir('skilldock-home-')
    const run = (...args: string[]) => cli(['--home', home, ...args])
    const made = await run('--json', 'compose', 'stats-report', '--step', 'text-stats/text_statistics')
    expect(made.code).toBe(0)
    expect((await run('approve', (made.json() as { approval: { id: string } }).approval.id)).code).toBe(0)
    const listed = await run('compose', 'list')
    expect(listed.code).toBe(0)
    expect(listed.stdout).toContain('stats-report (active)\n    1. text-stats/text_statistics')

    const policy = await run('--json', 'policy', 'add', 'text-stats/text_statistics', '--requires-approval')
    expect(policy.code).toBe(0)
    const execution = run('compose', 'run', 'stats-report', '--args', '{"text":"One two. Three."}')
    type Held = { id: string; origin: string }
    const held = await vi.waitFor(
      async () => {
        const listed = (await run('--json', 'calls', 'list')).json() as Held[]
        const found = listed.find((c) => c.origin === 'compose')
        if (!found) throw new Error('the composed call is not held yet')
        return found
      },
      { timeout: 20_000, interval: 200 },
    )
    const short = held.id.slice(0, 8)
    expect((await run('calls', 'approve', short)).code).toBe(0)
    const done = await execution
    expect(done.code).toBe(0)
    expect(done.stdout).toMatch(/^✓ \[1\] text-stats\/text_statistics \(\d+ ms\)\n\n\{/)
    expect(done.stdout).toContain('"words": 3')
    expect(done.stderr).toContain(
      `The call to text-stats/text_statistics waits for approval (a requires_approval policy): approve it with \`skilldock calls approve ${short}\``,
    )

    // A failing step: exit 1 and the reason on stderr.
    expect((await run('policy', 'remove', String((policy.json() as { id: number }).id))).code).toBe(0)
    const failing = await run('compose', 'run', 'stats-report', '--args', '{"text":"   "}')
    expect(failing.code).toBe(1)
    expect(failing.stderr).toMatch(/^error: step text-stats\/text_statistics failed: .*text is empty/)
  }, 120_000)
})
