import type { Command } from 'commander'
import { type Approval, GovernanceMode, type ScanReport, TrustLevel } from '../../contract/models'
import { type CliContext, CommandError, ExitCode, isOneOf } from '../context'
import { table } from '../format'
import { approveFromSource } from './bulkApprove'

const trustLevels = TrustLevel.options

function formatReport(report: ScanReport, subject: string): string {
  const lines = [
    `${subject}: risk ${report.risk}${report.status === 'needs-review' ? ' (needs review)' : ''}`,
  ]
  for (const f of report.findings) {
    lines.push(`  ${f.severity.padEnd(8)} ${f.rule}  ${f.file}${f.line ? `:${f.line}` : ''}`)
    lines.push(`           ${f.message}`)
    if (f.evidence) lines.push(`           evidence: ${f.evidence}`)
  }
  if (report.findings.length === 0) lines.push('  no findings')
  return lines.join('\n')
}

function formatApproval(a: Approval): string {
  return [
    `${a.id}  ${a.skill}  ${a.kind}  ${a.status}  risk ${a.risk ?? '-'}`,
    `  requested by ${a.requester} at ${a.createdAt}${a.reason ? `: ${a.reason}` : ''}`,
    ...a.findings.map(
      (f) => `  ${f.severity.padEnd(8)} ${f.rule}  ${f.file}${f.line ? `:${f.line}` : ''}  ${f.message}`,
    ),
    ...(a.details?.storedCredentials?.length
      ? [
          `  credentials already stored under ${a.skill}: ${a.details.storedCredentials.join(', ')} (approving gives them to this skill)`,
        ]
      : []),
    ...(a.details?.storedCredentials === null
      ? ['  stored credentials: unknown (the keychain could not be read)']
      : []),
    ...(a.details?.reviewFailure ? [`  AI review failed (fail-open): ${a.details.reviewFailure}`] : []),
    ...(a.details?.warnings ?? []).map((warning) => `  warning: ${warning}`),
    ...(a.diff ? ['', a.diff] : []),
  ].join('\n')
}

interface GovernanceFlags {
  gapDetection?: string
  selfGeneration?: string
  defaultTrust?: string
  llmReview?: string
  reviewFailOpen?: string
}

/** `--limits cpu=30,memory=512,processes=64` (any of them); the core checks the ranges. */
export function parseLimits(text: string): { cpuSeconds?: number; memoryMb?: number; processes?: number } {
  const keys = { cpu: 'cpuSeconds', memory: 'memoryMb', processes: 'processes' } as const
  const out: { cpuSeconds?: number; memoryMb?: number; processes?: number } = {}
  const parts = text.split(',').map((p) => p.trim())
  for (const part of parts.filter(Boolean)) {
    const [name = '', value = ''] = part.split('=').map((p) => p.trim())
    if (!(name in keys) || !/^\d+$/.test(value)) {
      throw new CommandError({
        code: 'INVALID_INPUT',
        message: `--limits takes cpu=SECONDS,memory=MB,processes=N (any of them), not ${JSON.stringify(part.slice(0, 80))}.`,
      })
    }
    out[keys[name as keyof typeof keys]] = Number(value)
  }
  return out
}

