import { describe, expect, it } from 'vitest'
import type { ScanReport } from '../../../../../src-main/contract/models'
import { batchedScanner } from '../../../../../src-main/core/trust/scanner/batchedScan'

const report = (dir: string): ScanReport => ({
  risk: 'LOW',
  findings: [],
  status: 'complete',
  fingerprint: `sha256:${dir}`,
  scannedAt: '2026-01-01T00:00:00.000Z',
})

describe('batchedScanner', () => {
  it('scans folders asked for together in passes of at most 200, each caller getting its own report', async () => {
    const passes: string[][] = []
    const scan = batchedScanner(async (dirs) => {
      passes.push(dirs)
      return dirs.map(report)
    })
    const dirs = Array.from({ length: 450 }, (_, i) => `skill-${i}`)
    const reports = await Promise.all(dirs.map((d) => scan(d)))
    expect(passes.map((p) => p.length)).toEqual([200, 200, 50])
    expect(passes.flat()).toEqual(dirs)
    expect(reports.map((r) => r.fingerprint)).toEqual(dirs.map((d) => `sha256:${d}`))

    // A folder asked for alone is scanned alone.
    expect((await scan('lonely')).fingerprint).toBe('sha256:lonely')
    expect(passes.at(-1)).toEqual(['lonely'])
  })

  it('fails the callers of a failed pass only; later passes still run', async () => {
    let calls = 0
    const scan = batchedScanner(async (dirs) => {
      if (++calls === 1) throw new Error('analyser crashed')
      return dirs.map(report)
    })
    const results = await Promise.allSettled(Array.from({ length: 250 }, (_, i) => scan(`skill-${i}`)))
    expect(results.slice(0, 200).every((r) => r.status === 'rejected')).toBe(true)
    expect(results.slice(200).every((r) => r.status === 'fulfilled')).toBe(true)
  })
})
