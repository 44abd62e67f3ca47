import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { skilldock } from '../faults/support'
import { ensureBuilt } from '../support/build'
import { makeCore, type TestCore } from '../support/core'
import { tempDir } from '../support/fs'
import { alive, processesMentioning } from '../support/runtimeCore'

const poolFixture = resolve(__dirname, '../fixtures/runtime/pool')

beforeAll(() => ensureBuilt(), 300_000)

function poolSkill(name: string): string {
  const dir = join(tempDir('skilldock-pool-'), name)
  cpSync(poolFixture, dir, { recursive: true })
  const manifest = join(dir, 'SKILL.md')
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('name: pool', `name: ${name}`))
  return dir
}

const work = (t: TestCore, skill: string, seconds: number) =>
  t.call('runtime.call', { name: skill, tool: 'work', arguments: { seconds } })

/**
 * The attack: a pooled skill's first process is not running (it crashed once and waits out its
 * backoff, or it idled out before the pool's other process did) while a further process of its pool
 * still runs. The person switches the skill off from a terminal; the running `serve` must stop every
 * process of it, not only the ones it finds through the first process's state.
 */
describe('a pooled skill switched off by another process while its first process is down', () => {
  it('keeps none of its processes', { timeout: 120_000 }, async () => {
    const t = makeCore({ watch: true, supervisor: { startupTimeoutMs: 20_000, backoffBaseMs: 60_000 } })
    await t.call('skills.add', { path: poolSkill('lingers') })
    const pending = await t.call('approvals.list', { status: 'pending' })
    const request = pending.find((a) => a.skill === 'lingers')
    if (request) await t.call('approvals.decide', { id: request.id, approve: true, trust: 'monitored' })

    const processes = async () => (await t.call('runtime.status', { name: 'lingers' }))[0]?.processes ?? 0
    await Promise.all([work(t, 'lingers', 0.3), work(t, 'lingers', 0.3)])
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
