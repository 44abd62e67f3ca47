import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { Option } from 'commander'
import type { ToolMetrics } from '../../contract/activity'
import type { ToolCallResult } from '../../contract/models'
import type { GoldenCase, GoldenReport, RoutePlan, RouteRun, RouteTraceStep } from '../../contract/routing'
import { GoldenCase as GoldenCaseSchema } from '../../contract/routing'
import { type CliContext, CommandError, ExitCode } from '../context'
import { table } from '../format'
import { announceHeldCalls } from './policies'

function usage(command: Command, message: string): never {
  command.error(`error: ${message}`, { exitCode: 2, code: 'skilldock.usage' })
}

function parseArgs(command: Command, text: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    usage(command, `--args is not valid JSON: ${(err as Error).message}`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    usage(command, '--args must be a JSON object, e.g. --args \'{"path":"/tmp/data.csv"}\'')
  }
  return parsed as Record<string, unknown>
}

/** The text blocks of a tool result (structured content as JSON when there are none). */
function resultText(result: ToolCallResult): string {
  const text = result.content
    .filter((block) => block.type === 'text')
    .map((block) => String(block.text))
    .join('\n')
  return text !== '' || !result.structuredContent ? text : JSON.stringify(result.structuredContent)
}

const target = (skill: string, tool: string | null) => (tool ? `${skill}/${tool}` : skill)

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

function formatRun(run: RouteRun, trace: boolean): string {
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

function readGolden(file: string): GoldenCase[] {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new CommandError({
      code: 'INVALID_INPUT',
      message: `Cannot read ${file} as JSON (${(err as Error).message}); it must be an array of {"query", "expected"}.`,
    })
  }
  const parsed = GoldenCaseSchema.array().min(1).safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new CommandError({
      code: 'INVALID_INPUT',
      message: `${file} is not a golden file: ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'}. Expected [{"query": "…", "expected": "<skill>" or "<skill>/<tool>"}].`,
    })
  }
  return parsed.data
}

function formatGolden(report: GoldenReport): string {
  const misses = report.results.filter((r) => !r.hit)
  const lines = [
    `hit rate ${(report.hitRate * 100).toFixed(1)}% (${report.hits} of ${report.total} queries routed as expected)`,
  ]
  if (misses.length > 0) {
    lines.push('', 'misses:')
    lines.push(
      table(
        misses.map((m) => [
          m.query,
          `expected ${m.expected}`,
          `got ${m.got ?? 'nothing'}${m.note ? ` (${m.note})` : ''}`,
        ]),
      ),
    )
  }
  return lines.join('\n')
}

function formatMetrics(rows: ToolMetrics[]): string {
  if (rows.length === 0) return 'No tool calls recorded yet.'
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

/** run, feedback, metrics: routing plain-language queries to skills and measuring it. */
export function registerRoutingCommands(program: Command, ctx: CliContext): void {
  program
    .command('run')
    .description('find the best skill and tool for a plain-language query; --execute runs it')
    .argument('<query>')
    .option('--execute', 'run the plan through the call pipeline (policies apply)')
    .addOption(
      new Option('--mode <mode>', 'how the query is split').choices(['single', 'pipeline', 'parallel']),
    )
    .option('--tag <tag>', 'only skills with this tag (repeatable)', (v: string, acc: string[] = []) => [
      ...acc,
      v,
    ])
    .option('--trace', "with --execute: print each step's skill, tool, duration and outcome")
    .option('--offline', 'never ask the model, even when a provider is configured')
    .option('--args <json>', 'arguments that override what routing worked out, as a JSON object')
    .action(async function (
      this: Command,
      query: string,
      opts: {
        execute?: boolean
        mode?: 'single' | 'pipeline' | 'parallel'
        tag?: string[]
        trace?: boolean
        offline?: boolean
        args?: string
      },
    ) {
      if (opts.trace && !opts.execute)
        usage(this, '--trace needs --execute (a plan that did not run has nothing to trace)')
      const input = {
        query,
        ...(opts.mode ? { mode: opts.mode } : {}),
        ...(opts.tag ? { tags: opts.tag } : {}),
        ...(opts.offline ? { offline: true } : {}),
        ...(opts.args !== undefined ? { arguments: parseArgs(this, opts.args) } : {}),
      }
      if (!opts.execute) {
        const plan = await ctx.call('route.plan', input)
        ctx.output(plan, () => `${formatPlan(plan)}\n\nNothing ran; add --execute to run it.`)
        return
      }
      const quiet = announceHeldCalls(ctx)
      const run = await ctx.call('route.run', input).finally(quiet)
      ctx.output(run, () => formatRun(run, opts.trace === true))
      if (!run.ok) {
        if (!ctx.json) {
          const failed = run.trace.find((t) => t.outcome === 'error')
          ctx.io.stderr(`error: ${failed?.error ?? 'a step failed'}\n`)
        }
        throw new ExitCode(1)
      }
    })

  const feedback = program
    .command('feedback')
    .description('record a routing correction: this query belongs to that skill (and tool)')
    .argument('[query]')
    .option('--expected <target>', '<skill> or <skill>/<tool>')
    .action(async function (this: Command, query: string | undefined, opts: { expected?: string }) {
      if (query === undefined || opts.expected === undefined) {
        usage(
          this,
          'give the query and --expected <skill>[/<tool>], e.g. skilldock feedback "sum the sales" --expected csv-profiler',
        )
      }
      const entry = await ctx.call('feedback.add', { query, expected: opts.expected })
      ctx.output(
        entry,
        () =>
          `Recorded: "${entry.query}" → ${target(entry.skill, entry.tool)}. Later routing of similar queries prefers it.`,
      )
    })
  feedback
    .command('list')
    .description('stored routing corrections, newest first')
    .action(async () => {
      const entries = await ctx.call('feedback.list', {})
      ctx.output(entries, () =>
        entries.length === 0
          ? 'No routing feedback yet.'
          : table(entries.map((e) => [String(e.id), e.createdAt, target(e.skill, e.tool), e.query])),
      )
    })

  program
    .command('metrics')
    .description('per skill and tool: calls, errors, p50/p95 latency, last use; --golden measures routing')
    .option('--skill <skill>', 'only this skill')
    .option('--golden <file>', 'route each query of a golden file offline and report the hit rate')
    .action(async (opts: { skill?: string; golden?: string }) => {
      if (opts.golden !== undefined) {
        const report = await ctx.call('metrics.golden', { cases: readGolden(opts.golden) })
        ctx.output(report, () => formatGolden(report))
        return
      }
      const rows = await ctx.call('metrics.tools', opts.skill ? { skill: opts.skill } : {})
      ctx.output(rows, () => formatMetrics(rows))
    })
}
