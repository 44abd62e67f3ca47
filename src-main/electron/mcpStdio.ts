/**
 * The desktop app as an MCP stdio server. The packaged app's fuses turn ELECTRON_RUN_AS_NODE off,
 * so an MCP client cannot run the bundled CLI script with the app's executable; instead it starts
 * the app itself with `--mcp-stdio`, and the entry runs `skilldock mcp` with no window.
 * Plain functions (no electron import), so they are unit-tested under Node.
 */

/** The argument that makes the app an MCP stdio server. */
export const MCP_STDIO_FLAG = '--mcp-stdio'

/** The options `--mcp-stdio` passes on to `skilldock mcp`; each takes a value. */
const PASSED_ON = new Set(['--client', '--home'])

/**
 * The `skilldock` arguments of a `--mcp-stdio` launch, or null for a normal start. Only `--client`
 * and `--home` may follow the flag: whoever starts the app gets an MCP server, not the whole CLI.
 */
export function mcpStdioArgs(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(MCP_STDIO_FLAG)
  if (at < 0) return null
  const rest = argv.slice(at + 1)
  const args = ['mcp']
  for (let i = 0; i < rest.length; i += 2) {
    const option = rest[i]!
    const value = rest[i + 1]
    if (!PASSED_ON.has(option) || value === undefined || value.startsWith('-')) {
      throw new Error(
        `${MCP_STDIO_FLAG} takes only --client <name> and --home <dir>; "${option}" is not one of them.`,
      )
    }
    args.push(option, value)
  }
  return args
}

/**
 * How an MCP client launches this app as a stdio server: the app's own executable with
 * `--mcp-stdio` (unpackaged, Electron needs the app folder first). No environment is needed.
 */
export function desktopMcpLauncher(app: { isPackaged: boolean; execPath: string; appPath: string }): {
  command: string
  args: string[]
} {
  return { command: app.execPath, args: app.isPackaged ? [MCP_STDIO_FLAG] : [app.appPath, MCP_STDIO_FLAG] }
}
