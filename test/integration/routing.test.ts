import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { ToolMetrics } from '../../src-main/contract/activity'
import type { GoldenCase, GoldenReport, RoutePlan, RouteRun } from '../../src-main/contract/routing'
import { cli } from '../support/cli'
import { tempDir } from '../support/fs'
import { root, goldenFile, PRECISION_GOAL, RECALL_GOAL, pathWithoutGh, setup } from './routingSupport'

describe('skilldock run: routing queries to bundled skills', () => {
  it('routes every golden query offline: precision and recall, no-match queries included', async () => {
    const { run } = setup()
    const cases = JSON.parse(readFileSync(goldenFile, 'utf8')) as GoldenCase[]
    expect(cases.length).toBeGreaterThanOrEqual(20)
    const covered = new Set(cases.flatMap((c) => (c.expected ? [c.expected.split('/')[0]] : [])))
    expect(covered.size).toBe(8)
    // The golden set holds queries no skill serves: a router that always answers cannot pass.
    expect(cases.filter((c) => c.expected === null).length).toBeGreaterThanOrEqual(10)

    const result = await run('--json', 'metrics', '--golden', goldenFile)
    expect(result.code).toBe(0)
    const report = result.json() as GoldenReport

    // The report agrees with routing each query on its own through `skilldock run`.
    let hits = 0
    let answered = 0
    let right = 0
    for (const c of cases) {
      const planned = await run('--json', 'run', c.query, '--offline')
      const plan = planned.json() as RoutePlan
      // No match is exit 3 with the closest skills; nothing was planned to run.
      expect(planned.code).toBe(plan.match ? 0 : 3)
      const step = plan.steps[0]
      const got = step ? (step.tool ? `${step.skill}/${step.tool}` : step.skill) : null
      const hit =
        c.expected === null
          ? got === null
          : got !== null && (c.expected.includes('/') ? got === c.expected : step!.skill === c.expected)
      if (hit) hits++
      if (got !== null) answered++
      if (got !== null && hit) right++
      expect(report.results.find((r) => r.query === c.query)).toMatchObject({ got, hit })
    }
    const served = cases.filter((c) => c.expected !== null).length
    expect(report.total).toBe(cases.length)
    expect(report.hits).toBe(hits)
    expect(report.hitRate).toBeCloseTo(hits / cases.length, 10)
    expect(report.precision).toBeCloseTo(right / answered, 10)
    expect(report.recall).toBeCloseTo(right / served, 10)
    expect(report.precision).toBeGreaterThanOrEqual(PRECISION_GOAL)
    expect(report.recall).toBeGreaterThanOrEqual(RECALL_GOAL)

    const human = await run('metrics', '--golden', goldenFile)
    expect(human.stdout).toContain(`hit rate ${((hits / cases.length) * 100).toFixed(1)}%`)
    expect(human.stdout).toContain(`${hits} of ${cases.length}`)
    expect(human.stdout).toContain(`precision ${((right / answered) * 100).toFixed(1)}%`)
    expect(human.stdout).toContain(`recall ${((right / served) * 100).toFixed(1)}%`)
  }, 300_000)

  it('without gh on PATH (as on CI) the golden goals hold: github-helper queries answer no match naming it', async () => {
    const home = tempDir('skilldock-home-')
    const run = (...args: string[]) => cli(['--home', home, ...args], { PATH: pathWithoutGh() })
    expect((await run('--json', 'show', 'github-helper')).json()).toMatchObject({ eligible: false })

    const result = await run('--json', 'metrics', '--golden', goldenFile)
    expect(result.code).toBe(0)
    const report = result.json() as GoldenReport
    expect(report.precision).toBeGreaterThanOrEqual(PRECISION_GOAL)
    expect(report.recall).toBeGreaterThanOrEqual(RECALL_GOAL)
    // A query for the skill that cannot run here is not handed to another skill: no match, with why.
    const forGithub = report.results.filter((r) => r.expected === 'github-helper')
    expect(forGithub.length).toBeGreaterThan(0)
    for (const r of forGithub) {
      expect(r).toMatchObject({ got: null, hit: false })
      expect(r.note).toContain('needs `gh` on PATH')
    }
    const human = await run('metrics', '--golden', goldenFile)
    expect(human.stdout).toContain(
      `${forGithub.length} of the misses expect a skill that is not usable here (see the notes below); they count against recall`,
    )

    const asked = await run('--json', 'run', 'merge this PR after the checks pass', '--execute')
    expect(asked.code).toBe(3)
    const plan = asked.json() as RoutePlan
    expect(plan).toMatchObject({ match: false, steps: [] })
    expect(plan.reason).toContain(
      'github-helper fits "merge this PR after the checks pass" but is not usable here',
    )
    expect(plan.reason).toContain('needs `gh` on PATH')
    // Other skills still route as before.
    const converted = (await run('--json', 'run', 'convert 10 km to miles')).json() as RoutePlan
    expect(converted.steps[0]).toMatchObject({ skill: 'unit-converter', tool: 'convert' })
  }, 300_000)

  it('says no skill fits (exit 3) instead of a guess, and --execute runs nothing', async () => {
    const { run } = setup()
    const asked = await run('--json', 'run', 'find flights to Sochi')
    expect(asked.code).toBe(3)
    const plan = asked.json() as RoutePlan
    expect(plan).toMatchObject({ match: false, steps: [] })
    expect(plan.closest.length).toBeGreaterThan(0)
    expect(plan.closest.every((c) => c.confidence < 0.35)).toBe(true)
    // Only leads worth following: a skill that matched nothing (score 0 or below) is not "closest".
    expect(plan.closest.every((c) => c.score > 0 && c.confidence > 0)).toBe(true)
    expect(plan.reason).toContain('find flights to Sochi')

    const executed = await run('run', 'find flights to Sochi', '--execute', '--trace')
    expect(executed.code).toBe(3)
    expect(executed.stdout).toMatch(/^No skill fits "find flights to Sochi"/)
    expect(executed.stdout).not.toMatch(/no skill fits: no skill fits/i)
    expect(executed.stdout).toContain('closest:')
    expect(executed.stdout).not.toMatch(/confidence 0(?![.\d])|score 0(?![.\d])|score -/)
    expect(executed.stdout).not.toContain('trace:')
    const metrics = (await run('--json', 'metrics')).json() as ToolMetrics[]
    expect(metrics.reduce((n, m) => n + m.calls, 0)).toBe(0)
  })

  it('reports misses with what routing chose', async () => {
    const { run, home } = setup()
    const file = join(home, 'golden.json')
    writeFileSync(
      file,
      JSON.stringify([
        { query: 'convert 10 km to miles', expected: 'unit-converter/convert' },
        { query: 'convert 10 km to miles', expected: 'text-stats' },
      ]),
    )
    const result = await run('metrics', '--golden', file)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('hit rate 50.0% (1 of 2')
    expect(result.stdout).toMatch(
      /convert 10 km to miles\s+expected text-stats\s+got unit-converter\/convert$/m,
    )

    // A miss that could not have been a hit says why.
    expect((await run('disable', 'text-stats')).code).toBe(0)
    writeFileSync(file, JSON.stringify([{ query: 'how many words are in "a b c"', expected: 'text-stats' }]))
    const disabled = await run('metrics', '--golden', file)
    expect(disabled.stdout).toContain('hit rate 0.0% (0 of 1')
    expect(disabled.stdout).toContain('(text-stats is disabled, not switched on)')
  }, 120_000)

  it('prints the plan with the arguments it would use, and runs nothing without --execute', async () => {
    const { run } = setup()
    const result = await run('run', 'what is 72 °F in celsius')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('unit-converter/convert')
    expect(result.stdout).toContain('"value":72')
    expect(result.stdout).toContain('"to_unit":"celsius"')
    const metrics = (await run('--json', 'metrics')).json() as ToolMetrics[]
    expect(metrics).toEqual([])
  }, 120_000)

  it('--execute runs the bundled skill through real python; --trace lists the step with duration and outcome', async () => {
    const { run } = setup()
    const result = await run('run', 'convert 10 km to miles', '--execute', '--trace')
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('6.21371192')
    expect(result.stdout).toMatch(/trace:\n\s+1\. unit-converter\/convert\s+[\d.]+ ms\s+ok/)

    const json = (await run('--json', 'run', 'convert 5 kg to lb', '--execute')).json() as RouteRun
    expect(json.ok).toBe(true)
    expect(json.trace).toHaveLength(1)
    expect(json.trace[0]).toMatchObject({ skill: 'unit-converter', tool: 'convert', outcome: 'ok' })
    expect(json.trace[0]!.durationMs).toBeGreaterThan(0)
    expect(json.result?.structuredContent).toMatchObject({ to_unit: 'lb' })
  }, 120_000)

  it('skilldock metrics shows the calls of an audited skill after run --execute', async () => {
    const { run } = setup()
    expect((await run('add', join(root, 'test', 'fixtures', 'runtime', 'echo'))).code).toBe(0)
    const [pending] = (await run('--json', 'approvals')).json() as { id: string }[]
    expect((await run('approve', pending!.id, '--trust', 'monitored')).code).toBe(0)
    expect((await run('--json', 'metrics')).json()).toEqual([])

    for (const word of ['one', 'two', 'three']) {
      const done = await run('run', `echo "${word}"`, '--execute')
      expect(done.code).toBe(0)
      expect(done.stdout).toContain(word)
    }
    const metrics = (await run('--json', 'metrics', '--skill', 'echo')).json() as ToolMetrics[]
    expect(metrics).toEqual([
      expect.objectContaining({
        skill: 'echo',
        tool: 'echo',
        calls: 3,
        errors: 0,
        lastUsedAt: expect.any(String),
      }),
    ])
    expect(metrics[0]!.p95Ms).toBeGreaterThanOrEqual(metrics[0]!.p50Ms!)
    // The audit line of each call says it came from `run`.
    const logs = (await run('--json', 'logs', 'echo')).json() as {
      audit: { action: string; detail: Record<string, unknown> }[]
    }
    const calls = logs.audit.filter((e) => e.action === 'tool.call')
    expect(calls).toHaveLength(3)
    expect(calls.every((e) => e.detail.origin === 'run')).toBe(true)
    const table = await run('metrics')
    expect(table.stdout).toMatch(/skill\s+tool\s+calls\s+errors\s+p50\s+p95\s+last used/)
    expect(table.stdout).toMatch(/echo\s+echo\s+3\s+0\s+\d+ ms\s+\d+ ms\s+\d{4}-/)
  }, 180_000)

  it('a failing step exits 1 with the reason, and the trace shows the error', async () => {
    const { run } = setup()
    const result = await run('run', 'convert 10 kg to metres', '--execute', '--trace')
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/1\. unit-converter\/convert\s+[\d.]+ ms\s+error/)
    expect(result.stderr).toMatch(/error: .*(mass|length)/i)
  }, 120_000)

  it('says which argument the query lacks; --args supplies it', async () => {
    const { run } = setup()
    const lacking = await run('run', 'list the tables', '--tag', 'sqlite', '--execute')
    expect(lacking.code).toBe(1)
    expect(lacking.stdout).toContain('missing: path')
    expect(lacking.stderr).toContain('does not say path for sqlite-reader/list_tables')
    const given = await run(
      '--json',
      'run',
      'list the tables',
      '--tag',
      'sqlite',
      '--execute',
      '--args',
      '{"path": ":memory:"}',
    )
    expect(given.code).toBe(0)
    expect((given.json() as RouteRun).result?.structuredContent).toMatchObject({ tables: [] })
  }, 120_000)

  it('runs through the call pipeline, so call policies apply to run --execute', async () => {
    const { run } = setup()
    expect((await run('policy', 'add', 'unit-converter/*', '--dry-run')).code).toBe(0)
    const result = await run('--json', 'run', 'convert 10 km to miles', '--execute')
    expect(result.code).toBe(0)
    const out = result.json() as RouteRun
    expect(out.result?.structuredContent).toMatchObject({
      dryRun: true,
      skill: 'unit-converter',
      tool: 'convert',
    })
    expect(JSON.stringify(out.result)).not.toContain('6.21371192')
  }, 120_000)

  it('run --execute under requires_approval says how to approve, waits, and completes once approved', async () => {
    const { run } = setup()
    const added = await run(
      'policy',
      'add',
      'unit-converter/convert',
      '--requires-approval',
      '--timeout',
      '2m',
    )
    expect(added.code).toBe(0)
    const execution = run('run', 'convert 10 km to miles', '--execute')
    type Held = { id: string; skill: string; tool: string; origin: string }
    const held = await vi.waitFor(
      async () => {
        const listed = (await run('--json', 'calls', 'list')).json() as Held[]
        const found = listed.find((c) => c.origin === 'run')
        if (!found) throw new Error('the routed call is not held yet')
        return found
      },
      { timeout: 20_000, interval: 200 },
    )
    expect(held).toMatchObject({ skill: 'unit-converter', tool: 'convert' })
    expect((await run('calls', 'approve', held.id.slice(0, 8))).code).toBe(0)
    const done = await execution
    expect(done.code).toBe(0)
    expect(done.stdout).toContain('6.21371')
    // Without the notice the command would seem to hang until the wait ran out.
    expect(done.stderr).toContain(
      `The call to unit-converter/convert waits for approval (a requires_approval policy): approve it with \`skilldock calls approve ${held.id.slice(0, 8)}\``,
    )
  }, 120_000)

  it('pipeline mode passes each output on to the next step', async () => {
    const { run } = setup()
    const result = await run(
      '--json',
      'run',
      'sort the keys of {"items": [{"id": 7}, {"id": 9}], "a": 1} then extract items[*].id',
      '--mode',
      'pipeline',
      '--execute',
      '--args',
      '{"indent": 4}',
    )
    expect(result.code).toBe(0)
    const out = result.json() as RouteRun
    // --args go to the step whose tool takes them.
    expect(out.plan.steps[0]!.arguments.indent).toBe(4)
    expect(out.plan.steps[1]!.arguments).not.toHaveProperty('indent')
    expect(out.plan.steps.map((s) => `${s.skill}/${s.tool}`)).toEqual([
      'json-tools/json_format',
      'json-tools/json_query',
    ])
    expect(out.plan.steps[1]!.piped).toBe('document')
    const formatted = out.trace[0]!.result!.content.map((c) => String(c.text)).join('')
    expect(formatted.indexOf('"a"')).toBeLessThan(formatted.indexOf('"items"'))
    expect(formatted).toContain('\n    "a": 1')
    expect(out.trace[1]!.arguments.document).toBe(formatted)
    expect(out.trace.map((t) => t.outcome)).toEqual(['ok', 'ok'])
    expect(out.result?.structuredContent).toMatchObject({ values: [7, 9] })
  }, 120_000)

  it('parallel mode runs independent parts and reports each', async () => {
    const { run } = setup()
    const result = await run(
      'run',
      'convert 1 mi to km; convert 212 F to C',
      '--mode',
      'parallel',
      '--execute',
      '--trace',
    )
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/1\. unit-converter\/convert\s+[\d.]+ ms\s+ok/)
    expect(result.stdout).toMatch(/2\. unit-converter\/convert\s+[\d.]+ ms\s+ok/)
    expect(result.stdout).toContain('1.609344')
    expect(result.stdout).toMatch(/= 100 °?C/)
  }, 120_000)

  it('--tag restricts the candidates', async () => {
    const { run } = setup()
    const plain = (await run('--json', 'run', 'count the rows')).json() as RoutePlan
    const tagged = (await run('--json', 'run', 'count the rows', '--tag', 'sqlite')).json() as RoutePlan
    expect(tagged.steps[0]!.skill).toBe('sqlite-reader')
    expect(plain.steps[0]!.skill).not.toBe('sqlite-reader')
    const none = await run('run', 'count the rows', '--tag', 'no-such-tag')
    expect(none.code).toBe(1)
    expect(none.stderr).toContain('No usable skill is tagged no-such-tag')
  }, 120_000)

  it('usage errors exit 2; an unreadable golden file exits 1 with what to fix', async () => {
    const { run, home } = setup()
    expect((await run('run', 'convert 1 km to m', '--trace')).code).toBe(2)
    expect((await run('run', 'x', '--mode', 'sideways')).code).toBe(2)
    expect((await run('feedback', 'convert things')).code).toBe(2)
    const bad = join(home, 'bad.json')
    writeFileSync(bad, '[{"query": "x"}]')
    const result = await run('--json', 'metrics', '--golden', bad)
    expect(result.code).toBe(1)
    expect(result.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } })
    expect((result.json() as { error: { message: string } }).error.message).toContain('expected')
  }, 120_000)
})