/** approvals, approve, reject, governance, scan, promote, deprecate, undeprecate. */
export function registerTrustCommands(program: Command, ctx: CliContext): void {
  program
    .command('approvals')
    .description('the approval inbox (pending requests; --all for every one)')
    .option('--all', 'include decided requests')
    .option('--id <id>', 'show one request in full, with its findings and diff')
    .action(async (opts: { all?: boolean; id?: string }) => {
      if (opts.id) {
        const approval = await ctx.call('approvals.get', { id: opts.id })
        return ctx.output(approval, () => formatApproval(approval))
      }
      const list = await ctx.call('approvals.list', opts.all ? {} : { status: 'pending' })
      ctx.output(list, () =>
        list.length === 0
          ? 'The inbox is empty.'
          : table([
              ['ID', 'SKILL', 'KIND', 'STATUS', 'RISK', 'REQUESTED BY'],
              ...list.map((a) => [a.id.slice(0, 8), a.skill, a.kind, a.status, a.risk ?? '-', a.requester]),
            ]),
      )
    })

  program
    .command('approve')
    .description(
      'approve a request (an id or a unique prefix of it), or with --source every pending request of a source up to --max-risk',
    )
    .argument('[id]')
    .option(
      '--source <name>',
      'approve the pending requests of this source, each on its own (never CRITICAL)',
    )
    .option('--max-risk <risk>', 'with --source: the highest risk to approve, LOW (default) or MEDIUM')
    .option('--dry-run', 'with --source: list what would be approved, change nothing')
    .option('--trust <level>', `trust level: ${trustLevels.join(', ')}`)
    .option('--allowed-clients <names>', 'comma-separated MCP clients allowed to see a restricted skill')
    .option('--rate-limit <perMinute>', 'calls per minute allowed')
    .option('--limits <list>', 'sandbox limits, e.g. cpu=60,memory=512,processes=64 (seconds, MiB, count)')
    .option('--notes <text>', 'why')
    .option('--acknowledge-critical', 'required to approve a request with CRITICAL findings')
    .action(async function (
      this: Command,
      id: string | undefined,
      opts: {
        trust?: string
        allowedClients?: string
        rateLimit?: string
        limits?: string
        notes?: string
        acknowledgeCritical?: boolean
        source?: string
        maxRisk?: string
        dryRun?: boolean
      },
    ) {
      if (opts.source !== undefined || id === undefined) {
        if (id !== undefined || opts.source === undefined || opts.acknowledgeCritical) {
          this.error(
            'error: give a request id, or --source NAME (without an id; CRITICAL requests are never approved in bulk)',
            { exitCode: 2, code: 'skilldock.usage' },
          )
        }
        return approveFromSource(this, ctx, { ...opts, source: opts.source })
      }
      if (opts.trust !== undefined && !isOneOf(trustLevels, opts.trust)) {
        throw new CommandError({
          code: 'INVALID_INPUT',
          message: `--trust must be one of ${trustLevels.join(', ')}.`,
        })
      }
      if (opts.acknowledgeCritical !== true) {
        const request = await ctx.call('approvals.get', { id })
        if (request.risk === 'CRITICAL') {
          throw new CommandError({
            code: 'INVALID_INPUT',
            message: `${request.skill} has CRITICAL findings; nothing was approved. Read them with \`skilldock approvals --id ${request.id.slice(0, 8)}\`, and to approve it anyway add --acknowledge-critical.`,
          })
        }
      }
      const approval = await ctx.call('approvals.decide', {
        id,
        approve: true,
        trust: opts.trust,
        allowedClients: opts.allowedClients
          ?.split(',')
          .map((c) => c.trim())
          .filter(Boolean),
        rateLimitPerMinute: opts.rateLimit === undefined ? undefined : Number(opts.rateLimit),
        limits: opts.limits === undefined ? undefined : parseLimits(opts.limits),
        notes: opts.notes,
        acknowledgeCritical: opts.acknowledgeCritical === true,
      })
      ctx.output(approval, () => `Approved ${approval.skill} at ${approval.trust} trust; it is active.`)
    })

  program
    .command('reject')
    .description('reject a request (say why with --reason)')
    .argument('<id>')
    .option('--reason <text>', 'why it is rejected (required; kept in the audit log)')
    .option('--notes <text>', 'the same as --reason')
    .action(async function (this: Command, id: string, opts: { reason?: string; notes?: string }) {
      const reason = (opts.reason ?? opts.notes)?.trim()
      // A missing flag is a usage error (exit 2), like any other the command line can catch.
      if (!reason) {
        this.error('error: Say why you reject it: add --reason "<why>". Nothing was rejected.', {
          exitCode: 2,
          code: 'skilldock.usage',
        })
      }
      const approval = await ctx.call('approvals.decide', { id, approve: false, notes: reason })
      ctx.output(approval, () => `Rejected the request for ${approval.skill}.`)
    })

  program
    .command('governance')
    .description('show or set the governance mode and switches')
    .argument('[mode]', 'full_auto, semi_auto or locked')
    .option('--gap-detection <on|off>', 'notice capability gaps in agent output')
    .option('--self-generation <on|off>', 'let a detected gap generate a new skill draft')
    .option(
      '--default-trust <level>',
      `trust given on approval when none is chosen: ${trustLevels.join(', ')}`,
    )
    .option('--llm-review <on|off>', 'add an LLM review to every scan (uses `skilldock llm` settings)')
    .option(
      '--review-fail-open <on|off>',
      'accept the static scan when the LLM review cannot run (default off)',
    )
    .action(async function (this: Command, mode: string | undefined, opts: GovernanceFlags) {
      // A bad switch is a usage error, caught before anything changes.
      const flag = (value: string | undefined, name: string) => {
        if (value === undefined) return undefined
        if (value !== 'on' && value !== 'off')
          this.error(`error: ${name} takes on or off, not "${value}"`, { exitCode: 2 })
        return value === 'on'
      }
      if (mode !== undefined && !isOneOf(GovernanceMode.options, mode)) {
        this.error(
          `error: the governance mode is one of ${GovernanceMode.options.join(', ')}, not "${mode}"`,
          { exitCode: 2 },
        )
      }
      if (opts.defaultTrust !== undefined && !trustLevels.includes(opts.defaultTrust as TrustLevel)) {
        this.error(
          `error: --default-trust takes one of ${trustLevels.join(', ')}, not "${opts.defaultTrust}"`,
          {
            exitCode: 2,
          },
        )
      }
      const switches = {
        ...(mode ? { mode: mode as GovernanceMode } : {}),
        ...(opts.defaultTrust !== undefined ? { defaultTrust: opts.defaultTrust as TrustLevel } : {}),
        ...(opts.gapDetection !== undefined
          ? { gapDetection: flag(opts.gapDetection, '--gap-detection') }
          : {}),
        ...(opts.selfGeneration !== undefined
          ? { selfGeneration: flag(opts.selfGeneration, '--self-generation') }
          : {}),
      }
      const reviewSwitches = {
        llmReview: flag(opts.llmReview, '--llm-review'),
        reviewFailOpen: flag(opts.reviewFailOpen, '--review-fail-open'),
      }
      const governance =
        Object.keys(switches).length > 0
          ? await ctx.call('governance.set', switches)
          : await ctx.call('governance.get', {})
      const review = await ctx.call('scan.settings', reviewSwitches)
      // Review on with no model means every review fails: say so now, not at the next import.
      const noModel = review.llmReview && (await ctx.call('llm.get', {})).provider === 'none'
      ctx.output({ ...governance, ...review }, () =>
        [
          `mode: ${governance.mode}`,
          `default trust: ${governance.defaultTrust}`,
          `gap detection: ${governance.gapDetection ? 'on' : 'off'}`,
          `self-generation: ${governance.selfGeneration ? 'on' : 'off'}`,
          `LLM review of scans: ${review.llmReview ? `on (${review.reviewFailOpen ? 'fail-open' : 'fail-closed'})` : 'off'}`,
          ...(noModel
            ? [
                `warning: no model provider is configured, so every LLM review fails and ${review.reviewFailOpen ? 'the static scan alone decides' : 'every new or changed skill waits for a person'}. Configure one with \`skilldock llm set\`, or turn the review off with --llm-review off.`,
              ]
            : []),
        ].join('\n'),
      )
    })

  program
    .command('scan')
    .description('security scan of a folder or an installed skill')
    .argument('<pathOrSkill>')
    .option('--sarif', 'print SARIF 2.1.0')
    .action(async (target: string, opts: { sarif?: boolean }) => {
      const installed = (await ctx.call('skills.list', {})).some((s) => s.name === target)
      const report = await ctx.call('skills.scan', {
        ...(installed ? { name: target } : { path: target }),
        sarif: opts.sarif,
      })
      if (opts.sarif) ctx.printJson(report.sarif)
      else ctx.output(report, () => formatReport(report, target))
      if (report.risk === 'HIGH' || report.risk === 'CRITICAL') throw new ExitCode(1)
    })

  program
    .command('promote')
    .description('promote an approved library skill to builtin (commits it)')
    .argument('<skill>')
    .option('--target <repo>', 'a git repository to commit the skill into instead of the library')
    .action(async (name: string, opts: { target?: string }) => {
      const skill = await ctx.call('skills.promote', { name, target: opts.target })
      ctx.output(skill, () => `Promoted ${skill.name}; it is ${skill.state}.`)
    })

  program
    .command('deprecate')
    .description('deprecate a skill')
    .argument('<skill>')
    .requiredOption('--reason <text>', 'why')
    .option('--replacement <skill>', 'the skill to use instead')
    .action(async (name: string, opts: { reason: string; replacement?: string }) => {
      const skill = await ctx.call('skills.deprecate', {
        name,
        reason: opts.reason,
        replacement: opts.replacement,
      })
      ctx.output(
        skill,
        () => `${skill.name} is deprecated${opts.replacement ? `; use ${opts.replacement}` : ''}.`,
      )
    })

  program
    .command('undeprecate')
    .description('undo a deprecation')
    .argument('<skill>')
    .action(async (name: string) => {
      const skill = await ctx.call('skills.undeprecate', { name })
      ctx.output(skill, () => `${skill.name} is no longer deprecated.`)
    })
}
