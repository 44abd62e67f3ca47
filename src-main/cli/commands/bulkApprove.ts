import type { Command } from 'commander'
import { type BulkApproval, RiskLevel, TrustLevel } from '../../contract/models'
import { type CliContext, CommandError, ExitCode, isOneOf } from '../context'
import { table } from '../format'

export interface BulkApproveFlags {
  source: string
  maxRisk?: string
  trust?: string
  allowedClients?: string
  notes?: string
  dryRun?: boolean
}

/** The risks `approve --source` may reach (the CLI contract): never HIGH or CRITICAL. */
const bulkRisks = RiskLevel.options.filter((risk) => risk === 'LOW' || risk === 'MEDIUM')

/**
 * `approve --source NAME --max-risk LOW [--trust T]`: every pending request of the source up to that
 * risk, each approved on its own; CRITICAL and `trusted` never. Prints what it approved and skipped.
 */
export async function approveFromSource(
  command: Command,
  ctx: CliContext,
  opts: BulkApproveFlags,
): Promise<void> {
  const maxRisk = opts.maxRisk ?? 'LOW'
  if (!isOneOf(bulkRisks, maxRisk)) {
    command.error(
      `error: --max-risk must be one of ${bulkRisks.join(', ')}; HIGH and CRITICAL requests are approved one by one.`,
      { exitCode: 2, code: 'skilldock.usage' },
    )
  }
  if (opts.trust !== undefined && !isOneOf(TrustLevel.options, opts.trust)) {
    throw new CommandError({
      code: 'INVALID_INPUT',
      message: `--trust must be one of ${TrustLevel.options.join(', ')}.`,
    })
  }
  const result = await ctx.call('approvals.approveMany', {
    source: opts.source,
    maxRisk,
    trust: opts.trust,
    allowedClients: opts.allowedClients
      ?.split(',')
      .map((c) => c.trim())
      .filter(Boolean),
    notes: opts.notes,
    dryRun: opts.dryRun === true,
  })
  ctx.output(result, () => formatBulk(result, opts.source, maxRisk))
  if (result.items.some((i) => i.outcome === 'failed')) throw new ExitCode(1)
}

function formatBulk(result: BulkApproval, source: string, maxRisk: string): string {
  const done = result.items.filter((i) => i.outcome === 'approved' || i.outcome === 'would-approve')
  const left = result.items.filter((i) => i.outcome === 'skipped' || i.outcome === 'failed')
  const lines: string[] = []
  if (result.items.length === 0) return `No pending requests from ${source}.`
  lines.push(
    result.dryRun
      ? `Would approve ${done.length} request${done.length === 1 ? '' : 's'} from ${source} (risk up to ${maxRisk}); nothing was changed:`
      : `Approved ${done.length} request${done.length === 1 ? '' : 's'} from ${source} (risk up to ${maxRisk}):`,
  )
  if (done.length > 0) {
    lines.push(
      table([
        ['SKILL', 'RISK', 'TRUST', 'ID'],
        ...done.map((i) => [i.skill, i.risk ?? '-', i.trust ?? '-', i.id.slice(0, 8)]),
      ]),
    )
  }
  if (left.length > 0) {
    lines.push(`Not approved (${left.length}):`)
    lines.push(
      table([
        ['SKILL', 'RISK', 'WHY', 'ID'],
        ...left.map((i) => [i.skill, i.risk ?? '-', i.reason ?? i.outcome, i.id.slice(0, 8)]),
      ]),
    )
  }
  return lines.join('\n')
}
