import type { Command } from 'commander'
import { type CliContext, ExitCode } from '../context'

const mark = { ok: '✓', warn: '!', fail: '✗' } as const

/** init, doctor. */
export function registerSetupCommands(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('create the data home, database and library (idempotent)')
    .action(async () => {
      const info = await ctx.call('app.info', {})
      ctx.output(info, () => `SkillDock data home ready at ${info.home} (${info.skillCount} skills).`)
    })

  program
    .command('doctor')
    .description('check what SkillDock needs and say how to fix what is missing')
    .option('--port <n>', 'the port to check', '7545')
    .action(async (opts: { port: string }) => {
      const checks = await ctx.call('app.doctor', { port: Number(opts.port) })
      ctx.output(checks, () =>
        checks
          .map(
            (c) =>
              `${mark[c.status]} ${c.label}: ${c.detail}${c.fix && c.status !== 'ok' ? `\n    fix: ${c.fix}` : ''}`,
          )
          .join('\n'),
      )
      if (checks.some((c) => c.status === 'fail')) throw new ExitCode(1)
    })
}
