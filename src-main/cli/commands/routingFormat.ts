import type { ToolMetrics } from '../../contract/activity'
import type { ToolCallResult } from '../../contract/models'
import type { GoldenCase, GoldenReport, RoutePlan, RouteRun, RouteTraceStep } from '../../contract/routing'
import { GoldenCase as GoldenCaseSchema } from '../../contract/routing'
import { readJsonFile } from './jsonArgs'
import { table } from '../format'

/** The text blocks of a tool result (structured content as JSON when there are none). */
export function resultText(result: ToolCallResult): string {
  const text = result.content
    .filter((block) => block.type === 'text')
    .map((block) => String(block.text))
    .join('\n')
  return text !== '' || !result.structuredContent ? text : JSON.stringify(result.structuredContent)
}

export const target = (skill: string, tool: string | null) => (tool ? `${skill}/${tool}` : skill)

/** The plan as a person reads it. */
export function formatPlan(plan: RoutePlan): string {
  const lines = [`plan (${plan.mode}${plan.model ? `, model ${plan.model}` : ', offline'}):`]
  for (const [i, step] of plan.steps.entries()) {
    lines.push(`  ${i + 1}. ${target(step.skill, step.tool)}  score ${step.score} (${step.source})`)
    if (plan.steps.length > 1) lines.push(`     part: ${step.query}`)
    if (step.tool === null)
      lines.push('     no tools: guidance for an agent (`skilldock show ' + step.skill + '`)')
    else lines.push(`     arguments: ${JSON.stringify(step.arguments)}`)
    if (step.piped) lines.push(`     ${step.piped} ← the output of step ${i}`)
    if (step.missing.length > 0)
      lines.push(`     missing: ${step.missing.join(', ')} (give them with --args)`)
    lines.push(`     why: ${step.reasons.join('; ')}`)
    if (step.alternatives.length > 0) {
      lines.push(
        `     also: ${step.alternatives.map((a) => `${target(a.skill, a.tool)} ${a.score}`).join(', ')}`,
      )
    }
  }
  return lines.join('\n')
}

function formatTrace(trace: RouteTraceStep[]): string {
  return [
    'trace:',
    ...trace.map(
      (t) =>
        `  ${t.index + 1}. ${target(t.skill, t.tool)}  ${t.durationMs} ms  ${t.outcome}${t.error ? `: ${t.error.split('\n')[0]}` : ''}`,
    ),
  ].join('\n')
}

export function formatRun(run: RouteRun, trace: boolean): string {
  const parts = [formatPlan(run.plan)]
  if (trace) parts.push(formatTrace(run.trace))
  if (run.plan.mode === 'parallel') {
    for (const t of run.trace) {
      parts.push(
        `── ${t.index + 1}. ${target(t.skill, t.tool)}\n${t.result ? resultText(t.result) : (t.error ?? '')}`,
      )
    }
  } else if (run.result && !run.result.isError) {
    parts.push(resultText(run.result))
  }
  return parts.join('\n\n')
}

export function readGolden(file: string): GoldenCase[] {
  return readJsonFile(file, GoldenCaseSchema.array().min(1), {
    unreadable: (why) =>
      `Cannot read ${file} as JSON (${why}); it must be an array of {"query", "expected"}.`,
    invalid: (problem) =>
      `${file} is not a golden file: ${problem}. Expected [{"query": "…", "expected": "<skill>", "<skill>/<tool>" or null for a query no skill serves}].`,
  })
}

export function formatGolden(report: GoldenReport): string {
  const misses = report.results.filter((r) => !r.hit)
  const pct = (n: number) => `${(n * 100).toFixed(1)}%`
  const lines = [
    `hit rate ${pct(report.hitRate)} (${report.hits} of ${report.total} queries routed as expected)`,
    `precision ${pct(report.precision)} (answers that named a skill and were right)`,
    `recall ${pct(report.recall)} (queries a skill serves that reached it)`,
    `no-match threshold: confidence ${report.threshold}`,
  ]
  // Queries for a skill that cannot run here stay misses (the file is not rewritten per machine); say how many.
  const unusable = report.results.filter((r) => !r.hit && r.note !== null).length
  if (unusable > 0) {
    lines.push(
      `${unusable} of the misses expect a skill that is not usable here (see the notes below); they count against recall`,
    )
  }
  if (misses.length > 0) {
    lines.push('', 'misses:')
    lines.push(
      table(
        misses.map((m) => [
          m.query,
          `expected ${m.expected ?? 'no match'}`,
          `got ${m.got ?? 'nothing'}${m.note ? ` (${m.note})` : ''}`,
        ]),
      ),
    )
  }
  return lines.join('\n')
}

export function formatMetrics(rows: ToolMetrics[], skill?: string): string {
  // With --skill, "no calls yet" for every skill would hide a mistyped name.
  if (rows.length === 0)
    return skill
      ? `No calls of ${skill} recorded yet (\`skilldock list\` shows the skills' names).`
      : 'No tool calls recorded yet.'
  const ms = (n: number | null) => (n === null ? '-' : `${Math.round(n)} ms`)
  return table([
    ['skill', 'tool', 'calls', 'errors', 'p50', 'p95', 'last used'],
    ...rows.map((r) => [
      r.skill,
      r.tool,
      String(r.calls),
      String(r.errors),
      ms(r.p50Ms),
      ms(r.p95Ms),
      r.lastUsedAt ?? '-',
    ]),
  ])
}
