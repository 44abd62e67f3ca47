import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Figure } from './measure'

export interface BenchReport {
  machine: Record<string, string>
  counts: Record<string, number>
  figures: Figure[]
  failures: { group: string; error: string }[]
  totalSeconds: number
}

/** The report as a Markdown table, one row per figure with its reference and goal. */
export function markdown(report: BenchReport): string {
  const lines = [
    '# SkillDock benchmark',
    '',
    ...Object.entries(report.machine).map(([k, v]) => `- ${k}: ${v}`),
    `- counts: ${Object.entries(report.counts)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
    `- total time: ${report.totalSeconds} s`,
    '',
    '| group | figure | value | reference | goal |',
    '|---|---|---|---|---|',
    ...report.figures.map(
      (f) =>
        `| ${f.group} | ${f.name} | ${f.value} ${f.unit} | ${
          f.reference ? `${f.reference.value} ${f.unit} (${f.reference.name})` : '—'
        } | ${f.goal ? `${f.goal.met === undefined ? '' : f.goal.met ? '✓ ' : '✗ '}${f.goal.text}` : '—'}${f.note ? ` — ${f.note}` : ''} |`,
    ),
  ]
  if (report.failures.length > 0) {
    lines.push('', '## Not measured', '', ...report.failures.map((f) => `- ${f.group}: ${f.error}`))
  }
  lines.push(
    '',
    'Reproduce: `npm run bench` (counts can be lowered with BENCH_* variables, see test/bench/measure.ts).',
  )
  return `${lines.join('\n')}\n`
}

/** Writes `latest.json` and `latest.md`; with BENCH_BASELINE=1 also `baseline.md`. */
export function writeReport(dir: string, report: BenchReport): string {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`)
  const md = markdown(report)
  writeFileSync(join(dir, 'latest.md'), md)
  if (process.env.BENCH_BASELINE === '1') copyFileSync(join(dir, 'latest.md'), join(dir, 'baseline.md'))
  return md
}
