import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import type { ActivityEntry } from '../../contract/activity'
import type { CliContext } from '../context'
import { table } from '../format'

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }

/** `--since`: an ISO time (`2026-12-01T00:00:00Z`, `2026-12-01`) or a span back from now (`30m`, `24h`, `7d`, `2w`). */
export function parseSince(value: string, now = Date.now()): string {
  const span = /^(\d+)\s*([mhdw])$/i.exec(value.trim())
  if (span) return new Date(now - Number(span[1]) * UNITS[span[2]!.toLowerCase()]!).toISOString()
  const at = new Date(value)
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(at.getTime())) return at.toISOString()
  throw new InvalidArgumentError(
    `"${value}" is not a time: give an ISO time such as 2026-12-01T08:00:00Z, or a span back from now such as 30m, 24h, 7d.`,
  )
}

function parseLimit(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new InvalidArgumentError(`"${value}" is not a whole number from 1 to 1000.`)
  return n
}

function formatEntries(entries: ActivityEntry[]): string {
  if (entries.length === 0) return 'No activity matches.'
  return table([
    ['TIME', 'ACTOR', 'ACTION', 'SKILL', 'CLIENT', 'OUTCOME'],
    ...entries.map((e) => [e.at, e.actor, e.action, e.skill ?? '-', e.client ?? '-', e.outcome ?? '-']),
  ])
}

/** activity: the global audit log (what the Activity screen shows), newest first. */
export function registerActivityCommand(program: Command, ctx: CliContext): void {
  program
    .command('activity')
    .description('the audit log, newest first: installs, approvals, calls, policy decisions')
    .option('--skill <skill>', 'only entries about this skill')
    .option('--client <client>', 'only entries from this MCP client (or `user`)')
    .option('--since <time>', 'only entries since an ISO time or a span back from now (30m, 24h, 7d)', (v) =>
      parseSince(v),
    )
    .option('--action <action>', 'an action (tool.call) or a prefix ending in "." (skill.)')
    .option('--limit <n>', 'at most this many entries (default 50)', parseLimit, 50)
    .action(
      async (opts: { skill?: string; client?: string; since?: string; action?: string; limit: number }) => {
        const page = await ctx.call('activity.list', {
          ...(opts.skill ? { skill: opts.skill } : {}),
          ...(opts.client ? { client: opts.client } : {}),
          ...(opts.since ? { since: opts.since } : {}),
          ...(opts.action ? { action: opts.action } : {}),
          limit: opts.limit,
        })
        ctx.output(page.entries, () => formatEntries(page.entries))
      },
    )
}
