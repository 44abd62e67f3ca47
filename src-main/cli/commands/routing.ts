import type { Command } from 'commander'
import type { CliContext } from '../context'
import { table } from '../format'
import { registerRunCommand } from './runCommand'
import { formatGolden, formatMetrics, readGolden, target } from './routingFormat'

function usage(command: Command, message: string): never {
  command.error(`error: ${message}`, { exitCode: 2, code: 'skilldock.usage' })
}

/** run, feedback, metrics: routing plain-language queries to skills and measuring it. */
export function registerRoutingCommands(program: Command, ctx: CliContext): void {
  registerRunCommand(program, ctx)

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
      ctx.output(rows, () => formatMetrics(rows, opts.skill))
    })
}
