// Electron entry: wiring only. The desktop app serves the same MCP endpoint as `skilldock serve`.
import { DEFAULT_PORT, removeRunningInstance, writeRunningInstance } from './core/app'
import { startDesktop } from './electron/desktop'
import { startServer } from './http/server'

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
