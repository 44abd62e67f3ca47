import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TokenBudget } from '../../../../src-main/core/generator/budget'
import { tempDir } from '../../../support/fs'

/** A clock the test moves by hand. */
function clockAt(iso: string) {
  let now = new Date(iso)
  return { now: () => now, set: (next: string) => void (now = new Date(next)) }
}

describe('TokenBudget', () => {
  it('counts today and this month across requests, and remembers the last request', () => {
    const file = join(tempDir(), 'llm-usage.json')
    const clock = clockAt('2026-03-30T12:00:00')
    new TokenBudget(file, clock, 10_000, 50_000, 100_000, 'routing request').record(700)
    const second = new TokenBudget(file, clock, 10_000, 50_000, 100_000)
    second.record(300)
    second.record(200)
    expect(second.report()).toEqual({
      perRequest: 10_000,
      daily: 50_000,
      monthly: 100_000,
      usedToday: 1200,
      usedThisMonth: 1200,
      last: { tokens: 500, at: clock.now().toISOString(), purpose: 'generation' },
    })
    clock.set('2026-03-31T09:00:00')
    expect(second.usedToday()).toBe(0)
    expect(second.usedThisMonth()).toBe(1200)
    clock.set('2026-04-01T09:00:00')
    expect(second.usedThisMonth()).toBe(0)
  })

  it('refuses the next turn once the monthly budget is spent, naming the setting to raise', () => {
    const file = join(tempDir(), 'llm-usage.json')
    const clock = clockAt('2026-03-02T12:00:00')
    const early = new TokenBudget(file, clock, 100_000, 5_000, 6_000)
    early.record(4_000)
    clock.set('2026-03-03T12:00:00')
    const later = new TokenBudget(file, clock, 100_000, 5_000, 6_000)
    expect(later.allowance()).toBe(2_000)
    later.record(2_000)
    expect(() => new TokenBudget(file, clock, 100_000, 5_000, 6_000).allowance()).toThrow(
      /monthly model budget of 6000 tokens is spent.*--monthly-budget/,
    )
  })

  it('reads a usage file written before monthly budgets', () => {
    const file = join(tempDir(), 'llm-usage.json')
    writeFileSync(file, JSON.stringify({ day: '2026-03-02', tokens: 900 }))
    const budget = new TokenBudget(file, clockAt('2026-03-02T12:00:00'), 10_000, 50_000, 100_000)
    expect(budget.report()).toMatchObject({ usedToday: 900, usedThisMonth: 900, last: null })
  })
})
