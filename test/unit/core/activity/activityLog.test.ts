import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { ActivityLog, percentile } from '../../../../src-main/core/activity/activityLog'
import { AuditRepository } from '../../../../src-main/core/storage/auditRepository'
import { CallLog } from '../../../../src-main/core/storage/callLog'
import { type Db, openDatabase } from '../../../../src-main/core/storage/database'
import { tempDir } from '../../../support/fs'

const NOW = new Date('2026-11-21T12:00:00.000Z')
const clock = { now: () => NOW }
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString()

describe('ActivityLog', () => {
  let db: Db
  let audit: AuditRepository
  let log: ActivityLog
  let calls: CallLog
  const call = (skill: string, tool: string, outcome: string, durationMs: number, at: string) => {
    // The runtime writes both: a metrics row for every call, an audit line for skills that are not trusted.
    calls.record(
      {
        skill,
        tool,
        client: 'cursor',
        outcome,
        durationMs: outcome === 'ok' || outcome === 'error' || outcome === 'timeout' ? durationMs : null,
      },
      at,
    )
    audit.append(
      {
        actor: 'cursor',
        action: 'tool.call',
        skillName: skill,
        client: 'cursor',
        outcome,
        detail: { tool, durationMs },
      },
      at,
    )
  }

  beforeEach(() => {
    db = openDatabase({ file: join(tempDir(), 'skilldock.db') })
    audit = new AuditRepository(db)
    calls = new CallLog(db)
    log = new ActivityLog(db, clock)
  })

  it('filters the audit log by skill, client, outcome, action prefix and time, newest first', () => {
    call('text-stats', 'count_words', 'ok', 12, minutesAgo(30))
    call('text-stats', 'count_words', 'error', 40, minutesAgo(20))
    call('unit-converter', 'convert', 'ok', 8, minutesAgo(10))
    audit.append(
      { actor: 'user', action: 'skill.approve', skillName: 'text-stats', outcome: 'ok' },
      minutesAgo(5),
    )

    expect(log.list({ skill: 'text-stats' }).entries.map((e) => e.action)).toEqual([
      'skill.approve',
      'tool.call',
      'tool.call',
    ])
    expect(log.list({ outcome: 'error' }).entries).toHaveLength(1)
    expect(log.list({ action: 'skill.' }).entries.map((e) => e.skill)).toEqual(['text-stats'])
    expect(
      log.list({ action: 'tool.call', client: 'cursor', since: minutesAgo(25) }).entries.map((e) => e.skill),
    ).toEqual(['unit-converter', 'text-stats'])
    expect(log.list({ until: minutesAgo(25) }).entries).toHaveLength(1)
    expect(log.list({ action: 'tool.call' }).entries[0]?.detail).toEqual({ tool: 'convert', durationMs: 8 })
  })

  it('pages backwards with nextBefore until the end', () => {
    for (let i = 0; i < 5; i++) call('text-stats', 'count_words', 'ok', i, minutesAgo(50 - i))
    const first = log.list({ limit: 2 })
    expect(first.entries.map((e) => e.detail.durationMs)).toEqual([4, 3])
    const second = log.list({ limit: 2, before: first.nextBefore ?? undefined })
    expect(second.entries.map((e) => e.detail.durationMs)).toEqual([2, 1])
    const last = log.list({ limit: 2, before: second.nextBefore ?? undefined })
    expect(last.entries.map((e) => e.detail.durationMs)).toEqual([0])
    expect(last.nextBefore).toBeNull()
  })

  it('takes a % or _ in an action prefix literally', () => {
    audit.append({ actor: 'user', action: 'skill_x.approve' }, minutesAgo(1))
    expect(log.list({ action: 'skill%.' }).entries).toHaveLength(0)
  })

  it('reports calls, errors, p50/p95 and last use per skill and tool, busiest first', () => {
    for (let i = 1; i <= 20; i++)
      call('text-stats', 'count_words', i % 10 === 0 ? 'timeout' : 'ok', i, minutesAgo(60 - i))
    call('unit-converter', 'convert', 'ok', 5, minutesAgo(3))
    const metrics = log.tools({})
    expect(metrics).toEqual([
      {
        skill: 'text-stats',
        tool: 'count_words',
        calls: 20,
        errors: 2,
        p50Ms: 10,
        p95Ms: 19,
        lastUsedAt: minutesAgo(40),
      },
      {
        skill: 'unit-converter',
        tool: 'convert',
        calls: 1,
        errors: 0,
        p50Ms: 5,
        p95Ms: 5,
        lastUsedAt: minutesAgo(3),
      },
    ])
    expect(log.tools({ skill: 'unit-converter' })).toHaveLength(1)
    // Held-and-denied, rate-limited and dry-run calls: errors (not dry runs) without a latency.
    call('unit-converter', 'convert', 'denied', 0, minutesAgo(2))
    call('unit-converter', 'convert', 'rate_limited', 0, minutesAgo(2))
    call('unit-converter', 'convert', 'dry_run', 0, minutesAgo(1))
    expect(log.tools({ skill: 'unit-converter' })).toEqual([
      {
        skill: 'unit-converter',
        tool: 'convert',
        calls: 3,
        errors: 2,
        p50Ms: 5,
        p95Ms: 5,
        lastUsedAt: minutesAgo(2),
      },
    ])
    expect(log.tools({ since: minutesAgo(30) }).map((m) => m.skill)).toEqual(['unit-converter'])
  })

  it('buckets a skill’s calls over time, oldest first, with empty buckets kept', () => {
    call('text-stats', 'count_words', 'ok', 10, minutesAgo(170))
    call('text-stats', 'count_words', 'error', 30, minutesAgo(50))
    call('text-stats', 'count_words', 'ok', 20, minutesAgo(40))
    call('text-stats', 'other', 'ok', 99, minutesAgo(40))
    call('text-stats', 'count_words', 'ok', 1, minutesAgo(500)) // outside the window
    const { bucketMinutes, points } = log.series({
      skill: 'text-stats',
      tool: 'count_words',
      hours: 3,
      buckets: 3,
    })
    expect(bucketMinutes).toBe(60)
    expect(points).toEqual([
      { start: minutesAgo(180), calls: 1, errors: 0, p50Ms: 10 },
      { start: minutesAgo(120), calls: 0, errors: 0, p50Ms: null },
      { start: minutesAgo(60), calls: 2, errors: 1, p50Ms: 20 },
    ])
  })

  it('nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeNull()
    expect(percentile([7], 95)).toBe(7)
    expect(percentile([1, 2, 3, 4], 50)).toBe(2)
    expect(percentile([1, 2, 3, 4], 95)).toBe(4)
  })

  it('counts calls that have no audit line (trusted skills) and prunes rows past the retention', () => {
    calls.record(
      { skill: 'text-stats', tool: 'count_words', client: 'user', outcome: 'ok', durationMs: 3 },
      minutesAgo(1),
    )
    calls.record(
      { skill: 'text-stats', tool: 'count_words', client: 'user', outcome: 'ok', durationMs: 9 },
      minutesAgo(91 * 24 * 60),
    )
    expect(log.list({}).entries).toHaveLength(0)
    expect(log.tools({})[0]).toMatchObject({ calls: 2, p95Ms: 9 })
    expect(calls.prune(NOW)).toBe(1)
    expect(log.tools({})[0]).toMatchObject({ calls: 1, p50Ms: 3, p95Ms: 3 })
  })
})
