import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import type { Core } from '../core/app'
import { createIpcInvokeHandler, forwardEvent, INVOKE_CHANNEL, type ShellRoutes } from './ipcRouter'
import { isTrustedSender } from './senderCheck'

/**
 * Binds the route map to IPC and forwards core events to the window. Every message's sender frame
 * is checked against the app origin. Returns the unbinder.
 */
export function bindIpc(
  core: Core,
  win: BrowserWindow,
  allowedOrigins: readonly string[],
  shell: ShellRoutes,
): () => void {
  const handler = createIpcInvokeHandler<IpcMainInvokeEvent>({
    invoke: core.invoke,
    isTrusted: (event) => isTrustedSender(event, win.webContents, allowedOrigins),
    shell,
  })
  ipcMain.handle(INVOKE_CHANNEL, handler)
  const unsubscribe = core.events.onAny((name, payload) => forwardEvent(win.webContents, name, payload))
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL)
    unsubscribe()
  }
}
