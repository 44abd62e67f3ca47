// Electron entry: wiring only. The desktop app serves the same MCP endpoint as `skilldock serve`;
// started by an MCP client with --mcp-stdio, it is that client's stdio server and opens no window.
import { app } from 'electron'
import { processIo, runCli } from './cli/main'
import { DEFAULT_PORT, removeRunningInstance, writeRunningInstance } from './core/app'
import { startDesktop } from './electron/desktop'
import { appLocations } from './electron/lifecycle'
import { mcpStdioArgs } from './electron/mcpStdio'
import { startServer } from './http/server'

/** `skilldock mcp` in this process: no window, no tray, no single-instance lock (the app may be open). */
function runMcpStdio(args: string[]): void {
  app.dock?.hide()
  const locations = appLocations({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    mainDir: __dirname,
  })
  const io = {
    ...processIo(),
    app: {
      appRoot: locations.appRoot,
      resourcesDir: locations.resourcesDir,
      nativeBinding: process.env.SKILLDOCK_SQLITE_BINDING || undefined,
    },
  }
  void runCli(args, io).then((code) => app.exit(code))
}

/** The `skilldock mcp` arguments of a --mcp-stdio start, null for a normal one; bad ones end the process. */
function stdioArgs(): string[] | null {
  try {
    return mcpStdioArgs(process.argv)
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`)
    return process.exit(2)
  }
}

const stdio = stdioArgs()
if (stdio) runMcpStdio(stdio)
else
  startDesktop({
    startEndpoint: async (core) => {
      const server = await startServer({ core, port: DEFAULT_PORT, uiDir: null })
      writeRunningInstance(core.paths.home, { port: server.port, pid: process.pid, mcpUrl: server.mcpUrl })
      return {
        mcpUrl: server.mcpUrl,
        close: async () => {
          removeRunningInstance(core.paths.home)
          await server.close()
        },
      }
    },
  })
