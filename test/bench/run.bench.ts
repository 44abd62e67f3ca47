import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { it } from 'vitest'
import { ensureBuilt } from '../support/build'
import { measureCalls } from './calls'
import { measureCatalog, measureToolsList } from './catalog'
import { counts, type Figure, machine, now, round } from './measure'
import { type BenchReport, writeReport } from './report'
import { measureSources } from './sources'
import { measureColdStart, measureServe } from './startup'

/**
 * `npm run bench`: every figure next to its reference, measured in this one run. Not a test:
 * nothing here asserts a timing; a part that fails is reported as not measured.
 */
it('measures SkillDock against its goals', async () => {
  ensureBuilt()
  const started = now()
  const figures: Figure[] = []
  const failures: BenchReport['failures'] = []
  const temp: string[] = []
  const dir = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), `skilldock-bench-${prefix}-`))
    temp.push(d)
    return d
  }
  const parts: [string, () => Promise<Figure[]>][] = [
    ['tool-call overhead and concurrency', () => measureCalls(dir('calls'))],
    ['skill cold start', () => measureColdStart(dir('cold'))],
    ['catalog scale', () => measureCatalog(dir('catalog'), dir('catalog-app'))],
    ['tools/list', () => measureToolsList(dir('list'), dir('list-app'))],
    ['serve', () => measureServe(dir('serve'))],
    ['source sync', () => measureSources(dir)],
  ]
  // BENCH_ONLY=catalog,serve runs only the parts whose name contains one of the words.
  const only = (process.env.BENCH_ONLY ?? '').split(',').filter((w) => w.trim() !== '')
  const chosen =
    only.length === 0 ? parts : parts.filter(([group]) => only.some((w) => group.includes(w.trim())))
  try {
    for (const [group, run] of chosen) {
      const t = now()
      try {
        figures.push(...(await run()))
      } catch (err) {
        failures.push({ group, error: (err as Error).stack ?? String(err) })
      }
      process.stdout.write(`bench: ${group} took ${round((now() - t) / 1000, 1)} s\n`)
    }
  } finally {
    for (const d of temp) rmSync(d, { recursive: true, force: true })
  }
  const report: BenchReport = {
    machine: machine(),
    counts,
    figures,
    failures,
    totalSeconds: round((now() - started) / 1000, 1),
  }
  process.stdout.write(writeReport(join(__dirname, 'results'), report))
}, 1_800_000)
