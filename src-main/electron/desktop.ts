import { app, dialog } from 'electron'
import { createCore, type Core } from '../core/app'
import { bindIpc } from './ipc'
import { createMainWindow } from './window'

/** Starts the desktop app: one core, one window, the IPC bridge, and a clean quit. */
export function startDesktop(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  let core: Core | null = null
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
    void core.dispose().finally(() => app.quit())
  })
}
