import type { Command } from 'commander'
import type { ToolCallResult } from '../../contract/models'
import { type CliContext, ExitCode } from '../context'
import { table } from '../format'
import { parseArgs } from './jsonArgs'
import { announceHeldCalls } from './policies'

const mark = { pass: '✓', fail: '✗', skip: '-' } as const

function resultText(result: ToolCallResult): string {
  return result.content
    .map((block) => (block.type === 'text' ? String(block.text) : `[${String(block.type)} content]`))
    .join('\n')
}

/** tools, call, test, logs. */
export function registerRuntimeCommands(program: Command, ctx: CliContext): void {
  program
    .command('tools')
    .description("list a skill's MCP tools")
    .argument('<skill>')
    .option('--refresh', 'start the server and ask it, instead of the cached list')
    .action(async (name: string, opts: { refresh?: boolean }) => {
      let tools = await ctx.call('runtime.tools', { name, refresh: opts.refresh === true })
      // Nothing cached yet (never started): asking is what the user wants.
      if (tools.length === 0 && !opts.refresh)
        tools = await ctx.call('runtime.tools', { name, refresh: true })
      ctx.output(tools, () =>
        tools.length === 0
          ? `${name} serves no tools.`
          : table(tools.map((t) => [t.name, t.description.split('\n')[0] ?? ''])),
      )
    })

  program
    .command('call')
    .description('call a tool of a skill')
    .argument('<skill>')
    .argument('<tool>')
    .option('--args <json>', 'the tool arguments as a JSON object', '{}')
    .action(async (name: string, tool: string, opts: { args: string }) => {
      const args = parseArgs(opts.args)
      // The owner may still call a deprecated skill (agents may not); say what replaces it.
      const { deprecation } = await ctx.call('skills.get', { name })
      if (deprecation) {
        ctx.io.stderr(
          `warning: ${name} is deprecated (${deprecation.reason}); ` +
            (deprecation.replacement
              ? `use ${deprecation.replacement} instead.\n`
              : 'no replacement was named.\n'),
        )
      }
      // A composite's step (or the call itself) may be held for approval: say how to release it.
      const quiet = announceHeldCalls(ctx)
      const result = await ctx.call('runtime.call', { name, tool, arguments: args }).finally(quiet)
      if (ctx.json) ctx.printJson(result)
      else if (!result.isError) ctx.print(resultText(result))
      if (result.isError) {
        if (!ctx.json) ctx.io.stderr(`error: ${resultText(result)}\n`)
        throw new ExitCode(1)
      }
    })

  program
    .command('test')
    .description('validate a skill, start its server and run its examples')
    .argument('<skill>')
    .option(
      '--draft',
      "test the editor's saved draft instead (always sandboxed, apart from the approved skill)",
    )
    .action(async (name: string, opts: { draft?: boolean }) => {
      const report = await ctx.call(opts.draft === true ? 'files.test' : 'skills.test', { name })
      ctx.output(report, () =>
        [
          ...report.checks.map((c) => `${mark[c.status]} ${c.label}: ${c.detail}`),
          report.passed ? `\n${name}: all checks passed` : `\n${name}: some checks failed`,
        ].join('\n'),
      )
      if (!report.passed) throw new ExitCode(1)
    })

  program
    .command('logs')
    .description("recent stderr of a skill's server and its call audit")
    .argument('<skill>')
    .option('--lines <n>', 'how many lines', '100')
    .action(async (name: string, opts: { lines: string }) => {
      const logs = await ctx.call('runtime.logs', { name, lines: Number(opts.lines) })
      ctx.output(logs, () =>
        [
          'stderr:',
          ...(logs.stderr.length ? logs.stderr.map((l) => `  ${l}`) : ['  (nothing yet)']),
          '',
          'audit:',
          ...(logs.audit.length
            ? logs.audit.map(
                (a) =>
                  `  ${a.at}  ${a.actor}  ${a.action}${a.outcome ? `  ${a.outcome}` : ''}${
                    a.detail.tool ? `  ${String(a.detail.tool)} ${String(a.detail.durationMs)} ms` : ''
                  }`,
              )
            : ['  (nothing yet)']),
        ].join('\n'),
      )
    })
}
