import type { Command } from 'commander'
import type { TrustLevel } from '../../contract/models'
import type { SharedEntry, TeamStatus } from '../../contract/team'
import type { CliContext } from '../context'
import { table } from '../format'
import { parseLimits } from './trust'

const trustLevels: TrustLevel[] = ['trusted', 'monitored', 'sandboxed', 'restricted']

function usage(command: Command, message: string): never {
  command.error(`error: ${message}`, { exitCode: 2, code: 'skilldock.usage' })
}

function formatStatus(status: TeamStatus): string {
  const lines: string[] = []
  if (status.teams.length === 0) lines.push('No team joined. Run `skilldock team join <git-url>`.')
  for (const team of status.teams) {
    lines.push(`team ${team.name}: ${team.url}${team.ref ? ` (${team.ref})` : ''}, source ${team.source}`)
    lines.push(`  admins (verified allowed_signers): ${team.admins.join(', ') || 'none'}`)
    for (const p of team.problems) lines.push(`  problem: ${p}`)
    for (const e of team.shared) lines.push(`  shared ${e.key}: ${e.reason}`)
  }
  for (const missing of status.missingRequired)
    lines.push(`required by the managed policy, not joined: ${missing}`)
  if (status.skills.length > 0) {
    lines.push(
      table([
        ['TEAM', 'SKILL', 'STATE', 'TRUST', 'WHY'],
        ...status.skills.map((s) => [
          s.team,
          s.name,
          s.state ?? '-',
          s.teamApproved ? (s.trust ?? '-') : '-',
          s.reason,
        ]),
      ]),
    )
  } else if (status.teams.length > 0) {
    lines.push('The team offers no skills yet.')
  }
  return lines.join('\n')
}

/** The shared entry `team share <what> <target> [options]` names (for --remove, only its key counts). */
function sharedEntryOf(
  command: Command,
  what: string,
  target: string,
  opts: Record<string, string | boolean | undefined>,
): SharedEntry {
  if (what === 'policy') {
    const kind = String(opts.kind)
    if (kind !== 'requires_approval' && kind !== 'dry_run')
      usage(command, `--kind takes requires_approval or dry_run, not "${kind}"`)
    let timeoutSeconds = 300
    if (opts.timeout !== undefined) {
      timeoutSeconds = Number(opts.timeout)
      if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1)
        usage(command, '--timeout takes a whole number of seconds')
    }
    return { type: 'policy', skill: target, tool: String(opts.tool), kind, timeoutSeconds }
  }
  if (what === 'role') {
    const allow =
      typeof opts.allow === 'string'
        ? opts.allow
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean)
        : []
    if (allow.length === 0 && !opts.remove) usage(command, 'a shared role needs --allow <patterns>')
    return { type: 'role', name: target, allow: allow.length ? allow : ['*'] }
  }
  if (what === 'limits') {
    if (typeof opts.limits !== 'string' && !opts.remove)
      usage(command, 'shared limits need --limits cpu=SECONDS,memory=MB,processes=N')
    return {
      type: 'limits',
      skill: target,
      ...(typeof opts.limits === 'string' ? parseLimits(opts.limits) : {}),
    }
  }
  usage(command, `team share takes policy, role or limits, not "${what}"`)
}

