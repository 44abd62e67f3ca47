import { type Command, Option } from 'commander'
import type { CompositeRun, CompositeStepRun, JobState, ScheduleInfo } from '../../contract/automation'
import { type CliContext, ExitCode } from '../context'
import { table } from '../format'
import { parseArgs } from './jsonArgs'
import { announceHeldCalls } from './policies'
import { waitForEnter } from '../prompt'

/** `<skill>/<tool>`, or a usage error (exit 2). */
function target(command: Command, value: string): { skill: string; tool: string } {
  const slash = value.indexOf('/')
  if (slash <= 0 || slash === value.length - 1) {
    command.error(`error: "${value}" is not <skill>/<tool> (for example text-stats/top_words)`, {
      exitCode: 2,
    })
  }
  return { skill: value.slice(0, slash), tool: value.slice(slash + 1) }
}

/** `succeeded`, `failed: <first line of the error>`, or `-` before the first firing. */
function outcomeText(outcome: ScheduleInfo['lastOutcome']): string {
  if (!outcome) return '-'
  const error = outcome.error?.split('\n')[0]
  return error ? `${outcome.state}: ${error.slice(0, 80)}` : outcome.state
}

/** 3600 → "1 hour", 90 → "90 seconds". */
function duration(seconds: number): string {
  const unit = (n: number, name: string) => `${n} ${name}${n === 1 ? '' : 's'}`
  if (seconds % 86_400 === 0) return unit(seconds / 86_400, 'day')
  if (seconds % 3600 === 0) return unit(seconds / 3600, 'hour')
  if (seconds % 60 === 0) return unit(seconds / 60, 'minute')
  return unit(seconds, 'second')
}

/** Schedules and jobs run only in a long-running process on this data home. */
const WORKER_NOTE =
  'it runs while `skilldock serve`, `skilldock worker` or the desktop app is running, or at the next `skilldock worker --once`'

const collect = (value: string, previous: string[]) => [...previous, value]

