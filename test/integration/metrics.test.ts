import { cpSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeCore } from '../support/core'
import { tempDir } from '../support/fs'

const root = join(__dirname, '..', '..')

describe('call metrics', () => {
  it('count every call of a trusted bundled skill, which keeps no per-call audit line', async () => {
    const appRoot = tempDir('skilldock-metrics-')
    cpSync(join(root, 'skills', 'unit-converter'), join(appRoot, 'skills', 'unit-converter'), {
      recursive: true,
      filter: (src) => !src.includes('__pycache__'),
    })
    const t = makeCore({ appRoot, supervisor: { startupTimeoutMs: 20_000 } })
    const convert = (value: unknown) =>
      t.raw('runtime.call', {
        name: 'unit-converter',
        tool: 'convert',
        arguments: { value, from_unit: 'km', to_unit: 'mi' },
      })
    expect((await convert(10)).ok).toBe(true)
    expect((await convert(20)).ok).toBe(true)
    // A call the tool rejects is still a call, and an error.
    const bad = await t.raw('runtime.call', {
      name: 'unit-converter',
      tool: 'convert',
      arguments: { value: 1, from_unit: 'km', to_unit: 'kg' },
    })
    expect(bad.ok && (bad.data as { isError?: boolean }).isError).toBe(true)

    const [metrics] = await t.call('metrics.tools', { skill: 'unit-converter' })
    expect(metrics).toMatchObject({ skill: 'unit-converter', tool: 'convert', calls: 3, errors: 1 })
    expect(metrics?.p50Ms).toBeGreaterThanOrEqual(0)
    expect(metrics?.lastUsedAt).not.toBeNull()
    const series = await t.call('metrics.series', { skill: 'unit-converter', hours: 1, buckets: 4 })
    expect(series.points.reduce((n, p) => n + p.calls, 0)).toBe(3)
    // Trusted: no call lines in the audit log.
    const audit = await t.call('activity.list', { skill: 'unit-converter', action: 'tool.call' })
    expect(audit.entries).toEqual([])
  }, 60_000)
})
