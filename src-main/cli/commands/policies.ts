import { userInfo } from 'node:os'
import { type Command, Option } from 'commander'
import type { CallRequest } from '../../contract/policies'
import type { CliContext } from '../context'
import { table } from '../format'

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 }

/** `90`, `90s`, `5m`, `1h`, `1d` → seconds; null when it is none of these. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim())
  if (!match) return null
  const seconds = Number(match[1]) * (UNITS[match[2] || 's'] ?? 1)
  return seconds > 0 ? seconds : null
}

/** `skill` or `skill/tool` (globs allowed) → the two patterns. */
function splitTarget(target: string): { skill: string; tool?: string } {
  const slash = target.indexOf('/')
  return slash < 0 ? { skill: target } : { skill: target.slice(0, slash), tool: target.slice(slash + 1) }
}

function usage(command: Command, message: string): never {
  command.error(`error: ${message}`, { exitCode: 2, code: 'skilldock.usage' })
}

function who(): string {
  try {
    return userInfo().username || 'cli'
  } catch {
    return 'cli'
  }
}

function formatCall(c: CallRequest): string {
  return [
    `${c.id}  ${c.skill}/${c.tool}  ${c.status}  client ${c.client} (${c.origin})`,
    `  requested ${c.createdAt}${c.status === 'pending' ? `, waits until ${c.expiresAt}` : ''}`,
    `  arguments: ${JSON.stringify(c.arguments)}`,
    ...(c.decidedBy ? [`  decided by ${c.decidedBy}${c.reason ? `: ${c.reason}` : ''}`] : []),
  ].join('\n')
}

/**
 * While a command runs tools (run --execute, compose run), tells the person on stderr when one of
 * its calls is held by a requires_approval policy and how to approve it; otherwise the command would
 * just seem to hang until the wait times out. Returns the unsubscribe.
 */
export function announceHeldCalls(ctx: CliContext): () => void {
  return ctx.open().events.on('calls.pending', (held) => {
    const short = held.id.slice(0, 8)
    ctx.io.stderr(
      `The call to ${held.skill}/${held.tool} waits for approval (a requires_approval policy): approve it with ` +
        `\`skilldock calls approve ${short}\` (or deny it with \`skilldock calls deny ${short}\`) in another terminal, ` +
        'or on the Approvals page.\n',
    )
  })
}

/** policy, role, clients role, limit, calls: how calls are governed. */
export function registerPolicyCommands(program: Command, ctx: CliContext): void {
  registerPolicy(program, ctx)
  registerRoles(program, ctx)
  registerLimits(program, ctx)
  registerCalls(program, ctx)
}

function registerPolicy(program: Command, ctx: CliContext): void {
  const policy = program
    .command('policy')
    .description('call policies: hold calls for approval, or dry-run them')
  policy
    .command('add')
    .description('add a policy for <skill>[/<tool>] (globs with *, e.g. admin/* or */delete_*)')
    .argument('<target>')
    .option('--requires-approval', 'hold matching calls until a person approves them')
    .option('--dry-run', 'return the plan of matching calls without running them')
    .option('--timeout <duration>', 'how long a held call waits (e.g. 30s, 5m, 1h)', '5m')
    .action(async function (this: Command, target: string, opts: Record<string, string | boolean>) {
      if (Boolean(opts.requiresApproval) === Boolean(opts.dryRun)) {
        usage(this, 'give exactly one of --requires-approval or --dry-run')
      }
      const timeoutSeconds = parseDuration(String(opts.timeout))
      if (timeoutSeconds === null)
        usage(this, `--timeout "${String(opts.timeout)}" is not a duration like 30s, 5m or 1h`)
      if (timeoutSeconds > 86_400)
        usage(this, '--timeout can be at most 1d (a held call waits a day at most)')
      const created = await ctx.call('policies.add', {
        ...splitTarget(target),
        kind: opts.dryRun ? 'dry_run' : 'requires_approval',
        ...(opts.requiresApproval ? { timeoutSeconds } : {}),
      })
      ctx.output(created, () =>
        created.kind === 'dry_run'
          ? `Added policy #${created.id}: calls to ${created.skill}/${created.tool} are dry runs.`
          : `Added policy #${created.id}: calls to ${created.skill}/${created.tool} wait up to ${created.timeoutSeconds} s for approval.`,
      )
    })
  policy
    .command('list')
    .description('the call policies')
    .action(async () => {
      const list = await ctx.call('policies.list', {})
      ctx.output(list, () =>
        list.length === 0
          ? 'No call policies.'
          : table([
              ['ID', 'SKILL', 'TOOL', 'KIND', 'TIMEOUT'],
              ...list.map((p) => [
                String(p.id),
                p.skill,
                p.tool,
                p.kind,
                p.kind === 'dry_run' ? '-' : `${p.timeoutSeconds}s`,
              ]),
            ]),
      )
    })
  policy
    .command('remove')
    .description('remove a policy by its id')
    .argument('<id>')
    .action(async function (this: Command, id: string) {
      if (!/^\d+$/.test(id)) usage(this, `"${id}" is not a policy id; see \`skilldock policy list\``)
      const result = await ctx.call('policies.remove', { id: Number(id) })
      ctx.output(result, () => `Removed policy #${result.removed}.`)
    })
}

