import { spawnSync } from 'node:child_process'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { skilldock } from '../faults/support'
import { ensureBuilt, skilldockBin } from '../support/build'
import { makeCore, type TestCore } from '../support/core'
import { tempDir } from '../support/fs'
import { alive, processesMentioning, resultText } from '../support/runtimeCore'

const poolFixture = resolve(__dirname, '../fixtures/runtime/pool')

beforeAll(() => ensureBuilt(), 300_000)

/** A copy of the pool fixture (two processes declared) under another name and pool size. */
function poolSkill(name: string, processes: number): string {
  const dir = join(tempDir('skilldock-pool-'), name)
  cpSync(poolFixture, dir, { recursive: true })
  const manifest = join(dir, 'SKILL.md')
  writeFileSync(
    manifest,
    readFileSync(manifest, 'utf8')
      .replace('name: pool', `name: ${name}`)
      .replace('processes: 2', `processes: ${processes}`),
  )
  return dir
}

const burst = async (t: TestCore, skill: string, n: number): Promise<string[]> =>
  (
    await Promise.all(
      Array.from({ length: n }, () =>
        t.call('runtime.call', { name: skill, tool: 'work', arguments: { seconds: 0.3 } }),
      ),
    )
  ).map(resultText)

/**
 * A pool multiplies what a skill runs: a skill must not get more processes than the small declared
 * maximum, and none of them may outlive the person's decision to switch it off.
 */
describe('a skill that declares a process pool', () => {
  it('cannot ask for more than four processes: the add is refused and nothing is installed', () => {
    const home = tempDir('skilldock-pool-home-')
    const added = spawnSync(
      process.execPath,
      [skilldockBin, '--home', home, 'add', poolSkill('greedy', 64)],
      { encoding: 'utf8' },
    )
    expect(added.status).not.toBe(0)
    expect(added.stderr + added.stdout).toMatch(/processes must be a whole number from 1 to 4/)
    expect(skilldock(home, 'list', '--json')).not.toContain('greedy')
  })

  it('switched off by another process: every process of its pool stops', async () => {
    const t = makeCore({ watch: true, supervisor: { startupTimeoutMs: 20_000 } })
    await t.call('skills.add', { path: poolSkill('crowd', 2) })
    const pending = await t.call('approvals.list', { status: 'pending' })
    const request = pending.find((a) => a.skill === 'crowd')
    if (request) await t.call('approvals.decide', { id: request.id, approve: true, trust: 'monitored' })

    await burst(t, 'crowd', 2)
    const processes = async () => (await t.call('runtime.status', { name: 'crowd' }))[0]?.processes ?? 0
    await vi.waitFor(async () => expect(await processes()).toBe(2), { timeout: 20_000 })
    expect(new Set(await burst(t, 'crowd', 2)).size).toBe(2)
    const pids = processesMentioning(join(t.home, 'skills', 'crowd'))
    expect(pids.length).toBeGreaterThanOrEqual(2)

    expect(skilldock(t.home, 'disable', 'crowd')).toContain('disabled')

    for (const pid of pids) await vi.waitFor(() => expect(alive(pid)).toBe(false), { timeout: 20_000 })
    expect(await processes()).toBe(0)
    await t.core.dispose()
  })
})
