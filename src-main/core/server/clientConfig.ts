import type { McpClientConfig, McpClientKind } from '../../contract/clients'

export interface LaunchCommand {
  command: string
  args: string[]
  env?: Record<string, string>
}

export interface ConfigInput {
  client: McpClientKind
  /** The HTTP endpoint, e.g. http://127.0.0.1:7545/mcp. */
  mcpUrl: string
  /** How to start `skilldock` from outside (for stdio clients). */
  launch: LaunchCommand
  /** The client's bearer token (HTTP clients only). */
  token?: string
}

/** Environment variable Codex reads the bearer token from (Codex refuses inline tokens). */
export const CODEX_TOKEN_ENV = 'SKILLDOCK_TOKEN'

const SERVER_NAME = 'skilldock'
const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n'
const tomlString = (value: string): string => JSON.stringify(value)
const shellQuote = (value: string): string =>
  /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`

/** Whether the client connects over HTTP (with a token) rather than launching `skilldock mcp`. */
export const usesHttp = (client: McpClientKind): boolean => client !== 'claude-desktop'

/**
 * A ready-to-paste configuration: stdio for Claude Desktop (it launches servers), Streamable HTTP
 * with the client's bearer token for the others.
 */
export function clientConfig(input: ConfigInput): McpClientConfig {
  const auth = `Bearer ${input.token ?? '<token>'}`
  switch (input.client) {
    case 'claude-desktop': {
      const server = {
        command: input.launch.command,
        args: input.launch.args,
        ...(input.launch.env && { env: input.launch.env }),
      }
      return {
        client: input.client,
        format: 'json',
        target: 'claude_desktop_config.json (Settings → Developer → Edit Config), merged into "mcpServers"',
        text: json({ mcpServers: { [SERVER_NAME]: server } }),
      }
    }
    case 'claude-code':
      return {
        client: input.client,
        format: 'shell',
        target: 'a terminal',
        text:
          [
            'claude',
            'mcp',
            'add',
            '--transport',
            'http',
            SERVER_NAME,
            input.mcpUrl,
            '--header',
            `Authorization: ${auth}`,
          ]
            .map(shellQuote)
            .join(' ') + '\n',
      }
    case 'cursor':
      return {
        client: input.client,
        format: 'json',
        target: '~/.cursor/mcp.json (or .cursor/mcp.json in a project), merged into "mcpServers"',
        text: json({
          mcpServers: { [SERVER_NAME]: { url: input.mcpUrl, headers: { Authorization: auth } } },
        }),
      }
    case 'vscode':
      return {
        client: input.client,
        format: 'json',
        target:
          '.vscode/mcp.json (or the user mcp.json: "MCP: Open User Configuration"), merged into "servers"',
        text: json({
          servers: { [SERVER_NAME]: { type: 'http', url: input.mcpUrl, headers: { Authorization: auth } } },
        }),
      }
    case 'codex':
      return {
        client: input.client,
        format: 'toml',
        target: `~/.codex/config.toml; Codex reads the token from $${CODEX_TOKEN_ENV}`,
        text: [
          `# Before starting Codex: export ${CODEX_TOKEN_ENV}=${shellQuote(input.token ?? '<token>')}`,
          `[mcp_servers.${SERVER_NAME}]`,
          `url = ${tomlString(input.mcpUrl)}`,
          `bearer_token_env_var = ${tomlString(CODEX_TOKEN_ENV)}`,
          '',
        ].join('\n'),
      }
  }
}