function registerRoles(program: Command, ctx: CliContext): void {
  const role = program.command('role').description('roles: what MCP clients with the role may see and call')
  role
    .command('add')
    .description('create a role allowing patterns: *, <skill>, <skill>/*, <skill>/<tool>')
    .argument('<name>')
    .requiredOption('--allow <pattern...>', 'what the role allows (repeatable)')
    .option('--replace', "replace an existing role's patterns")
    .action(async (name: string, opts: { allow: string[]; replace?: boolean }) => {
      const created = await ctx.call('roles.add', { name, allow: opts.allow, replace: opts.replace })
      ctx.output(created, () => `Role ${created.name} allows ${created.allow.join(', ')}.`)
    })
  role
    .command('list')
    .description('the roles with their patterns and clients')
    .action(async () => {
      const list = await ctx.call('roles.list', {})
      ctx.output(list, () =>
        list.length === 0
          ? 'No roles. Create one with `skilldock role add <name> --allow <pattern>`.'
          : table([
              ['ROLE', 'ALLOWS', 'CLIENTS'],
              ...list.map((r) => [r.name, r.allow.join(' '), r.clients.join(' ') || '-']),
            ]),
      )
    })
  role
    .command('remove')
    .description('delete a role no client uses')
    .argument('<name>')
    .action(async (name: string) => {
      const result = await ctx.call('roles.remove', { name })
      ctx.output(result, () => `Removed role ${result.removed}.`)
    })

  const clients = program.commands.find((c) => c.name() === 'clients') ?? program.command('clients')
  clients
    .command('role')
    .description("set an MCP client's role, or remove it with --none")
    .argument('<client>')
    .argument('[role]')
    .option('--none', 'remove the role (the client sees what the skills expose to it)')
    .action(async function (
      this: Command,
      client: string,
      roleName: string | undefined,
      opts: { none?: boolean },
    ) {
      const role = opts.none ? null : roleName
      if (role === undefined || (opts.none && roleName !== undefined))
        usage(this, 'give a role name or --none')
      const result = await ctx.call('roles.assign', { client, role })
      ctx.output(result, () =>
        result.role === null
          ? `Client ${result.client} has no role now.`
          : `Client ${result.client} has the role ${result.role}.`,
      )
    })
}

function registerLimits(program: Command, ctx: CliContext): void {
  const limit = program.command('limit').description('rate limits per skill or per client')
  const scopeOf = (command: Command, opts: { skill?: string; client?: string }) => {
    if ((opts.skill === undefined) === (opts.client === undefined))
      usage(command, 'give exactly one of --skill or --client')
    return opts.skill !== undefined
      ? { scope: 'skill' as const, target: opts.skill }
      : { scope: 'client' as const, target: opts.client as string }
  }
  limit
    .command('set')
    .description('allow at most N calls per window for a skill (all clients) or a client (all skills)')
    .option('--skill <skill>', 'limit the calls of this skill, by every client together')
    .option('--client <client>', 'limit the calls of this MCP client, to every skill together')
    .addOption(new Option('--max <n>', 'calls per window').makeOptionMandatory())
    .option('--per <duration>', 'the window (e.g. 1m, 1h, 30s)', '1m')
    .action(async function (
      this: Command,
      opts: { skill?: string; client?: string; max: string; per: string },
    ) {
      const scope = scopeOf(this, opts)
      if (!/^\d+$/.test(opts.max) || Number(opts.max) < 1)
        usage(this, '--max must be a whole number of at least 1')
      const windowSeconds = parseDuration(opts.per)
      if (windowSeconds === null) usage(this, `--per "${opts.per}" is not a duration like 30s, 1m or 1h`)
      const created = await ctx.call('limits.set', { ...scope, maxCalls: Number(opts.max), windowSeconds })
      ctx.output(
        created,
        () =>
          `${created.scope} ${created.target}: at most ${created.maxCalls} calls per ${created.windowSeconds} s.`,
      )
    })
  limit
    .command('list')
    .description('the rate limits')
    .action(async () => {
      const list = await ctx.call('limits.list', {})
      ctx.output(list, () =>
        list.length === 0
          ? 'No rate limits.'
          : table([
              ['SCOPE', 'TARGET', 'MAX', 'WINDOW'],
              ...list.map((l) => [l.scope, l.target, String(l.maxCalls), `${l.windowSeconds}s`]),
            ]),
      )
    })
  limit
    .command('remove')
    .description('remove the limit of a skill or a client')
    .option('--skill <skill>')
    .option('--client <client>')
    .action(async function (this: Command, opts: { skill?: string; client?: string }) {
      const scope = scopeOf(this, opts)
      const result = await ctx.call('limits.remove', scope)
      ctx.output(result, () =>
        result.removed
          ? `Removed the limit of ${scope.scope} ${scope.target}.`
          : `${scope.scope} ${scope.target} had no limit.`,
      )
    })
}

function registerCalls(program: Command, ctx: CliContext): void {
  const calls = program.command('calls').description('calls held for approval by a requires_approval policy')
  calls
    .command('list')
    .description('held calls, newest first')
    .option('--pending', 'only the calls still waiting')
    .action(async (opts: { pending?: boolean }) => {
      const list = await ctx.call('calls.list', opts.pending ? { status: 'pending' } : {})
      ctx.output(list, () =>
        list.length === 0
          ? opts.pending
            ? 'No call is waiting for approval.'
            : 'No held calls.'
          : list.map(formatCall).join('\n\n'),
      )
    })
  for (const [name, approve] of [
    ['approve', true],
    ['deny', false],
  ] as const) {
    calls
      .command(name)
      .description(`${name} a waiting call (an id or a unique prefix of at least 4 characters)`)
      .argument('<id>')
      .option('--reason <text>', 'why (shown to the client)')
      .action(async function (this: Command, id: string, opts: { reason?: string }) {
        if (id.length < 4)
          usage(this, `give at least 4 characters of the call's id (see \`skilldock calls list --pending\`)`)
        const decided = await ctx.call('calls.decide', { id, approve, reason: opts.reason, by: who() })
        ctx.output(
          decided,
          () =>
            `${approve ? 'Approved' : 'Denied'} the call to ${decided.skill}/${decided.tool} (${decided.id}).`,
        )
      })
  }
}
