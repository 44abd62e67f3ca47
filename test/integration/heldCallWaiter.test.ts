import { spawn } from 'node:child_process'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { ensureBuilt, skilldockBin } from '../support/build'
import { cli } from '../support/cli'
import { tempDir } from '../support/fs'

type Held = { id: string; tool: string; status: string }

describe('a held call whose waiting process died', () => {
  beforeAll(() => ensureBuilt(), 300_000)

  it('cannot be approved into nothing: approving says the waiter is gone and marks it expired', async () => {
    const home = tempDir('skilldock-waiter-')
    const run = (...args: string[]) => cli(['--home', home, ...args])
    expect(
      (await run('policy', 'add', 'unit-converter/convert', '--requires-approval', '--timeout', '5m')).code,
    ).toBe(0)

    // A separate `skilldock run --execute` process holds the call, then dies without a chance to clean up.
    const waiter = spawn(
      process.execPath,
      [skilldockBin, '--home', home, 'run', 'convert 10 km to miles', '--execute'],
      { stdio: 'ignore' },
    )
    const held = await vi.waitFor(
      async () => {
        const found = ((await run('--json', 'calls', 'list')).json() as Held[]).find(
          (c) => c.status === 'pending',
        )
        if (!found) throw new Error('not held yet')
        return found
      },
      { timeout: 30_000, interval: 200 },
    )
    const exited = new Promise((r) => waiter.once('exit', r))
    waiter.kill('SIGKILL')
    await exited

    const approved = await run('calls', 'approve', held.id.slice(0, 8))
    expect(approved.code).toBe(1)
    expect(approved.stderr).toContain('has stopped, so approving it would run nothing')
    const after = (await run('--json', 'calls', 'list')).json() as Held[]
    expect(after.find((c) => c.id === held.id)?.status).toBe('expired')
  }, 120_000)
})

describe('call policy ids', () => {
  it('are never reused after a removal', async () => {
    const home = tempDir('skilldock-policy-ids-')
    const run = (...args: string[]) => cli(['--home', home, ...args])
    const add = async (target: string) =>
      ((await run('--json', 'policy', 'add', target, '--dry-run')).json() as { id: number }).id
    const first = await add('a/*')
    const second = await add('b/*')
    expect((await run('policy', 'remove', String(second))).code).toBe(0)
    const third = await add('c/*')
    expect(third).toBeGreaterThan(second)
    expect([first, second, third]).toEqual([...new Set([first, second, third])])
    // The removed id stays unknown: removing it again does not hit the new policy.
    expect((await run('policy', 'remove', String(second))).code).toBe(1)
    expect(((await run('--json', 'policy', 'list')).json() as { id: number }[]).map((p) => p.id)).toEqual([
      first,
      third,
    ])
  })
})
