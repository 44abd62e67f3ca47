import type { Result } from '../contract'
import {
  type DesktopEventName,
  type DesktopEventPayload,
  desktopRoutes,
  type DesktopRoutes,
  EVENT_CHANNEL,
} from '../contract/desktop'
import { AppError, dispatchRoute, type RouteHandlers } from '../core/app'

export { EVENT_CHANNEL, INVOKE_CHANNEL } from '../contract/desktop'

/** Routes answered by the desktop shell itself (contract/desktop.ts), not by the core. */
export type ShellRoutes = RouteHandlers<DesktopRoutes>

export interface IpcRouterOptions<E> {
  /** The core's dispatcher (`core.invoke`): validates input and never throws. */
  invoke: (route: string, input: unknown) => Promise<Result<unknown>>
  /** The sender check, given the raw IPC event. */
  isTrusted: (event: E) => boolean
  shell: ShellRoutes
}

const refused: Result<unknown> = {
  ok: false,
  error: { code: 'UNAUTHORIZED', message: 'IPC from a frame other than the SkillDock window was refused.' },
}

/**
 * The `skilldock:invoke` handler: refuses untrusted senders before anything runs, answers shell
 * routes (validated like core routes; an AppError keeps its code), and hands every other route to
 * the core. Always resolves to a Result, never throws, because Electron drops the fields of errors
 * thrown across IPC.
 */
export function createIpcInvokeHandler<E>(
  options: IpcRouterOptions<E>,
): (event: E, route: unknown, input: unknown) => Promise<Result<unknown>> {
  return async (event, route, input) => {
    if (!options.isTrusted(event)) return refused
    if (typeof route !== 'string') {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'The route name must be a string.' } }
    }
    if (Object.hasOwn(desktopRoutes, route)) return dispatchRoute(desktopRoutes, options.shell, route, input)
    try {
      return await options.invoke(route, input)
    } catch (err) {
      return { ok: false, error: AppError.from(err).toJSON() }
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

/** Sends one of the shell's own events (contract/desktop.ts) to the window. */
export function sendDesktopEvent<E extends DesktopEventName>(
  target: EventTarget,
  name: E,
  payload: DesktopEventPayload<E>,
): void {
  forwardEvent(target, name, payload)
}
