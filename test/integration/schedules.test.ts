import { describe, expect, it } from 'vitest'
import { appWith, ManualClock } from '../support/automation'
import { tempDir } from '../support/fs'
import { worker, HOUR } from './jobsSupport'

describe('schedules', () => {
  it('fires an interval schedule when the injected clock reaches it, with the firing in the activity log', async () => {
    const { t, clock, timer } = worker()
    const schedule = await t.call('schedules.add', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: 'One two three. Four five.' },
      every: '1h',
    })
    expect(schedule.nextRunAt).toBe(new Date(clock.now().getTime() + HOUR).toISOString())
    await timer.fire()
    expect(await t.call('jobs.list', {})).toEqual([])

    clock.advance(HOUR)
    await timer.fire()
    const [job] = await t.call('jobs.list', {})
    expect(job).toMatchObject({
      origin: 'schedule',
      scheduleId: schedule.id,
      state: 'succeeded',
      attempts: 1,
    })
    expect(job?.result?.structuredContent).toMatchObject({ words: 5, sentences: 2 })
    const [listed] = await t.call('schedules.list', {})
    expect(listed?.lastRunAt).toBe(clock.now().toISOString())
    expect(listed?.nextRunAt).toBe(new Date(clock.now().getTime() + HOUR).toISOString())
    const history = (await t.call('activity.list', { skill: 'text-stats' })).entries.map((e) => [
      e.action,
      e.outcome,
    ])
    expect(history).toEqual(
      expect.arrayContaining([
        ['schedule.fire', 'ok'],
        ['job.run', 'ok'],
      ]),
    )

    // A one-off schedule fires once and is then done; a removed schedule never fires.
    const once = await t.call('schedules.add', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: 'Once.' },
      at: new Date(clock.now().getTime() + 60_000).toISOString(),
    })
    await t.call('schedules.remove', { id: schedule.id })
    clock.advance(HOUR)
    await timer.fire()
    clock.advance(HOUR)
    await timer.fire()
    const jobs = await t.call('jobs.list', {})
    expect(jobs.filter((j) => j.scheduleId === once.id)).toHaveLength(1)
    expect(jobs.filter((j) => j.scheduleId === schedule.id)).toHaveLength(1)
    expect((await t.call('schedules.list', {})).map((s) => [s.id, s.nextRunAt])).toEqual([[once.id, null]])
  })

  it('refuses schedules it cannot run', async () => {
    const { t } = worker()
    const bad = [
      { skill: 'text-stats', tool: 'top_words', every: '5 parsecs' },
      { skill: 'text-stats', tool: 'top_words', every: '1s' },
      { skill: 'text-stats', tool: 'top_words', at: 'tomorrow' },
      { skill: 'text-stats', tool: 'top_words', at: '2001-01-01T00:00:00Z' },
      { skill: 'text-stats', tool: 'top_words', every: '1h', at: '2031-01-01T00:00:00Z' },
    ]
    for (const input of bad) {
      expect(await t.raw('schedules.add', input)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
    expect(await t.raw('schedules.add', { skill: 'nope', tool: 'x', every: '1h' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    // A tool the skill does not have would fail at every firing: refused when added, naming the real ones.
    const unknownTool = await t.raw('schedules.add', { skill: 'text-stats', tool: 'nosuch', every: '1h' })
    expect(unknownTool).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(JSON.stringify(unknownTool)).toContain('text-stats has no tool \\"nosuch\\"; its tools: ')
    expect(await t.raw('jobs.enqueue', { skill: 'text-stats', tool: 'nosuch' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await t.call('schedules.list', {})).toEqual([])
    expect(await t.call('jobs.list', {})).toEqual([])
  })

  it('fires a schedule that missed runs while SkillDock was down once, then keeps its interval', async () => {
    const appRoot = appWith(['text-stats'])
    const home = tempDir('skilldock-jobs-home-')
    const clock = new ManualClock()
    const before = worker(appRoot, home, clock)
    const schedule = await before.t.call('schedules.add', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: 'Missed runs.' },
      every: '1h',
    })
    expect((await before.t.call('schedules.list', {}))[0]).toMatchObject({
      lastRunAt: null,
      lastOutcome: null,
    })
    await before.t.core.dispose()

    // Down for five and a half hours: five runs were missed.
    clock.advance(5.5 * HOUR)
    const after = worker(appRoot, home, clock)
    await after.timer.fire()
    await after.timer.fire()
    expect(await after.t.call('jobs.list', {})).toHaveLength(1)
    const [listed] = await after.t.call('schedules.list', {})
    expect(listed).toMatchObject({
      id: schedule.id,
      lastRunAt: clock.now().toISOString(),
      nextRunAt: new Date(clock.now().getTime() + HOUR).toISOString(),
      lastOutcome: { state: 'succeeded', error: null },
    })
    expect(listed?.lastOutcome?.jobId).toBe((await after.t.call('jobs.list', {}))[0]?.id)

    clock.advance(HOUR)
    await after.timer.fire()
    expect(await after.t.call('jobs.list', {})).toHaveLength(2)
  })

  it('shows a schedule whose job failed with the error as its last outcome', async () => {
    const { t, clock, timer } = worker()
    await t.call('schedules.add', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: '   ' },
      every: '1h',
    })
    clock.advance(HOUR)
    await timer.fire()
    const [listed] = await t.call('schedules.list', {})
    expect(listed?.lastOutcome).toMatchObject({ state: 'pending' })
    expect(listed?.lastOutcome?.error).toContain('text is empty')
  })
})
