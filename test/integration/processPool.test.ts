import { describe, expect, it, vi } from 'vitest'
import type { TestCore } from '../support/core'
import { poolBurst, poolProcesses } from '../support/pool'
import { alive, processesMentioning, resultText, runtimeCore } from '../support/runtimeCore'

const burst = (t: TestCore, n: number, seconds?: number) => poolBurst(t, 'pool', n, seconds)

describe('a skill that declares metadata.skilldock.processes gets a small pool', () => {
  it('spreads calls made at once over its declared processes, never more, and stops them all', async () => {
    const t = runtimeCore(['pool'])
    // One process at first; a call arriving while it is busy starts the second in the background.
    expect(new Set(await burst(t, 2)).size).toBe(1)
    await vi.waitFor(async () => expect(await poolProcesses(t, 'pool')).toBe(2), { timeout: 15_000 })
    const instances = new Set(await burst(t, 2))
    expect(instances.size).toBe(2)
    // Six at once still run on the same two processes (declared: 2).
    expect(new Set([...(await burst(t, 6, 0.1)), ...instances]).size).toBe(2)
    expect(await poolProcesses(t, 'pool')).toBe(2)
    const hostPids = processesMentioning(t.appRoot)
    expect(hostPids.length).toBeGreaterThanOrEqual(2)

    await t.call('runtime.stop', { name: 'pool' })
    for (const pid of hostPids) await vi.waitFor(() => expect(alive(pid)).toBe(false), { timeout: 10_000 })
    expect(await poolProcesses(t, 'pool')).toBe(0)
  })

  it('keeps answering from the other process when one of the pool crashes, and counts the crash', async () => {
    const t = runtimeCore(['pool'])
    await burst(t, 2)
    await vi.waitFor(async () => expect(await poolProcesses(t, 'pool')).toBe(2), { timeout: 15_000 })
    // The first call keeps the first process busy, so the second goes to the pool's other one.
    const [busy, crashed] = await Promise.all([
      t.call('runtime.call', { name: 'pool', tool: 'work', arguments: { seconds: 0.5 } }),
      t.raw('runtime.call', { name: 'pool', tool: 'crash', arguments: {} }),
    ])
    expect(crashed.ok ? null : crashed.error.code).toBe('SKILL_CRASHED')
    await vi.waitFor(async () => expect(await poolProcesses(t, 'pool')).toBe(1), { timeout: 10_000 })
    expect(await burst(t, 1)).toEqual([resultText(busy)])
    const [status] = await t.call('runtime.status', { name: 'pool' })
    expect([status?.state, status?.recentCrashes]).toEqual(['running', 1])
    await t.call('runtime.stop', { name: 'pool' })
  })

  it('a skill that declares nothing answers every call from one process', async () => {
    const t = runtimeCore(['echo'])
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        t.call('runtime.call', { name: 'echo', tool: 'slow_echo', arguments: { text: 'x', seconds: 0.2 } }),
      ),
    )
    expect(results.map(resultText)).toEqual(['x', 'x', 'x', 'x'])
    expect(await poolProcesses(t, 'echo')).toBe(1)
    await t.call('runtime.stop', { name: 'echo' })
  })
})