/** A step's outcome; with `output`, followed by what it returned (step-through shows each one). */
function stepLine(s: CompositeStepRun, output = true): string {
  const head = `${s.ok ? '✓' : '✗'} [${s.group + 1}] ${s.skill}/${s.tool} (${s.durationMs} ms)`
  if (!s.ok) return `${head}: ${s.error ?? ''}`
  return output ? `${head}\n${indent(s.text)}` : head
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')

function planText(run: CompositeRun): string {
  return run.plan.map((g, i) => `${i + 1}. ${g.map((s) => `${s.skill}/${s.tool}`).join('  |  ')}`).join('\n')
}

/** compose, schedule, job and webhook. */
export function registerAutomationCommands(program: Command, ctx: CliContext): void {
  registerCompose(program, ctx)
  registerSchedules(program, ctx)
  registerJobs(program, ctx)
  registerWebhooks(program, ctx)
}

function registerCompose(program: Command, ctx: CliContext): void {
  const compose = program
    .command('compose')
    .description('create a composite skill from steps (it goes through governance like any new skill)')
    .argument('<name>')
    .option('--step <skill/tool>', 'a step; repeat for a sequence; join parallel steps with "|"', collect, [])
    .option('--description <text>', 'what the composite does')
    .action(async (name: string, opts: { step: string[]; description?: string }, command: Command) => {
      if (opts.step.length === 0)
        command.error('error: give at least one --step <skill>/<tool>', { exitCode: 2 })
      const made = await ctx.call('compose.create', { name, steps: opts.step, description: opts.description })
      ctx.output(made, () =>
        [
          `Created the composite ${made.name}:`,
          ...made.plan.map((g, i) => `  ${i + 1}. ${g.map((s) => `${s.skill}/${s.tool}`).join('  |  ')}`),
          made.approval.status === 'approved'
            ? 'It was approved and is active.'
            : `It waits for approval: skilldock approve ${made.approval.id}`,
        ].join('\n'),
      )
    })

  compose
    .command('list')
    .description('the composite skills with their steps')
    .action(async () => {
      const composites = await ctx.call('compose.list', {})
      ctx.output(composites, () =>
        composites.length === 0
          ? 'No composite skills; create one with skilldock compose <name> --step <skill>/<tool> …'
          : composites
              .map((c) => `${c.name} (${c.state})\n${indent(planText({ plan: c.plan } as CompositeRun))}`)
              .join('\n\n'),
      )
    })

  compose
    .command('run')
    .description('run a composite: all at once, one group at a time (--step-through), or only show the plan')
    .argument('<name>')
    .option('--args <json>', 'the arguments of the first step, as a JSON object', '{}')
    .option('--dry-run', 'print the plan without calling anything')
    .option('--step-through', 'run one step group at a time, waiting for Enter in between')
    .action(async (name: string, opts: { args: string; dryRun?: boolean; stepThrough?: boolean }) => {
      const args = parseArgs(opts.args)
      if (!opts.dryRun) {
        const quiet = announceHeldCalls(ctx)
        try {
          return await runComposite(ctx, name, args, opts.stepThrough === true)
        } finally {
          quiet()
        }
      }
      const plan = await ctx.call('compose.run', { name, arguments: args, dryRun: true })
      ctx.output(plan, () => `Plan of ${name} (nothing was called):\n${planText(plan)}`)
    })
}

async function runComposite(
  ctx: CliContext,
  name: string,
  args: Record<string, unknown>,
  stepThrough: boolean,
): Promise<void> {
  if (!stepThrough) {
    const run = await ctx.call('compose.run', { name, arguments: args })
    // The steps' outcomes, then the composite's result (each step's own output is in --json or --step-through).
    ctx.output(run, () =>
      [
        ...run.steps.map((s) => stepLine(s, false)),
        ...(run.ok ? ['', JSON.stringify(run.output, null, 2)] : []),
      ].join('\n'),
    )
    if (!run.ok) failed(ctx, run.steps)
    return
  }
  const runs: CompositeRun[] = []
  let next: CompositeRun['next'] = { group: 0, arguments: args }
  let pause = !ctx.json
  while (next) {
    const run: CompositeRun = await ctx.call('compose.run', {
      name,
      arguments: next.arguments,
      fromGroup: next.group,
      groups: 1,
    })
    runs.push(run)
    if (!ctx.json) ctx.print(run.steps.map((s) => stepLine(s)).join('\n'))
    if (!run.ok) break
    next = run.next
    if (next && pause) pause = await waitForEnter(`Enter runs step ${next.group + 1}… `, ctx.io)
  }
  if (ctx.json) ctx.printJson(runs)
  if (runs.some((r) => !r.ok))
    failed(
      ctx,
      runs.flatMap((r) => r.steps),
    )
}

/** Exit 1, saying on stderr which step failed and why (CLI.md: `error: …`). */
function failed(ctx: CliContext, steps: readonly CompositeStepRun[]): never {
  const step = steps.find((s) => !s.ok)
  if (!ctx.json && step)
    ctx.io.stderr(`error: step ${step.skill}/${step.tool} failed: ${step.error ?? 'unknown error'}\n`)
  throw new ExitCode(1)
}

function registerSchedules(program: Command, ctx: CliContext): void {
  const schedule = program
    .command('schedule')
    .description('run a tool on an interval or at a time (serve/desktop)')
  schedule
    .command('add')
    .description('run <skill/tool> every --every interval, or once --at a time')
    .argument('<skill/tool>')
    .option('--args <json>', 'the tool arguments as a JSON object', '{}')
    .option('--every <interval>', 'an interval such as 15m, 1h or 1d')
    .option('--at <time>', 'an ISO time such as 2030-01-31T09:00:00Z')
    .action(async (spec: string, opts: { args: string; every?: string; at?: string }, command: Command) => {
      if ((opts.every === undefined) === (opts.at === undefined)) {
        command.error('error: give exactly one of --every <interval> or --at <time>', { exitCode: 2 })
      }
      const added = await ctx.call('schedules.add', {
        ...target(command, spec),
        arguments: parseArgs(opts.args),
        every: opts.every,
        at: opts.at,
      })
      ctx.output(
        added,
        () => `Schedule ${added.id}: ${spec} next at ${added.nextRunAt ?? '-'}; ${WORKER_NOTE}.`,
      )
    })
  schedule
    .command('list')
    .description('the schedules with their next run and last outcome')
    .action(async () => {
      const list = await ctx.call('schedules.list', {})
      ctx.output(list, () =>
        list.length === 0
          ? 'No schedules.'
          : table([
              ['ID', 'TOOL', 'WHEN', 'NEXT RUN', 'LAST RUN', 'LAST OUTCOME'],
              ...list.map((s) => [
                s.id,
                `${s.skill}/${s.tool}`,
                s.everySeconds !== null ? `every ${duration(s.everySeconds)}` : `at ${s.at ?? ''}`,
                s.nextRunAt ?? '-',
                s.lastRunAt ?? '-',
                outcomeText(s.lastOutcome),
              ]),
            ]),
      )
    })
  schedule
    .command('remove')
    .description('remove a schedule by its id (jobs it already queued stay)')
    .argument('<id>')
    .action(async (id: string) => {
      const removed = await ctx.call('schedules.remove', { id })
      ctx.output(removed, () => `Removed schedule ${id}.`)
    })
}

function registerJobs(program: Command, ctx: CliContext): void {
  const job = program
    .command('job')
    .description('the persistent job queue (run by serve/desktop, with retries)')
  job
    .command('enqueue')
    .description('queue one call of <skill/tool>; failed attempts are retried with backoff')
    .argument('<skill/tool>')
    .option('--args <json>', 'the tool arguments as a JSON object', '{}')
    .option('--key <key>', 'idempotency key: enqueuing the same key again returns the same job')
    .option('--max-attempts <n>', 'attempts before the job is marked failed', '3')
    .action(
      async (spec: string, opts: { args: string; key?: string; maxAttempts: string }, command: Command) => {
        const maxAttempts = Number(opts.maxAttempts)
        if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
          command.error('error: --max-attempts must be a whole number of at least 1', { exitCode: 2 })
        }
        const queued = await ctx.call('jobs.enqueue', {
          ...target(command, spec),
          arguments: parseArgs(opts.args),
          key: opts.key,
          maxAttempts,
        })
        ctx.output(queued, () =>
          queued.created
            ? `Queued job ${queued.id}; ${WORKER_NOTE} (see \`skilldock job list\`).`
            : `Job ${queued.id} already has this key (${queued.state}).`,
        )
      },
    )
  job
    .command('list')
    .description('queued, running and finished jobs, newest first')
    .addOption(
      new Option('--state <state>', 'only jobs in this state').choices([
        'pending',
        'running',
        'succeeded',
        'failed',
      ]),
    )
    .action(async (opts: { state?: JobState }) => {
      const jobs = await ctx.call('jobs.list', { state: opts.state })
      ctx.output(jobs, () =>
        jobs.length === 0
          ? 'No jobs.'
          : table([
              ['ID', 'TOOL', 'STATE', 'ATTEMPTS', 'NEXT/UPDATED', 'ERROR'],
              ...jobs.map((j) => [
                j.id.slice(0, 8),
                `${j.skill}/${j.tool}`,
                j.state,
                `${j.attempts}/${j.maxAttempts}`,
                j.state === 'pending' ? j.runAt : j.updatedAt,
                (j.lastError ?? '').split('\n')[0] ?? '',
              ]),
            ]),
      )
    })
}

