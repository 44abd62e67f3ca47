import { describe, expect, it } from 'vitest'
import type { ActivityEntry } from '../../src-main/contract/activity'
import type { JobInfo } from '../../src-main/contract/automation'
import type { Gap } from '../../src-main/contract/generator'
import { appWith, automationCore, ManualClock } from '../support/automation'
import { cli } from '../support/cli'
import { tempDir } from '../support/fs'

function home() {
  const dir = tempDir('skilldock-worker-home-')
  return { dir, run: (...args: string[]) => cli(['--home', dir, ...args]) }
}

async function enqueue(run: (...a: string[]) => Promise<{ code: number }>, n: number) {
  for (let i = 0; i < n; i++) {
    const queued = await run('job', 'enqueue', 'text-stats/text_statistics', '--args', `{"text":"Job ${i}."}`)
    expect(queued.code).toBe(0)
  }
}

describe('skilldock worker --once (cron, systemd timers)', () => {
  it('runs the due jobs and exits; a second pass finds nothing due', async () => {
    const { run } = home()
    await enqueue(run, 3)
    const pass = await run('--json', 'worker', '--once')
    expect(pass.code).toBe(0)
    expect(pass.json()).toMatchObject({ jobsRun: 3, schedulesFired: 0 })
    const jobs = (await run('--json', 'job', 'list')).json() as JobInfo[]
    expect(jobs.map((j) => j.state)).toEqual(['succeeded', 'succeeded', 'succeeded'])
    const again = await run('worker', '--once')
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('job attempts run: 0')
  }, 120_000)

  it('two runners at once on one data home run each job exactly once (leases)', async () => {
    const { run } = home()
    await enqueue(run, 6)
    const passes = await Promise.all([run('--json', 'worker', '--once'), run('--json', 'worker', '--once')])
    expect(passes.map((p) => p.code)).toEqual([0, 0])
    const total = passes.reduce((n, p) => n + (p.json() as { jobsRun: number }).jobsRun, 0)
    expect(total).toBe(6)
    const runs = (await run('--json', 'activity', '--action', 'job.run')).json() as ActivityEntry[]
    expect(runs).toHaveLength(6)
    expect(new Set(runs.map((e) => e.detail.job)).size).toBe(6)
  }, 120_000)
})

describe('idempotency keys expire after 24 hours', () => {
  it('the same key gives back its job within 24 h and queues a new one after', async () => {
    const clock = new ManualClock()
    const t = automationCore(appWith(['text-stats']), { clock })
    const input = {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: 'Hi.' },
      key: 'nightly-1',
    }
    const first = await t.call('jobs.enqueue', input)
    clock.advance(23 * 3600_000)
    expect(await t.call('jobs.enqueue', input)).toMatchObject({ id: first.id, created: false })
    clock.advance(2 * 3600_000)
    const later = await t.call('jobs.enqueue', input)
    expect(later.created).toBe(true)
    expect(later.id).not.toBe(first.id)
    const jobs = await t.call('jobs.list', {})
    expect(jobs).toHaveLength(2)
    // The old job stays in the history; only its key was released.
    expect(jobs.find((j) => j.id === first.id)?.key).toBeNull()
  })
})

describe('skilldock gaps add and activity', () => {
  it('records a person’s hint with trigger user; the same hint again counts', async () => {
    const { run } = home()
    const added = await run('gaps', 'add', 'resize PNG images', '--context', 'for the blog')
    expect(added.code).toBe(0)
    expect(added.stdout).toContain('Recorded the gap "resize PNG images"')
    await run('gaps', 'add', 'resize PNG images')
    const gaps = (await run('--json', 'gaps')).json() as Gap[]
    expect(gaps).toHaveLength(1)
    expect(gaps[0]).toMatchObject({ capability: 'resize PNG images', trigger: 'user', occurrences: 2 })
    const tooShort = await run('gaps', 'add', 'x')
    expect(tooShort.code).toBe(2)
    // What to write instead, not the schema's "too small: expected string to have >=3 characters".
    expect(tooShort.stderr).toContain('say in a few words what is missing')
    expect(tooShort.stderr).not.toContain('too small')
  })

  it('prints the audit log with --skill, --client and --since filters', async () => {
    const { run } = home()
    await run('disable', 'text-stats')
    await run('enable', 'unit-converter')
    const all = (await run('--json', 'activity')).json() as ActivityEntry[]
    expect(all.some((e) => e.skill === 'text-stats')).toBe(true)
    const one = (
      await run('--json', 'activity', '--skill', 'text-stats', '--since', '1h')
    ).json() as ActivityEntry[]
    expect(one.length).toBeGreaterThan(0)
    expect(one.every((e) => e.skill === 'text-stats')).toBe(true)
    expect((await run('--json', 'activity', '--client', 'no-such-client')).json()).toEqual([])
    const future = new Date(Date.now() + 3600_000).toISOString()
    expect((await run('--json', 'activity', '--since', future)).json()).toEqual([])
    const human = await run('activity', '--skill', 'text-stats')
    expect(human.stdout).toMatch(/TIME\s+ACTOR\s+ACTION/)
    const bad = await run('activity', '--since', 'last tuesday')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('is not a time')
  })
})

describe('unknown commands', () => {
  it('fail with exit 2 and say what exists, also with --help', async () => {
    const { run } = home()
    for (const args of [['frobnicate'], ['frobnicate', '--help'], ['--json', 'frobnicate', 'x']]) {
      const result = await run(...args)
      expect(result.code).toBe(2)
      expect(result.stderr).toContain("unknown command 'frobnicate'")
      expect(result.stderr).toContain('worker')
      expect(result.stdout).toBe('')
    }
    expect((await run('--help')).code).toBe(0)
    expect((await run('worker', '--help')).code).toBe(0)
  })
})
