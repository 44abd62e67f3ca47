import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { DEFAULT_PORT, removeRunningInstance, writeRunningInstance } from '../../core/app'
import { startServer } from '../../http/server'
import { appRoot, type CliContext } from '../context'

/** serve: the web UI, the route bridge and the MCP endpoint on 127.0.0.1 until interrupted. */
export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('headless mode: web UI + route bridge + MCP endpoint on 127.0.0.1')
    .option('--port <n>', 'port to listen on (0 picks a free one)', String(DEFAULT_PORT))
    .option('--no-ui', 'serve the API and MCP endpoint only')
    .action(async (opts: { port: string; ui: boolean }) => {
      const uiDir = join(appRoot, 'out', 'renderer')
      if (opts.ui && !existsSync(join(uiDir, 'index.html'))) {
        ctx.io.stderr(
          `warning: the web UI is not built (${uiDir}); run \`npm run build\`. Serving the API only.\n`,
        )
      }
      const core = ctx.open({ watch: true })
      const server = await startServer({ core, port: Number(opts.port), uiDir: opts.ui ? uiDir : null })
      // `skilldock mcp` finds this instance here and bridges stdio clients to it.
      writeRunningInstance(ctx.home, { port: server.port, pid: process.pid, mcpUrl: server.mcpUrl })
      try {
        ctx.io.stdout(JSON.stringify({ url: server.url, mcpUrl: server.mcpUrl }) + '\n')
        ctx.io.stderr(`SkillDock is serving ${server.url}\nPress Ctrl+C to stop.\n`)
        await new Promise<void>((resolve) => {
          const stop = () => resolve()
          process.once('SIGINT', stop)
          process.once('SIGTERM', stop)
        })
      } finally {
        removeRunningInstance(ctx.home)
        await server.close()
      }
    })
}
