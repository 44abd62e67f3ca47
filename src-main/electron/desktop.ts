import { app, dialog } from 'electron'
import { createCore, type Core } from '../core/app'
import { bindIpc } from './ipc'
import { createMainWindow } from './window'

export interface DesktopOptions {
  /** Starts the local MCP endpoint (the HTTP server) for the core; wired in by the entry point. */
  startEndpoint?: (core: Core) => Promise<{ mcpUrl: string; close: () => Promise<void> }>
}

/** Starts the desktop app: one core, one window, the IPC bridge, the MCP endpoint and a clean quit. */
export function startDesktop(options: DesktopOptions = {}): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  let core: Core | null = null
  let endpoint: { close: () => Promise<void> } | null = null
  app.whenReady().then(
    () => {
      try {
        core = createCore({
          home: process.env.SKILLDOCK_HOME || app.getPath('userData'),
          appRoot: app.getAppPath(),
          watch: true,
          // `npm start` builds better-sqlite3 for Electron's ABI separately from the Node build.
          nativeBinding: process.env.SKILLDOCK_SQLITE_BINDING || undefined,
        })
      } catch (err) {
        dialog.showErrorBox('SkillDock could not start', (err as Error).message)
        app.exit(1)
        return
      }
      options
        .startEndpoint?.(core)
        .then((started) => {
          endpoint = started
        })
        .catch((err: unknown) => {
          // Another SkillDock (or program) holds the port: the app still works, MCP clients use the other one.
          dialog.showErrorBox('The MCP endpoint could not start', (err as Error).message)
        })
      const win = createMainWindow()
      const unbind = bindIpc(core, win)
      app.on('second-instance', () => {
        if (win.isMinimized()) win.restore()
        win.focus()
      })
      win.on('closed', unbind)
    },
    (err: unknown) => {
      dialog.showErrorBox('SkillDock could not start', String(err))
      app.exit(1)
    },
  )
  app.on('window-all-closed', () => app.quit())
  let disposed = false
  app.on('before-quit', (event) => {
    if (disposed || !core) return
    event.preventDefault()
    disposed = true
    void (endpoint?.close() ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => core?.dispose())
      .finally(() => app.quit())
  })
}
