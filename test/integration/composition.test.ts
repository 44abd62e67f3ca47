import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CompositeRun } from '../../src-main/contract/automation'
import { compositeSkillMd, parseSteps } from '../../src-main/core/automation/compositeSpec'
import { type RunningServer, startServer } from '../../src-main/http/server'
import { appWith, automationCore } from '../support/automation'
import { cli } from '../support/cli'
import type { TestCore } from '../support/core'
import { InMemoryTransport } from '@modelcontextprotocol/client'
import type { CallRequest } from '../../src-main/contract/policies'
import { tempDir } from '../support/fs'
import { connect, httpClient } from '../support/mcp'

const servers: RunningServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

const DOCUMENT = '{"title":"Field notes","tags":["birds","herons"],"count":3}'
const STEPS = ['json-tools/json_format', 'text-stats/text_statistics|text-stats/top_words']

/** Creates the doc-report composite and approves it as a person would. */
async function approvedComposite(t: TestCore) {
  const made = await t.call('compose.create', { name: 'doc-report', steps: STEPS })
  expect(made.approval.status).toBe('pending')
  await t.call('approvals.decide', { id: made.approval.id, approve: true })
  return made
}

const text = (r: { content: Record<string, unknown>[] }) =>
  r.content.map((c) => (c.type === 'text' ? String(c.text) : '')).join('\n')

