import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { Option } from 'commander'
import type { RoutePlan, RouteRun } from '../../contract/routing'
import { RoutePlan as RoutePlanSchema } from '../../contract/routing'
import { type CliContext, ExitCode } from '../context'
import { readArgsObject, readJsonFile } from './jsonArgs'
import { announceHeldCalls } from './policies'
import { formatPlan, formatRun, resultText, target } from './routingFormat'
import { waitForEnter } from '../prompt'

/** Exit code of `run` when no skill fits the query (CLI.md): nothing ran, and it is not a failure of SkillDock. */
export const NO_MATCH_EXIT = 3

interface RunOptions {
  execute?: boolean
  mode?: 'single' | 'pipeline' | 'parallel'
  tag?: string[]
  trace?: boolean
  offline?: boolean
  args?: string
  role?: string
  dryRun?: boolean
  planPath?: string
  plan?: string
  stepThrough?: boolean
}

function usage(command: Command, message: string): never {
  command.error(`error: ${message}`, { exitCode: 2, code: 'skilldock.usage' })
}

/** `--args` as a JSON object; anything else is a usage error here (exit 2), as `run`'s other options. */
export function parseArgs(command: Command, text: string): Record<string, unknown> {
  const read = readArgsObject(text)
  if ('problem' in read) usage(command, read.problem)
  return read.args
}

/** What a person reads when no skill fits: the reason and the nearest skills. */
function formatNoMatch(plan: RoutePlan): string {
  // The reason is a whole sentence ("No skill fits …" or "<skill> fits … but is not usable here"): no prefix.
  const lines = [plan.reason ?? 'No skill fits this query; nothing ran.']
  if (plan.closest.length > 0) {
    lines.push('closest:')
    for (const c of plan.closest)
      lines.push(`  ${target(c.skill, c.tool)}  confidence ${c.confidence}, score ${c.score}`)
  }
  return lines.join('\n')
}

/** Prints a no-match plan and ends with exit 3. */
function noMatch(ctx: CliContext, plan: RoutePlan): never {
  ctx.output(plan, () => formatNoMatch(plan))
  throw new ExitCode(NO_MATCH_EXIT)
}

/** A plan saved by `run --dry-run --plan-path`, checked before anything runs. */
function readPlan(file: string): RoutePlan {
  return readJsonFile(file, RoutePlanSchema, {
    unreadable: (why) =>
      `Cannot read the plan ${file} (${why}); save one with \`skilldock run "<query>" --dry-run --plan-path ${file}\`.`,
    invalid: (problem) =>
      `${file} is not a saved plan: ${problem}. Save a new one with \`skilldock run "<query>" --dry-run --plan-path ${file}\`.`,
  })
}

/** Runs a plan one step at a time: each step is a one-step plan, fed the previous step's output. */
async function stepThrough(ctx: CliContext, plan: RoutePlan): Promise<RouteRun> {
  const trace: RouteRun['trace'] = []
  let previous: RouteRun['result'] = null
  let pause = !ctx.json
  for (const [index, step] of plan.steps.entries()) {
    if (index > 0 && pause)
      pause = await waitForEnter(`Enter runs step ${index + 1} (${target(step.skill, step.tool)})… `, ctx.io)
    const args =
      step.piped !== null && previous !== null && plan.mode === 'pipeline'
        ? { ...step.arguments, [step.piped]: resultText(previous) }
        : step.arguments
    const one: RoutePlan = { ...plan, mode: 'single', steps: [{ ...step, arguments: args, piped: null }] }
    const run = await ctx.call('route.replay', { plan: one })
    const done = { ...run.trace[0]!, index }
    trace.push(done)
    if (!ctx.json) {
      const mark = done.outcome === 'ok' ? '✓' : '✗'
      ctx.print(
        `${mark} ${index + 1}. ${target(step.skill, step.tool)}: ${done.result ? resultText(done.result) : (done.error ?? '')}`,
      )
    }
    previous = done.result
    if (done.outcome !== 'ok' && plan.mode !== 'parallel') break
  }
  const ok = trace.length === plan.steps.length && trace.every((t) => t.outcome === 'ok')
  return { plan, trace, ok, result: plan.mode === 'parallel' ? null : previous }
}

