import { join } from 'node:path'
import type { Handlers } from '../dispatch'
import { defaultHome } from '../paths'
import type { ClientRegistry } from './clients'
import { clientConfig, type LaunchCommand, usesHttp } from './clientConfig'
import { readRunningInstance } from './instanceFile'

export type McpRouteName = 'clients.add' | 'clients.list' | 'clients.remove' | 'mcp.config' | 'mcp.endpoint'

export interface McpHandlerDeps {
  clients: ClientRegistry
  home: string
  appRoot: string
  /** The port the endpoint uses when no instance is running (serve's default). */
  defaultPort: number
  env: NodeJS.ProcessEnv
  /** How MCP clients start this app as a stdio server (the desktop app: its own executable). */
  launcher?: LaunchCommand
}

/**
 * How an MCP client outside SkillDock starts `skilldock mcp` for this data home: the desktop app's
 * launcher when there is one (its fuses forbid ELECTRON_RUN_AS_NODE, so never that), else Node
 * running the bundled CLI script.
 */
export function launchCommand(
  deps: Pick<McpHandlerDeps, 'appRoot' | 'home' | 'env' | 'launcher'>,
  clientName: string,
): LaunchCommand {
  const home = deps.home !== defaultHome(deps.env) ? ['--home', deps.home] : []
  if (deps.launcher) {
    return {
      command: deps.launcher.command,
      args: [...deps.launcher.args, '--client', clientName, ...home],
      ...(deps.launcher.env && { env: deps.launcher.env }),
    }
  }
  const script = join(deps.appRoot, 'resources', 'bin', 'skilldock.cjs')
  return { command: process.execPath, args: [script, 'mcp', '--client', clientName, ...home] }
}

/** Route handlers of the MCP endpoint's clients and configuration snippets. */
export function mcpHandlers(deps: McpHandlerDeps): Pick<Handlers, McpRouteName> {
  return {
    'clients.add': ({ name, mode }) => deps.clients.add(name, mode),
    'clients.list': () => deps.clients.list(),
    'clients.remove': ({ name }) => deps.clients.remove(name),
    'mcp.endpoint': () => {
      const running = readRunningInstance(deps.home)
      return running
        ? { url: running.mcpUrl, running: true, port: running.port }
        : { url: `http://127.0.0.1:${deps.defaultPort}/mcp`, running: false, port: null }
    },
    'mcp.config': async ({ client, withToken }) => {
      const running = readRunningInstance(deps.home)
      const mcpUrl = running?.mcpUrl ?? `http://127.0.0.1:${deps.defaultPort}/mcp`
      // Looking at a configuration must not mint a token: only an explicit request does.
      const token =
        usesHttp(client) && withToken !== false ? (await deps.clients.ensureToken(client)).token : undefined
      const config = clientConfig({ client, mcpUrl, launch: launchCommand(deps, client), token })
      return token === undefined ? config : { ...config, token }
    },
  }
}
