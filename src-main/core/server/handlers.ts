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
}

/** How an MCP client outside SkillDock starts `skilldock mcp` for this data home. */
export function launchCommand(deps: McpHandlerDeps, clientName: string): LaunchCommand {
  const args = [join(deps.appRoot, 'resources', 'bin', 'skilldock.cjs'), 'mcp', '--client', clientName]
  if (deps.home !== defaultHome(deps.env)) args.push('--home', deps.home)
  // Inside the desktop app the executable is Electron, which runs scripts as Node when told to.
  const electron = process.versions.electron !== undefined
  return { command: process.execPath, args, ...(electron && { env: { ELECTRON_RUN_AS_NODE: '1' } }) }
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