/** `skilldock run`: plan a query, save or replay a plan, run it (at once or step by step). */
export function registerRunCommand(program: Command, ctx: CliContext): void {
  program
    .command('run')
    .description('find the best skill and tool for a plain-language query; --execute runs it')
    .argument('[query]')
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
    .option('--role <role>', 'route as a client with this role sees the catalog')
    .option('--dry-run', 'plan only, never run (the default without --execute)')
    .option(
      '--plan-path <file>',
      'with --dry-run: save the plan to this file for `run --plan <file> --execute`',
    )
    .option('--plan <file>', 'use a saved plan instead of a query (with --execute: run it as saved)')
    .option('--step-through', 'with --execute: run one step at a time, waiting for Enter in between')
    .action(async function (this: Command, query: string | undefined, opts: RunOptions) {
      if (opts.trace && !opts.execute)
        usage(this, '--trace needs --execute (a plan that did not run has nothing to trace)')
      if (opts.dryRun && opts.execute) usage(this, '--dry-run and --execute contradict each other; pick one')
      if (opts.planPath !== undefined && opts.execute)
        usage(this, '--plan-path saves a plan without running it; use it with --dry-run')
      if (opts.stepThrough && !opts.execute) usage(this, '--step-through needs --execute')
      if (opts.plan !== undefined && query !== undefined)
        usage(this, 'give either a query or --plan <file>, not both')
      if (opts.plan === undefined && query === undefined)
        usage(this, 'give a query, e.g. skilldock run "convert 10 km to miles", or --plan <file>')

      let plan: RoutePlan
      if (opts.plan !== undefined) {
        plan = readPlan(opts.plan)
        if (!plan.match) noMatch(ctx, plan)
      } else {
        const input = {
          query: query!,
          ...(opts.mode ? { mode: opts.mode } : {}),
          ...(opts.tag ? { tags: opts.tag } : {}),
          ...(opts.offline ? { offline: true } : {}),
          ...(opts.args !== undefined ? { arguments: parseArgs(this, opts.args) } : {}),
          ...(opts.role !== undefined ? { role: opts.role } : {}),
        }
        plan = await ctx.call('route.plan', input)
        if (!plan.match) noMatch(ctx, plan)
      }

      if (!opts.execute) {
        if (opts.planPath !== undefined) writeFileSync(opts.planPath, JSON.stringify(plan, null, 2) + '\n')
        const saved =
          opts.planPath !== undefined
            ? `Saved the plan to ${opts.planPath}; run it later with \`skilldock run --plan ${opts.planPath} --execute\`.`
            : 'Nothing ran; add --execute to run it.'
        ctx.output(plan, () => `${formatPlan(plan)}\n\n${saved}`)
        return
      }
      const quiet = announceHeldCalls(ctx)
      let run: RouteRun
      try {
        if (opts.stepThrough) {
          if (!ctx.json) ctx.print(formatPlan(plan))
          run = await stepThrough(ctx, plan)
          if (ctx.json) ctx.printJson(run)
        } else {
          // A query is planned again inside route.run only when it was not planned here: run what was shown.
          run = await ctx.call('route.replay', { plan })
          ctx.output(run, () => formatRun(run, opts.trace === true))
        }
      } finally {
        quiet()
      }
      if (!run.ok) {
        if (!ctx.json) {
          const failed = run.trace.find((t) => t.outcome === 'error')
          ctx.io.stderr(`error: ${failed?.error ?? 'a step failed'}\n`)
        }
        throw new ExitCode(1)
      }
    })
}
