import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { skilldock } from '../faults/support'
import { ensureBuilt, skilldockBin } from '../support/build'
import { makeCore } from '../support/core'
import { tempDir } from '../support/fs'
import { addApproved, poolBurst, poolProcesses, poolSkill } from '../support/pool'
import { alive, processesMentioning } from '../support/runtimeCore'

beforeAll(() => ensureBuilt(), 300_000)

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
    await addApproved(t, poolSkill('crowd', 2), 'crowd')

    await poolBurst(t, 'crowd', 2)
    const processes = () => poolProcesses(t, 'crowd')
    await vi.waitFor(async () => expect(await processes()).toBe(2), { timeout: 20_000 })
    expect(new Set(await poolBurst(t, 'crowd', 2)).size).toBe(2)
    const pids = processesMentioning(join(t.home, 'skills', 'crowd'))
    expect(pids.length).toBeGreaterThanOrEqual(2)

    expect(skilldock(t.home, 'disable', 'crowd')).toContain('disabled')

    for (const pid of pids) await vi.waitFor(() => expect(alive(pid)).toBe(false), { timeout: 20_000 })
    // The status counts a process until its exit has been handled, a moment after it died.
    await vi.waitFor(async () => expect(await processes()).toBe(0), { timeout: 5_000 })
    await t.core.dispose()
  })
})
