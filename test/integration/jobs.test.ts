import { describe, expect, it, vi } from 'vitest'
import { BACKOFF_BASE_MS, LEASE_MS } from '../../src-main/core/automation/jobQueue'
import { appWith, automationCore, ManualClock } from '../support/automation'
import { tempDir } from '../support/fs'
import { worker, HOUR } from './jobsSupport'

describe('the job queue', () => {
  it('retries a failing job with exponential backoff and records its final failure', async () => {
    const { t, clock, timer } = worker()
    const job = await t.call('jobs.enqueue', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: '   ' },
      maxAttempts: 3,
    })
    expect(job).toMatchObject({ state: 'pending', attempts: 0, created: true })
    // The UI hears about each change of the job (the Automation screen refreshes its list).
    const changes: string[] = []
    t.core.events.on('jobs.changed', (e) => e.id === job.id && changes.push(e.state))
    const current = async () => (await t.call('jobs.list', {})).find((j) => j.id === job.id)!

    await timer.fire()
    let after = await current()
    expect(after).toMatchObject({ state: 'pending', attempts: 1 })
    expect(after.lastError).toContain('text is empty')
    expect(after.runAt).toBe(new Date(clock.now().getTime() + BACKOFF_BASE_MS).toISOString())

    // Not due yet: nothing happens.
    clock.advance(BACKOFF_BASE_MS - 1000)
    await timer.fire()
    expect((await current()).attempts).toBe(1)

    clock.advance(1000)
    await timer.fire()
    after = await current()
    expect(after).toMatchObject({ state: 'pending', attempts: 2 })
    // The second wait is twice the first.
    expect(after.runAt).toBe(new Date(clock.now().getTime() + 2 * BACKOFF_BASE_MS).toISOString())

    clock.advance(2 * BACKOFF_BASE_MS)
    await timer.fire()
    after = await current()
    expect(after).toMatchObject({ state: 'failed', attempts: 3 })
    expect(after.lastError).toContain('text is empty')

    clock.advance(HOUR)
    await timer.fire()
    expect((await current()).attempts).toBe(3)
    const runs = (await t.call('activity.list', { action: 'job.run' })).entries.reverse()
    expect(runs.map((e) => [e.outcome, e.detail.attempt])).toEqual([
      ['retry', 1],
      ['retry', 2],
      ['failed', 3],
    ])
    expect(changes).toEqual(['running', 'pending', 'running', 'pending', 'running', 'failed'])
    expect(await t.call('jobs.list', { state: 'failed' })).toHaveLength(1)
  })

  it('holds a job under requires_approval without holding up other jobs or schedules', async () => {
    const { t, clock, timer } = worker()
    await t.call('policies.add', {
      skill: 'text-stats',
      tool: 'top_words',
      kind: 'requires_approval',
      timeoutSeconds: 86_400,
    })
    const held = await t.call('jobs.enqueue', {
      skill: 'text-stats',
      tool: 'top_words',
      arguments: { text: 'herons herons egrets' },
    })
    const firstPass = timer.fire()
    const request = await vi.waitFor(
      async () => {
        const [pending] = await t.call('calls.list', { status: 'pending' })
        if (!pending) throw new Error("the job's call is not held yet")
        return pending
      },
      { timeout: 20_000 },
    )
    expect(request).toMatchObject({ skill: 'text-stats', tool: 'top_words', origin: 'job', client: 'user' })

    // While it waits for a person, another job and a schedule's firing still run.
    const other = await t.call('jobs.enqueue', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: 'Not held.' },
    })
    await t.call('schedules.add', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: 'Scheduled.' },
      every: '1h',
    })
    clock.advance(HOUR)
    await timer.fire()
    const states = async () => new Map((await t.call('jobs.list', {})).map((j) => [j.id, j]))
    let jobs = await states()
    expect(jobs.get(held.id)?.state).toBe('running')
    expect(jobs.get(other.id)?.state).toBe('succeeded')
    expect([...jobs.values()].find((j) => j.origin === 'schedule')?.state).toBe('succeeded')

    await t.call('calls.decide', { id: request.id, approve: true })
    await firstPass
    jobs = await states()
    expect(jobs.get(held.id)).toMatchObject({ state: 'succeeded', attempts: 1 })
    expect(jobs.get(held.id)?.result?.structuredContent).toMatchObject({ total_words: 3 })
  })

  it('gives a job waiting for approval back to the queue at shutdown; its held call expires', async () => {
    const appRoot = appWith(['text-stats'])
    const home = tempDir('skilldock-jobs-home-')
    const first = worker(appRoot, home)
    await first.t.call('policies.add', {
      skill: 'text-stats',
      tool: 'top_words',
      kind: 'requires_approval',
      timeoutSeconds: 86_400,
    })
    const job = await first.t.call('jobs.enqueue', {
      skill: 'text-stats',
      tool: 'top_words',
      arguments: { text: 'herons egrets' },
    })
    const pass = first.timer.fire()
    await expect
      .poll(async () => (await first.t.call('calls.list', { status: 'pending' })).length, { timeout: 20_000 })
      .toBeGreaterThan(0)
    await first.t.core.dispose()
    await pass

    const { t } = worker(appRoot, home)
    expect(await t.call('jobs.list', {})).toMatchObject([{ id: job.id, state: 'pending', attempts: 1 }])
    // Nobody waits for the old call any more: it is not left pending for a person to approve in vain.
    expect((await t.call('calls.list', {})).map((c) => c.status)).toEqual(['expired'])
  })

  it('gives back the same job for the same idempotency key', async () => {
    const { t, timer } = worker()
    const input = {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: 'Hi there.' },
      key: 'daily-42',
    }
    const first = await t.call('jobs.enqueue', input)
    const second = await t.call('jobs.enqueue', { ...input, arguments: { text: 'Something else.' } })
    expect(first.created).toBe(true)
    expect(second).toMatchObject({ id: first.id, created: false, arguments: { text: 'Hi there.' } })
    await timer.fire()
    const third = await t.call('jobs.enqueue', input)
    expect(third).toMatchObject({ id: first.id, created: false, state: 'succeeded' })
    expect(await t.call('jobs.list', {})).toHaveLength(1)
    // The same key for another tool is a mistake, not a silent match.
    expect(await t.raw('jobs.enqueue', { ...input, tool: 'top_words' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
  })

  it('runs jobs left pending at shutdown after a restart on the same home', async () => {
    const appRoot = appWith(['text-stats'])
    const home = tempDir('skilldock-jobs-home-')
    // The CLI (no worker) queues a job, then exits.
    const cli = automationCore(appRoot, { home })
    const job = await cli.call('jobs.enqueue', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: 'Survives a restart.' },
    })
    await cli.core.dispose()

    const { t, timer } = worker(appRoot, home)
    expect(await t.call('jobs.list', { state: 'pending' })).toHaveLength(1)
    await timer.fire()
    const [done] = await t.call('jobs.list', {})
    expect(done).toMatchObject({ id: job.id, state: 'succeeded', attempts: 1 })
    expect(done?.result?.structuredContent).toMatchObject({ words: 3 })
  })

  it('runs queued jobs by itself with the real timer in watch mode (serve/desktop)', async () => {
    const home = tempDir('skilldock-jobs-home-')
    const appRoot = appWith(['text-stats'])
    const cliCore = automationCore(appRoot, { home })
    await cliCore.call('jobs.enqueue', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: 'Hi.' },
    })
    await cliCore.core.dispose()
    // The real timer and clock, as `skilldock serve` builds the core.
    const served = automationCore(appRoot, { home, watch: true })
    await expect
      .poll(async () => (await served.call('jobs.list', {}))[0]?.state, { timeout: 30_000 })
      .toBe('succeeded')
    expect((await served.call('jobs.list', {}))[0]).toMatchObject({ state: 'succeeded', attempts: 1 })
  })

  it('runs a job that was running at shutdown again after the restart', async () => {
    const appRoot = appWith([], ['slow-step'])
    const home = tempDir('skilldock-jobs-home-')
    const first = worker(appRoot, home)
    const job = await first.t.call('jobs.enqueue', {
      skill: 'slow-step',
      tool: 'pause',
      arguments: { seconds: 4 },
    })
    const pass = first.timer.fire()
    await expect
      .poll(async () => (await first.t.call('jobs.list', {}))[0]?.state, { timeout: 20_000 })
      .toBe('running')
    await first.t.core.dispose()
    await pass

    const second = worker(appRoot, home)
    expect((await second.t.call('jobs.list', {}))[0]).toMatchObject({ id: job.id, state: 'pending' })
    await second.timer.fire()
    const jobs = await second.t.call('jobs.list', {})
    expect(jobs.find((j) => j.id === job.id)).toMatchObject({ state: 'succeeded', attempts: 2 })
  }, 60_000)

  it('runs each job and each schedule firing once when two processes share the data home', async () => {
    const appRoot = appWith(['text-stats'])
    const home = tempDir('skilldock-jobs-home-')
    const clock = new ManualClock()
    const app = worker(appRoot, home, clock)
    const serve = worker(appRoot, home, clock)
    const ids: string[] = []
    for (let i = 0; i < 4; i++) {
      const job = await app.t.call('jobs.enqueue', {
        skill: 'text-stats',
        tool: 'text_statistics',
        arguments: { text: `Job number ${i}.` },
      })
      ids.push(job.id)
    }
    await serve.t.call('schedules.add', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: 'Scheduled.' },
      every: '1h',
    })
    clock.advance(HOUR)
    await Promise.all([app.timer.fire(), serve.timer.fire(), app.timer.fire(), serve.timer.fire()])
    await Promise.all([app.timer.fire(), serve.timer.fire()])

    const jobs = await app.t.call('jobs.list', {})
    expect(jobs).toHaveLength(5)
    expect(jobs.map((j) => [j.state, j.attempts])).toEqual(Array(5).fill(['succeeded', 1]))
    expect(jobs.filter((j) => j.origin === 'schedule')).toHaveLength(1)
    const runs = (await serve.t.call('activity.list', { action: 'job.run' })).entries
    expect(runs).toHaveLength(5)
    expect(new Set(runs.map((e) => e.detail.job)).size).toBe(5)
  }, 120_000)

  it('leaves a job to its live worker and runs it again only once that worker’s lease has expired', async () => {
    const appRoot = appWith([], ['slow-step'])
    const home = tempDir('skilldock-jobs-home-')
    const clock = new ManualClock()
    const owner = worker(appRoot, home, clock)
    const job = await owner.t.call('jobs.enqueue', {
      skill: 'slow-step',
      tool: 'pause',
      arguments: { seconds: 10 },
    })
    const ownerPass = owner.timer.fire()
    const state = async (t = owner.t) => (await t.call('jobs.list', {})).find((j) => j.id === job.id)!
    await expect.poll(async () => (await state()).state, { timeout: 20_000 }).toBe('running')

    // A second process starts while the owner is alive: it leaves the running job alone…
    const other = worker(appRoot, home, clock)
    await other.timer.fire()
    expect(await state(other.t)).toMatchObject({ state: 'running', attempts: 1 })
    // …also past the first lease, because the owner renews it on each tick while the job runs.
    clock.advance(LEASE_MS - 1000)
    void owner.timer.fire()
    clock.advance(2000)
    await other.timer.fire()
    expect(await state(other.t)).toMatchObject({ state: 'running', attempts: 1 })

    // The owner stops renewing (its process hung or died) and the lease runs out: after a restart
    // the job runs again, once.
    clock.advance(LEASE_MS + 1000)
    const restarted = worker(appRoot, home, clock)
    expect(await state(restarted.t)).toMatchObject({ state: 'pending', attempts: 1 })
    await restarted.timer.fire()
    expect(await state(restarted.t)).toMatchObject({ state: 'succeeded', attempts: 2 })

    // The old owner's late answer does not overwrite the job or count as a second run.
    await ownerPass
    expect(await state(restarted.t)).toMatchObject({ state: 'succeeded', attempts: 2 })
    const runs = (await restarted.t.call('activity.list', { action: 'job.run' })).entries
    expect(runs.map((e) => e.outcome)).toEqual(['ok'])
  }, 120_000)
})
