import { cpSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ToolCallResult } from '../../src-main/contract/models'
import { makeCore } from '../support/core'
import { tempDir } from '../support/fs'

const fixtures = resolve(__dirname, '../fixtures/runtime')
const text = (r: ToolCallResult) => r.content.map((c) => String(c.text ?? '')).join('')

/** Live processes whose command line mentions `needle`. */
function processesMentioning(needle: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)
      } catch {
        return false
      }
    })
    .map(Number)
}

describe('faulty skill processes never take the app down', () => {
  it('killed, hung, flooding and failing servers: the others keep answering, nothing is left after shutdown', async () => {
    const appRoot = tempDir('skilldock-faults-')
    for (const name of ['echo', 'hang', 'stderr-flood', 'exits-at-start']) {
      cpSync(join(fixtures, name), join(appRoot, 'skills', name), { recursive: true })
    }
    const t = makeCore({ appRoot, supervisor: { backoffBaseMs: 50 } })
    await t.call('runtime.start', { name: 'echo' })
    await t.call('runtime.start', { name: 'stderr-flood' })

    // Everything goes wrong at once, while echo keeps being called.
    const chaos = Promise.allSettled([
      t.call('runtime.call', { name: 'hang', tool: 'hang' }),
      t.call('runtime.call', { name: 'stderr-flood', tool: 'flood', arguments: { megabytes: 30 } }),
      t.call('runtime.call', { name: 'exits-at-start', tool: 'echo', arguments: { text: 'x' } }),
      t.call('runtime.call', { name: 'echo', tool: 'crash' }),
    ])
    const [victim] = await t.call('runtime.status', { name: 'stderr-flood' })
    process.kill(victim!.pid!, 'SIGKILL')
    const answers: string[] = []
    for (let i = 0; i < 10; i++) {
      const r = await t.raw('runtime.call', {
        name: 'echo',
        tool: 'echo',
        arguments: { text: `still here ${i}` },
      })
      if (r.ok) answers.push(text(r.data as ToolCallResult))
    }
    const outcomes = await chaos
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', expect.any(String), 'rejected', 'rejected'])
    // The crash of echo itself costs at most the calls in flight at that moment; it restarts.
    expect(answers.length).toBeGreaterThanOrEqual(8)
    expect(
      text(await t.call('runtime.call', { name: 'echo', tool: 'echo', arguments: { text: 'after' } })),
    ).toBe('after')
    expect(processesMentioning(appRoot).length).toBeGreaterThan(0)

    await t.core.dispose()
    expect(processesMentioning(appRoot)).toEqual([])
  }, 60_000)
})