function registerWebhooks(program: Command, ctx: CliContext): void {
  const webhook = program
    .command('webhook')
    .description('signed local URLs (POST /hooks/<id>) that run a tool')
  webhook
    .command('add')
    .description('create a hook; prints its URL path and its secret (shown once, kept in the keychain)')
    .argument('<id>')
    .requiredOption('--skill <skill/tool>', 'the tool the hook runs')
    .action(async (id: string, opts: { skill: string }, command: Command) => {
      const hook = await ctx.call('webhooks.add', { id, ...target(command, opts.skill) })
      ctx.output(hook, () =>
        [
          `Webhook ${hook.id}: POST ${hook.path} on the serve/desktop server runs ${hook.skill}/${hook.tool}.`,
          `Secret (shown only now; kept in the OS keychain): ${hook.secret}`,
          'Sign each request: SkillDock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">',
        ].join('\n'),
      )
    })
  webhook
    .command('list')
    .description('the webhooks (never their secrets)')
    .action(async () => {
      const hooks = await ctx.call('webhooks.list', {})
      ctx.output(hooks, () =>
        hooks.length === 0
          ? 'No webhooks.'
          : table([
              ['ID', 'PATH', 'TOOL', 'LAST CALLED'],
              ...hooks.map((h) => [h.id, h.path, `${h.skill}/${h.tool}`, h.lastCalledAt ?? '-']),
            ]),
      )
    })
  webhook
    .command('remove')
    .description('remove a hook and its keychain secret; its URL stops working')
    .argument('<id>')
    .action(async (id: string) => {
      const removed = await ctx.call('webhooks.remove', { id })
      ctx.output(removed, () => `Removed webhook ${id} and its secret.`)
    })
}
