import { type Command, Option } from 'commander'
import { type ClientMode, McpClientKind } from '../../contract/clients'
import type { CliContext } from '../context'
import { table } from '../format'
import { runStdioServer } from '../stdio'

/** mcp, mcp-config and clients: how MCP clients reach SkillDock. */
export function registerMcpCommands(program: Command, ctx: CliContext): void {
  program
    .command('mcp')
    .description('MCP over stdio, for clients that launch servers (bridges to a running SkillDock if any)')
    .option('--client <name>', 'the SkillDock client this connection acts as (created when missing)', 'stdio')
    .action(async (opts: { client: string }) => {
      await runStdioServer(ctx, opts.client)
    })

  program
    .command('mcp-config')
    .description('print a ready-to-paste configuration for an MCP client')
    .addOption(
      new Option('--client <client>', 'the MCP client').choices(McpClientKind.options).makeOptionMandatory(),
    )
    .action(async (opts: { client: McpClientKind }) => {
      const config = await ctx.call('mcp.config', { client: opts.client })
      if (ctx.json) return ctx.printJson(config)
      ctx.io.stderr(`# ${config.target}\n`)
      ctx.io.stdout(config.text)
    })

  const clients = program.command('clients').description('named clients of the MCP endpoint and their tokens')

  clients
    .command('add')
    .description('create a client with a new token (printed once)')
    .argument('<name>')
    .addOption(
      new Option('--mode <mode>', 'how skills are served').choices(['catalog', 'direct']).default('catalog'),
    )
    .action(async (name: string, opts: { mode: ClientMode }) => {
      const created = await ctx.call('clients.add', { name, mode: opts.mode })
      ctx.output(created, () =>
        [
          `Created client ${created.name} (${created.mode} mode). Its token, shown only this once:`,
          '',
          `  ${created.token}`,
          '',
          'Send it as "Authorization: Bearer <token>" to the MCP endpoint (see `skilldock serve`).',
          'It is also kept in the OS keychain for `skilldock mcp --client ' + created.name + '`.',
        ].join('\n'),
      )
    })

  clients
    .command('list')
    .description('the clients (never their tokens)')
    .action(async () => {
      const list = await ctx.call('clients.list', {})
      ctx.output(list, () =>
        list.length === 0
          ? 'No clients yet. Create one with `skilldock clients add <name>`.'
          : table([
              ['NAME', 'MODE', 'CREATED', 'LAST USED'],
              ...list.map((c) => [c.name, c.mode, c.createdAt, c.lastUsedAt ?? 'never']),
            ]),
      )
    })

  clients
    .command('remove')
    .description('delete a client; its token stops working at once')
    .argument('<name>')
    .action(async (name: string) => {
      const result = await ctx.call('clients.remove', { name })
      ctx.output(result, () => `Removed client ${result.removed}; its token no longer works.`)
    })
}
