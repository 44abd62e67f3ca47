import { join } from 'node:path'
import { BrowserWindow, screen, shell, type Rectangle } from 'electron'
import { APP_ENTRY_URL } from './appProtocol'
import { restorableBounds } from './lifecycle'
import { decideWindowOpen, isNavigationAllowed } from './navigation'

export interface MainWindowOptions {
  /** Bounds saved from the last run (validated against the current displays). */
  savedBounds?: unknown
  /** The dev server (`npm run dev`); otherwise the renderer comes from app:// */
  devServerUrl?: string | undefined
}

/** The main window: isolated, sandboxed renderer with the preload bridge only. */
export function createMainWindow(options: MainWindowOptions = {}): BrowserWindow {
  const bounds = restorableBounds(
    options.savedBounds,
    screen.getAllDisplays().map((d) => d.workArea),
  )
  const win = new BrowserWindow({
    width: bounds?.width ?? 1200,
    height: bounds?.height ?? 800,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 800,
    minHeight: 500,
    title: 'SkillDock',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would otherwise try to open links in new windows (denied anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(options.devServerUrl || APP_ENTRY_URL)
  return win
}

/**
 * Applied to every WebContents the app creates: no navigation away, no new windows (allow-listed
 * https links open in the browser instead), no <webview>.
 */
export function hardenWebContents(contents: Electron.WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url)
    if (decision.openExternal) void shell.openExternal(decision.openExternal)
    return { action: decision.action }
  })
  const guard = (event: Electron.Event, url: string): void => {
    if (!isNavigationAllowed(contents.getURL(), url)) {
      event.preventDefault()
      const decision = decideWindowOpen(url)
      if (decision.openExternal) void shell.openExternal(decision.openExternal)
    }
  }
  contents.on('will-navigate', guard)
  contents.on('will-redirect', guard)
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** The bounds to save (the normal bounds, so a maximised window restores to its previous size). */
export function boundsToSave(win: BrowserWindow): Rectangle {
  return win.getNormalBounds()
}
