import type { Result } from '../contract'

export const INVOKE_CHANNEL = 'skilldock:invoke'
export const EVENT_CHANNEL = 'skilldock:event'

/** Routes answered by the desktop shell itself (prefix `desktop.`), not by the core. */
export type ShellRoutes = Record<string, (input: unknown) => unknown>

export interface IpcRouterOptions<E> {
  /** The core's dispatcher (`core.invoke`): validates input and never throws. */
  invoke: (route: string, input: unknown) => Promise<Result<unknown>>
  /** The sender check, given the raw IPC event. */
  isTrusted: (event: E) => boolean
  shell?: ShellRoutes
}

const refused: Result<unknown> = {
  ok: false,
  error: { code: 'UNAUTHORIZED', message: 'IPC from a frame other than the SkillDock window was refused.' },
}

/**
 * The `skilldock:invoke` handler: refuses untrusted senders before anything runs, answers shell
 * routes, and hands every other route to the core. Always resolves to a Result, never throws,
 * because Electron drops the fields of errors thrown across IPC.
 */
export function createIpcInvokeHandler<E>(
  options: IpcRouterOptions<E>,
): (event: E, route: unknown, input: unknown) => Promise<Result<unknown>> {
  return async (event, route, input) => {
    if (!options.isTrusted(event)) return refused
    if (typeof route !== 'string') {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'The route name must be a string.' } }
    }
    const shellRoute = options.shell && Object.hasOwn(options.shell, route) ? options.shell[route] : undefined
    if (shellRoute) {
      try {
        return { ok: true, data: await shellRoute(input) }
      } catch (err) {
        return { ok: false, error: { code: 'INTERNAL', message: (err as Error).message } }
      }
    }
    try {
      return await options.invoke(route, input)
    } catch (err) {
      return { ok: false, error: { code: 'INTERNAL', message: (err as Error).message } }
    }
  }
}

/** The part of a WebContents the event forwarder uses. */
export interface EventTarget {
  isDestroyed(): boolean
  send(channel: string, ...args: unknown[]): void
}

/** Forwards a named event to the window unless it is gone (closing windows must not throw). */
export function forwardEvent(target: EventTarget, name: string, payload: unknown): void {
  if (!target.isDestroyed()) target.send(EVENT_CHANNEL, name, payload)
}