/** `skilldock team …`: join a team, see why its skills are (not) active, and admin approvals. */
export function registerTeamCommands(program: Command, ctx: CliContext): void {
  const team = program.command('team').description('team mode: a shared catalog with signed approvals')
  team
    .command('join')
    .description('join a team: add its git repository as a source and apply its signed approvals')
    .argument('<git-url>')
    .option('--ref <ref>', 'branch to follow (default: the repository HEAD)')
    .option('--name <name>', 'local name of the team (default: from the URL)')
    .option('--allow-local', 'allow a private, loopback or local repository')
    .action(async (url: string, opts: { ref?: string; name?: string; allowLocal?: boolean }) => {
      const status = await ctx.call('team.join', {
        url,
        ...(opts.ref ? { ref: opts.ref } : {}),
        ...(opts.name ? { name: opts.name } : {}),
        ...(opts.allowLocal ? { allowLocal: true } : {}),
      })
      ctx.output(status, () => formatStatus(status))
    })
  team
    .command('status')
    .description('each team skill and why it is or is not active')
    .action(async () => {
      const status = await ctx.call('team.status', {})
      ctx.output(status, () => formatStatus(status))
    })
  team
    .command('sync')
    .description('fetch the teams, verify their signatures and apply their approvals')
    .argument('[team]')
    .action(async (name: string | undefined) => {
      const status = await ctx.call('team.sync', name ? { name } : {})
      ctx.output(status, () => formatStatus(status))
    })
  team
    .command('leave')
    .description(
      'forget a team: its source goes (installed skills stay); use it to accept a rewritten team history',
    )
    .argument('<team>')
    .action(async (name: string) => {
      const status = await ctx.call('team.leave', { name })
      ctx.output(status, () => `Left team ${name}.`)
    })
  team
    .command('approve')
    .description("admin: sign an approval of a team skill's current files (and push it with --push)")
    .argument('<skill>')
    .option('--team <name>', 'which joined team (when several)')
    .option('--trust <level>', `trust members run it at: ${trustLevels.join(', ')}`, 'sandboxed')
    .option('--allowed-clients <names>', 'comma-separated MCP clients (required for restricted)')
    .option('--rate-limit <perMinute>', 'calls per minute allowed')
    .option('--notes <text>', 'notes kept with the approval')
    .option('--key <file>', "SSH private key to sign with (default: git's user.signingkey)")
    .option('--push', 'push the signed approval to the team repository')
    .action(async function (
      this: Command,
      skill: string,
      opts: Record<string, string | boolean | undefined>,
    ) {
      const trust = String(opts.trust) as TrustLevel
      if (!trustLevels.includes(trust))
        usage(this, `--trust takes one of ${trustLevels.join(', ')}, not "${trust}"`)
      let rate: number | undefined
      if (opts.rateLimit !== undefined) {
        rate = Number(opts.rateLimit)
        if (!Number.isInteger(rate) || rate < 1)
          usage(this, `--rate-limit takes a whole number of calls per minute`)
      }
      const clients =
        typeof opts.allowedClients === 'string'
          ? opts.allowedClients
              .split(',')
              .map((c) => c.trim())
              .filter(Boolean)
          : undefined
      const result = await ctx.call('team.approve', {
        skill,
        trust,
        ...(typeof opts.team === 'string' ? { team: opts.team } : {}),
        ...(clients ? { allowedClients: clients } : {}),
        ...(rate !== undefined ? { rateLimitPerMinute: rate } : {}),
        ...(typeof opts.notes === 'string' ? { notes: opts.notes } : {}),
        ...(typeof opts.key === 'string' ? { key: opts.key } : {}),
        ...(opts.push ? { push: true } : {}),
      })
      ctx.output(
        result,
        () =>
          `Signed the approval of ${result.skill} at ${result.entry.trust} in ${result.commit.slice(0, 10)}` +
          // A signed approval counts only once a sync has verified it, on this machine as on members'.
          (result.pushed
            ? ' and pushed it. Run `skilldock team sync` to apply it here; members get it at their next sync.'
            : '; push it with --push (or git push from the team clone), then `skilldock team sync` applies it.'),
      )
    })
  team
    .command('share')
    .description(
      'admin: sign a shared call policy, role or sandbox limits into the team repository (--remove withdraws it)',
    )
    .argument('<what>', 'policy, role or limits')
    .argument('<target>', 'policy: skill pattern; role: role name; limits: team skill')
    .option('--tool <pattern>', 'policy: tool pattern', '*')
    .option('--kind <kind>', 'policy: requires_approval or dry_run', 'requires_approval')
    .option('--timeout <seconds>', 'policy: how long a held call waits for a decision')
    .option('--allow <patterns>', 'role: comma-separated patterns ("skill", "skill/*", "skill/tool")')
    .option('--limits <list>', 'limits: e.g. cpu=60,memory=512,processes=64 (seconds, MiB, count)')
    .option('--remove', 'withdraw the shared entry instead')
    .option('--team <name>', 'which joined team (when several)')
    .option('--key <file>', "SSH private key to sign with (default: git's user.signingkey)")
    .option('--push', 'push the signed commit to the team repository')
    .action(async function (
      this: Command,
      what: string,
      target: string,
      opts: Record<string, string | boolean | undefined>,
    ) {
      const entry = sharedEntryOf(this, what, target, opts)
      const key =
        entry.type === 'policy'
          ? `policy:${entry.skill}/${entry.tool}:${entry.kind}`
          : entry.type === 'role'
            ? `role:${entry.name}`
            : `limits:${entry.skill}`
      const result = await ctx.call('team.share', {
        ...(opts.remove ? { remove: key } : { entry }),
        ...(typeof opts.team === 'string' ? { team: opts.team } : {}),
        ...(typeof opts.key === 'string' ? { key: opts.key } : {}),
        ...(opts.push ? { push: true } : {}),
      })
      ctx.output(
        result,
        () =>
          `${opts.remove ? 'Withdrew' : 'Shared'} ${result.key} in signed commit ${result.commit.slice(0, 10)}` +
          (result.pushed ? ' and pushed it.' : '; push it with --push (or git push from the team clone).'),
      )
    })
  team
    .command('publish')
    .description(
      'copy a local skill into the team repository as an approval request (a branch); never approves',
    )
    .argument('<skill>')
    .option('--team <name>', 'which joined team (when several)')
    .action(async (skill: string, opts: { team?: string }) => {
      const result = await ctx.call('team.publish', { skill, ...(opts.team ? { team: opts.team } : {}) })
      ctx.output(
        result,
        () => `Published ${skill} on branch ${result.branch} of team ${result.team}; an admin approves it.`,
      )
    })
  team
    .command('requests')
    .description('admin: approval requests waiting on request/* branches')
    .option('--team <name>', 'which joined team')
    .action(async (opts: { team?: string }) => {
      const list = await ctx.call('team.requests', opts.team ? { team: opts.team } : {})
      ctx.output(list, () =>
        list.length === 0
          ? 'No approval requests.'
          : table([
              ['TEAM', 'SKILL', 'BRANCH', 'BY', 'DATE'],
              ...list.map((r) => [r.team, r.skill, r.branch, r.author, r.date]),
            ]),
      )
    })
  team
    .command('policy')
    .description('the managed (machine-wide) policy in force')
    .action(async () => {
      const p = await ctx.call('policy.managed', {})
      ctx.output(p, () =>
        p.path === null
          ? 'No managed policy on this machine.'
          : [
              `managed policy: ${p.path}`,
              `governance mode: ${p.governanceMode ?? 'not pinned'}`,
              `allowed sources: ${p.allowedSources === null ? 'any' : p.allowedSources.join(', ') || 'none'}`,
              `required teams: ${p.requiredTeams.map((t) => t.url).join(', ') || 'none'}`,
              `personal skills: ${p.personalSkills ? 'allowed' : 'not allowed'}`,
              ...p.problems.map((x) => `problem: ${x}`),
            ].join('\n'),
      )
    })
}
