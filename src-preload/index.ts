import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type {
  EVENT_CHANNEL as EventChannel,
  INVOKE_CHANNEL as InvokeChannel,
  Result,
} from '../src-main/contract'

/** The contract's channel names (contract/desktop.ts); the preload imports only types, so the types check these copies. */
const INVOKE_CHANNEL: typeof InvokeChannel = 'skilldock:invoke'
const EVENT_CHANNEL: typeof EventChannel = 'skilldock:event'

/**
 * The whole renderer bridge: one call path and one event path, both keyed by contract names.
 * No logic lives here; validation and dispatch happen in main.
 */
contextBridge.exposeInMainWorld('skilldock', {
  invoke: (route: string, input: unknown): Promise<Result<unknown>> =>
    ipcRenderer.invoke(INVOKE_CHANNEL, route, input),

  on: (event: string, callback: (payload: unknown) => void): (() => void) => {
    const listener = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) callback(payload)
    }
    ipcRenderer.on(EVENT_CHANNEL, listener)
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener)
    }
  },
})
