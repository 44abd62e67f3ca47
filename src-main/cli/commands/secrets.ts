import type { Command } from 'commander'
import { type CliContext, CommandError } from '../context'
import { table } from '../format'

/** secrets set / list / delete: credentials in the OS keychain; values never printed. */
export function registerSecretsCommands(program: Command, ctx: CliContext): void {
  const secrets = program.command('secrets').description('credentials of skills, kept in the OS keychain')

  secrets
    .command('set')
    .description('store a credential; the value is read from stdin')
    .argument('<skill>')
    .argument('<name>')
    .action(async (skill: string, name: string) => {
      if (ctx.io.isTty) ctx.io.stderr(`Value for ${name} (input hidden; Enter to finish): `)
      const value = (await ctx.io.readSecret()).replace(/\r?\n$/, '')
      if (value === '') {
        throw new CommandError({
          code: 'INVALID_INPUT',
          message: 'No value given on stdin; nothing was stored.',
        })
      }
      const saved = await ctx.call('secrets.set', { skill, name, value })
      ctx.output(saved, () => `Stored ${name} for ${skill} in the OS keychain.`)
    })

  secrets
    .command('list')
    .description('names of stored credentials (never values)')
    .argument('[skill]')
    .action(async (skill?: string) => {
      const names = await ctx.call('secrets.list', skill === undefined ? {} : { skill })
      ctx.output(names, () =>
        names.length === 0
          ? 'No credentials stored.'
          : table([['SKILL', 'NAME'], ...names.map((n) => [n.skill, n.name])]),
      )
    })

  secrets
    .command('delete')
    .description('remove a stored credential')
    .argument('<skill>')
    .argument('<name>')
    .action(async (skill: string, name: string) => {
      const result = await ctx.call('secrets.delete', { skill, name })
      ctx.output(result, () =>
        result.deleted ? `Deleted ${name} of ${skill}.` : `${skill} had no ${name}; nothing to delete.`,
      )
    })
}