describe('composite skills', () => {
  it('are written as a valid draft with the plan in frontmatter and go to the approval inbox', async () => {
    const t = automationCore(appWith(['json-tools', 'text-stats']))
    const made = await t.call('compose.create', {
      name: 'doc-report',
      steps: STEPS,
      description: 'Formats a JSON document and measures it.',
    })
    expect(made.plan).toEqual([
      [{ skill: 'json-tools', tool: 'json_format' }],
      [
        { skill: 'text-stats', tool: 'text_statistics' },
        { skill: 'text-stats', tool: 'top_words' },
      ],
    ])
    expect(made.approval).toMatchObject({ skill: 'doc-report', kind: 'generated', status: 'pending' })
    const dir = join(t.home, 'drafts', 'doc-report')
    expect((await t.call('skills.validate', { path: dir })).valid).toBe(true)
    const md = readFileSync(join(dir, 'SKILL.md'), 'utf8')
    const frontmatter = parseYaml(md.split('---')[1]!) as Record<string, unknown>
    expect(frontmatter).toMatchObject({
      name: 'doc-report',
      tools: ['run'],
      metadata: {
        skilldock: { composite: { steps: [['json-tools/json_format'], STEPS[1]!.split('|')] } },
      },
    })
    expect(md).toContain('## How data flows')
    // Listed with its steps (and only composites are listed).
    expect(await t.call('compose.list', {})).toEqual([
      {
        name: 'doc-report',
        state: 'pending',
        description: 'Formats a JSON document and measures it.',
        plan: made.plan,
      },
    ])
    // Not approved yet: nothing may call it.
    const refused = await t.raw('runtime.call', { name: 'doc-report', tool: 'run', arguments: {} })
    expect(refused).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } })
  })

  it('refuses unknown skills, unknown tools and bad names, leaving nothing behind', async () => {
    const t = automationCore(appWith(['text-stats']))
    const cases: [unknown, string][] = [
      [{ name: 'bad', steps: ['nope/run'] }, 'NOT_FOUND'],
      [{ name: 'bad', steps: ['text-stats/nope'] }, 'INVALID_INPUT'],
      [{ name: 'bad', steps: ['text-stats'] }, 'INVALID_INPUT'],
      [{ name: 'Bad Name', steps: ['text-stats/top_words'] }, 'INVALID_INPUT'],
    ]
    for (const [input, code] of cases) {
      const result = await t.raw('compose.create', input)
      expect(result).toMatchObject({ ok: false, error: { code } })
    }
    expect(existsSync(join(t.home, 'drafts', 'bad'))).toBe(false)
    expect(await t.call('approvals.list', {})).toEqual([])
  })

  it('runs two bundled skills in sequence and a parallel group, returning the combined result', async () => {
    const t = automationCore(appWith(['json-tools', 'text-stats']))
    await approvedComposite(t)
    expect((await t.call('skills.get', { name: 'doc-report' })).state).toBe('active')

    const result = await t.call('runtime.call', {
      name: 'doc-report',
      tool: 'run',
      arguments: { document: DOCUMENT },
    })
    expect(result.isError).toBe(false)

    // The same calls made by hand: the formatted document is what both parallel steps measured.
    const formatted = text(
      await t.call('runtime.call', {
        name: 'json-tools',
        tool: 'json_format',
        arguments: { document: DOCUMENT },
      }),
    )
    const stats = await t.call('runtime.call', {
      name: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: formatted },
    })
    const top = await t.call('runtime.call', {
      name: 'text-stats',
      tool: 'top_words',
      arguments: { text: formatted },
    })
    const output = (result.structuredContent as { output: Record<string, unknown> }).output
    expect(output).toEqual({
      'text-stats/text_statistics': stats.structuredContent,
      'text-stats/top_words': top.structuredContent,
    })
    expect(JSON.parse(text(result))).toEqual(output)
    const steps = (result.structuredContent as { steps: CompositeRun['steps'] }).steps
    expect(steps.map((s) => [s.group, `${s.skill}/${s.tool}`, s.ok])).toEqual([
      [0, 'json-tools/json_format', true],
      [1, 'text-stats/text_statistics', true],
      [1, 'text-stats/top_words', true],
    ])
    // The composite run is in the activity log.
    const activity = await t.call('activity.list', { skill: 'doc-report' })
    expect(activity.entries.some((a) => a.action === 'composite.run' && a.outcome === 'ok')).toBe(true)
  })

  it('stops at a failing step and names it', async () => {
    const t = automationCore(appWith(['json-tools', 'text-stats']))
    await approvedComposite(t)
    const result = await t.call('runtime.call', {
      name: 'doc-report',
      tool: 'run',
      arguments: { document: '{not json' },
    })
    expect(result.isError).toBe(true)
    expect(text(result)).toMatch(/^Step json-tools\/json_format failed: /)
    expect((result.structuredContent as { steps: unknown[] }).steps).toHaveLength(1)
  })

  it('runs the steps of a parallel group at the same time', async () => {
    const t = automationCore(appWith([], ['slow-a', 'slow-b']))
    await t.call('compose.create', { name: 'both-slow', steps: ['slow-a/pause|slow-b/pause'] })
    // Servers already up, so the overlap measured is the tools', not the process start-ups'.
    await t.call('runtime.start', { name: 'slow-a' })
    await t.call('runtime.start', { name: 'slow-b' })
    const run = await t.call('compose.run', { name: 'both-slow', arguments: { seconds: 2 } })
    expect(run.ok).toBe(true)
    const output = run.output as Record<string, { started: number; ended: number }>
    const a = output['slow-a/pause']!
    const b = output['slow-b/pause']!
    expect(a.ended - a.started).toBeGreaterThanOrEqual(1.9)
    // Each started before the other ended: they overlapped instead of running one after the other.
    expect(a.started).toBeLessThan(b.ended)
    expect(b.started).toBeLessThan(a.ended)
  })

  it('shows the plan in a dry run and runs one group at a time in step-through mode', async () => {
    const t = automationCore(appWith(['json-tools', 'text-stats']))
    await approvedComposite(t)
    const dry = await t.call('compose.run', {
      name: 'doc-report',
      arguments: { document: DOCUMENT },
      dryRun: true,
    })
    expect(dry).toMatchObject({ dryRun: true, steps: [], ok: true })
    expect(dry.plan.flat().map((s) => s.tool)).toEqual(['json_format', 'text_statistics', 'top_words'])
    // Nothing was called: no skill server was started.
    expect(await t.call('runtime.status', {})).toEqual([])

    const first = await t.call('compose.run', {
      name: 'doc-report',
      arguments: { document: DOCUMENT },
      groups: 1,
    })
    expect(first.steps.map((s) => s.tool)).toEqual(['json_format'])
    expect(first.next?.group).toBe(1)
    // What the next group gets: the arguments plus the step's text (the data-flow rule of SKILL.md).
    expect(first.next?.arguments).toMatchObject({ document: DOCUMENT, text: first.steps[0]!.text })
    expect(JSON.parse(String(first.next?.arguments.text))).toEqual(JSON.parse(DOCUMENT))

    const second = await t.call('compose.run', {
      name: 'doc-report',
      arguments: first.next!.arguments,
      fromGroup: 1,
      groups: 1,
    })
    expect(second.steps.map((s) => s.tool)).toEqual(['text_statistics', 'top_words'])
    expect(second.next).toBeNull()
    expect(Object.keys(second.output as object)).toEqual([
      'text-stats/text_statistics',
      'text-stats/top_words',
    ])
  })

  it('is tested by checking its SKILL.md and that every step names an existing tool', async () => {
    const appRoot = appWith(['json-tools', 'text-stats'])
    mkdirSync(join(appRoot, 'skills', 'broken'))
    writeFileSync(
      join(appRoot, 'skills', 'broken', 'SKILL.md'),
      compositeSkillMd('broken', parseSteps(['text-stats/nope', 'gone/run'])),
    )
    const t = automationCore(appRoot)
    await approvedComposite(t)
    const report = await t.call('skills.test', { name: 'doc-report' })
    expect(report.passed).toBe(true)
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['manifest', 'pass'],
      ['step:json-tools/json_format', 'pass'],
      ['step:text-stats/text_statistics', 'pass'],
      ['step:text-stats/top_words', 'pass'],
    ])
    // Hand-written steps naming a missing tool or skill fail the test.
    const broken = await t.call('skills.test', { name: 'broken' })
    expect(broken.passed).toBe(false)
    expect(broken.checks.map((c) => [c.id, c.status])).toEqual([
      ['manifest', 'pass'],
      ['step:text-stats/nope', 'fail'],
      ['step:gone/run', 'fail'],
    ])
  })

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
