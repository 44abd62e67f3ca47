import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import type { Core } from '../core/app'

/** The renderer may only call from the main frame of our own window. */
function fromOurWindow(event: IpcMainInvokeEvent, win: BrowserWindow): boolean {
  return event.sender === win.webContents && event.senderFrame === win.webContents.mainFrame
}

/** Binds the route map to IPC and forwards core events to the window. Returns the unbinder. */
export function bindIpc(core: Core, win: BrowserWindow): () => void {
  ipcMain.handle('skilldock:invoke', (event, route: unknown, input: unknown) => {
    if (!fromOurWindow(event, win)) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: 'IPC from an unknown frame was refused.' } }
    }
    return core.invoke(String(route), input)
  })
  const unsubscribe = core.events.onAny((name, payload) => {
    if (!win.isDestroyed()) win.webContents.send('skilldock:event', name, payload)
  })
  return () => {
    ipcMain.removeHandler('skilldock:invoke')
    unsubscribe()
  }
}
