import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ToolMetrics } from '../../src-main/contract/activity'
import type { RoutePlan, RouteRun } from '../../src-main/contract/routing'
import { cli } from '../support/cli'
import { tempDir } from '../support/fs'

function setup() {
  const home = tempDir('skilldock-run-options-')
  return { home, run: (...args: string[]) => cli(['--home', home, ...args]) }
}

const calls = async (run: ReturnType<typeof setup>['run']) =>
  ((await run('--json', 'metrics')).json() as ToolMetrics[]).reduce((n, m) => n + m.calls, 0)

describe('skilldock run --role', () => {
  it('routes as the role sees the catalog: what it does not allow is never chosen', async () => {
    const { run } = setup()
    expect((await run('role', 'add', 'readers', '--allow', 'text-stats/*')).code).toBe(0)
    const open = (await run('--json', 'run', 'convert 10 km to miles')).json() as RoutePlan
    expect(open.steps[0]?.skill).toBe('unit-converter')
    const limited = await run('--json', 'run', 'convert 10 km to miles', '--role', 'readers')
    expect(limited.code).toBe(3)
    const plan = limited.json() as RoutePlan
    expect(plan).toMatchObject({ match: false, role: 'readers' })
    expect(plan.closest.every((c) => c.skill === 'text-stats')).toBe(true)
    const allowed = (
      await run('--json', 'run', 'how many words are in "the quick brown fox"', '--role', 'readers')
    ).json() as RoutePlan
    expect(allowed.steps[0]?.skill).toBe('text-stats')
    const unknown = await run('run', 'convert 10 km to miles', '--role', 'nobody')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('There is no role named nobody')
  }, 60_000)
})

describe('skilldock run --dry-run --plan-path, then run --plan --execute', () => {
  it('saves the plan without running anything and replays it later as saved', async () => {
    const { home, run } = setup()
    const file = join(home, 'plan.json')
    const saved = await run('run', 'convert 10 km to miles', '--dry-run', '--plan-path', file)
    expect(saved.code).toBe(0)
    expect(saved.stdout).toContain(`run --plan ${file} --execute`)
    expect((JSON.parse(readFileSync(file, 'utf8')) as RoutePlan).steps[0]).toMatchObject({
      skill: 'unit-converter',
      tool: 'convert',
    })
    expect(await calls(run)).toBe(0)

    const replayed = await run('run', '--plan', file, '--execute')
    expect(replayed.code).toBe(0)
    expect(replayed.stdout).toContain('6.21371')
    expect(await calls(run)).toBe(1)
  }, 60_000)

  it('refuses a damaged plan file and contradictory options', async () => {
    const { home, run } = setup()
    const file = join(home, 'bad.json')
    writeFileSync(file, JSON.stringify({ query: 'x', steps: 'nope' }))
    const bad = await run('run', '--plan', file, '--execute')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('is not a saved plan')
    expect(
      (await run('run', 'convert 1 km to m', '--execute', '--plan-path', join(home, 'p.json'))).code,
    ).toBe(2)
    expect(existsSync(join(home, 'p.json'))).toBe(false)
    expect((await run('run', 'convert 1 km to m', '--dry-run', '--execute')).code).toBe(2)
    expect((await run('run', '--plan', file, 'convert 1 km to m')).code).toBe(2)
    expect((await run('run', 'convert 1 km to m', '--step-through')).code).toBe(2)
  }, 60_000)
})

describe('skilldock run --step-through', () => {
  it('runs a pipeline one step at a time, passing each output on', async () => {
    const { run } = setup()
    const result = await run(
      '--json',
      'run',
      'sort the keys of {"b":1,"a":2} then extract a',
      '--mode',
      'pipeline',
      '--execute',
      '--step-through',
    )
    expect(result.code).toBe(0)
    const out = result.json() as RouteRun
    expect(out.trace.map((t) => [t.index, t.skill, t.tool, t.outcome])).toEqual([
      [0, 'json-tools', 'json_format', 'ok'],
      [1, 'json-tools', 'json_query', 'ok'],
    ])
    expect(JSON.stringify(out.result)).toContain('2')
    expect(out.trace[1]!.arguments.path).toBe('a')
  }, 60_000)
})
