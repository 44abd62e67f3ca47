import { join } from 'node:path'
import { app, type BrowserWindow, dialog, Notification } from 'electron'
import { createCore, resolveHome, type Core } from '../core/app'
import { APP_ORIGIN } from './appProtocol'
import { DEEP_LINK_SCHEME, DeepLinkInbox, findDeepLink } from './deepLink'
import { bindIpc } from './ipc'
import { sendDesktopEvent } from './ipcRouter'
import { appLocations, disposeWithin } from './lifecycle'
import { desktopMcpLauncher } from './mcpStdio'
import { openPrefsStore, type PrefsStore } from './prefs'
import { registerAppScheme, secureDefaultSession } from './protocol'
import { allowedRendererOrigins } from './senderCheck'
import { ShellNotifier } from './shellNotifier'
import { AppTray } from './tray'
import { readWaiting } from './trayMenu'
import { boundsToSave, createMainWindow, hardenWebContents } from './window'

export interface DesktopOptions {
  /** Starts the local MCP endpoint (the HTTP server) for the core; wired in by the entry point. */
  startEndpoint?: (core: Core) => Promise<{ mcpUrl: string; close: () => Promise<void> }>
}

/** How long quitting waits for skill servers to stop and the DB to close. */
const DISPOSE_TIMEOUT_MS = 5_000

/** Starts the desktop app: one core, one window, the IPC bridge, the MCP endpoint and a clean quit. */
export function startDesktop(options: DesktopOptions = {}): void {
  // The data home is the CLI's (SKILLDOCK_HOME, else the OS app-data folder "SkillDock" = userData).
  // Set before the lock: the single-instance lock is per userData, so one app per data home.
  const home = resolveHome()
  app.setPath('userData', home)
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  registerAppScheme()
  if (!app.isDefaultProtocolClient(DEEP_LINK_SCHEME)) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)

  const links = new DeepLinkInbox()
  let win: BrowserWindow | null = null
  let core: Core | null = null
  let endpoint: { close: () => Promise<void> } | null = null
  let tray: AppTray | null = null
  let notifier: ShellNotifier | null = null

  const showWindow = (route?: string): void => {
    if (!win || win.isDestroyed()) return
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
    if (route) void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(route)}`)
  }
  const receiveLink = (raw: string | null): void => {
    if (raw && links.receive(raw)) showWindow()
  }

  app.on('second-instance', (_event, argv) => {
    showWindow()
    receiveLink(findDeepLink(argv))
  })
  // macOS delivers deep links as open-url, possibly before ready.
  app.on('open-url', (event, url) => {
    event.preventDefault()
    receiveLink(url)
  })
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))

  app.whenReady().then(
    async () => {
      const locations = appLocations({
        isPackaged: app.isPackaged,
        appPath: app.getAppPath(),
        resourcesPath: process.resourcesPath,
        mainDir: __dirname,
      })
      secureDefaultSession(locations.rendererDir)
      try {
        core = createCore({
          home,
          appRoot: locations.appRoot,
          resourcesDir: locations.resourcesDir,
          watch: true,
          // `npm start` builds better-sqlite3 for Electron's ABI separately from the Node build.
          nativeBinding: process.env.SKILLDOCK_SQLITE_BINDING || undefined,
          // Stdio MCP clients start this app itself with --mcp-stdio (see src-main/index.ts).
          mcpLauncher: desktopMcpLauncher({
            isPackaged: app.isPackaged,
            execPath: process.execPath,
            appPath: app.getAppPath(),
          }),
        })
      } catch (err) {
        dialog.showErrorBox('SkillDock could not start', (err as Error).message)
        app.exit(1)
        return
      }
      const started = core
      options
        .startEndpoint?.(started)
        .then((ep) => {
          endpoint = ep
        })
        .catch((err: unknown) => {
          // Another SkillDock (or program) holds the port: the app still works, MCP clients use the other one.
          dialog.showErrorBox('The MCP endpoint could not start', (err as Error).message)
        })

      const prefs: PrefsStore | null = await openPrefsStore().catch(() => null)
      const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
      const window = createMainWindow({ savedBounds: prefs?.get('windowBounds'), devServerUrl })
      win = window
      if (prefs?.get('maximized')) window.maximize()
      window.on('close', () => {
        prefs?.set('windowBounds', boundsToSave(window))
        prefs?.set('maximized', window.isMaximized())
      })
      const unbind = bindIpc(started, window, allowedRendererOrigins(APP_ORIGIN, devServerUrl), {
        // The renderer's install dialog asks once it listens; later links arrive as events.
        'desktop.takeInstallRequests': () =>
          links.take((request) => sendDesktopEvent(window.webContents, 'desktop.installRequest', request)),
      })
      window.on('closed', () => {
        unbind()
        win = null
      })

      // Skill requests and held calls; events can come in bursts, so only the newest read is shown.
      let waitingRead = 0
      const refreshPending = (): void => {
        const read = ++waitingRead
        void readWaiting(started.invoke).then((waiting) => {
          if (read === waitingRead) tray?.update(waiting)
        })
      }
      try {
        tray = new AppTray(join(locations.resourcesDir, 'icons'), {
          show: showWindow,
          quit: () => app.quit(),
        })
      } catch {
        tray = null // Some Linux desktops have no tray; the window and notifications still work.
      }
      notifier = new ShellNotifier(
        started.events,
        (notice) => {
          if (!Notification.isSupported()) return
          const n = new Notification({ title: notice.title, body: notice.body })
          n.on('click', () => showWindow(notice.route))
          n.show()
        },
        refreshPending,
      )
      refreshPending()
      receiveLink(findDeepLink(process.argv))
    },
    (err: unknown) => {
      dialog.showErrorBox('SkillDock could not start', String(err))
      app.exit(1)
    },
  )

  app.on('window-all-closed', () => app.quit())
  let quitting = false
  app.on('before-quit', (event) => {
    if (quitting || !core) return
    event.preventDefault()
    quitting = true
    notifier?.dispose()
    tray?.dispose()
    const running = core
    void (async () => {
      await Promise.race([endpoint?.close().catch(() => undefined), delay(1_000)])
      await disposeWithin(() => running.dispose(), DISPOSE_TIMEOUT_MS)
      app.exit(0)
    })()
  })
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
