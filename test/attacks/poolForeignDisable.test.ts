import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { skilldock } from '../faults/support'
import { ensureBuilt } from '../support/build'
import { makeCore } from '../support/core'
import { addApproved, poolBurst, poolProcesses, poolSkill } from '../support/pool'
import { alive, processesMentioning } from '../support/runtimeCore'

beforeAll(() => ensureBuilt(), 300_000)

/**
 * The attack: a pooled skill's first process is not running (it crashed once and waits out its
 * backoff, or it idled out before the pool's other process did) while a further process of its pool
 * still runs. The person switches the skill off from a terminal; the running `serve` must stop every
 * process of it, not only the ones it finds through the first process's state.
 */
describe('a pooled skill switched off by another process while its first process is down', () => {
  it('keeps none of its processes', { timeout: 120_000 }, async () => {
    const t = makeCore({ watch: true, supervisor: { startupTimeoutMs: 20_000, backoffBaseMs: 60_000 } })
    await addApproved(t, poolSkill('lingers'), 'lingers')

    const processes = () => poolProcesses(t, 'lingers')
    await poolBurst(t, 'lingers', 2)
    await vi.waitFor(async () => expect(await processes()).toBe(2), { timeout: 20_000 })
    const pids = processesMentioning(join(t.home, 'skills', 'lingers'))
    expect(pids.length).toBeGreaterThanOrEqual(2)

    // Nothing in flight: the call goes to the first process, which exits mid-call (one crash, no loop).
    const crashed = await t.raw('runtime.call', { name: 'lingers', tool: 'crash', arguments: {} })
    expect(crashed.ok ? null : crashed.error.code).toBe('SKILL_CRASHED')
    await vi.waitFor(async () => expect(await processes()).toBe(1), { timeout: 10_000 })

    expect(skilldock(t.home, 'disable', 'lingers')).toContain('disabled')

    // The state watch looks once a second; give it ten.
    for (const pid of pids) await vi.waitFor(() => expect(alive(pid)).toBe(false), { timeout: 10_000 })
    expect(await processes()).toBe(0)
    await t.core.dispose()
  })
})
