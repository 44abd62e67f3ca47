import type {
  AppErrorJson,
  DesktopEventName,
  DesktopEventPayload,
  DesktopRouteInput,
  DesktopRouteName,
  DesktopRouteOutput,
  ErrorCode,
  EventName,
  EventPayload,
  Result,
  RouteInput,
  RouteName,
  RouteOutput,
} from '../../src-main/contract'
import { openEventStream, type EventStream, type FetchLike } from './eventStream'
import { takeSessionToken, type HistoryLike, type LocationLike, type StorageLike } from './sessionToken'

/** What src-preload exposes as `window.skilldock` in the desktop app. */
export interface SkillDockBridge {
  invoke(route: string, input: unknown): Promise<Result<unknown>>
  on(event: string, callback: (payload: unknown) => void): () => void
}

declare global {
  interface Window {
    skilldock?: SkillDockBridge
  }
}

/** A route call that came back `{ ok: false }`, or never reached the core. */
export class BridgeError extends Error {
  override readonly name = 'BridgeError'
  readonly code: ErrorCode
  readonly details: Record<string, unknown> | undefined

  constructor(error: AppErrorJson) {
    super(error.message)
    this.code = error.code
    this.details = error.details
  }
}

export const SESSION_EXPIRED_MESSAGE =
  'This SkillDock session’s link has expired — open the URL printed by `skilldock serve` again.'

/** The one way the renderer talks to the core, over IPC (desktop) or HTTP (serve mode). */
export interface ApiClient {
  readonly transport: 'ipc' | 'http'
  /** Calls a route; resolves with its output or rejects with a BridgeError. */
  invoke<N extends RouteName>(route: N, input: RouteInput<N>): Promise<RouteOutput<N>>
  /** Subscribes to a core event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void
  /** Called once the server rejects the serve-mode token (HTTP 401/403). Never fires over IPC. */
  onUnauthorized(callback: () => void): () => void
}

export interface ApiClientOptions {
  /** The preload bridge; when present, IPC is used and the HTTP options are ignored. */
  bridge?: SkillDockBridge | undefined
  fetch?: FetchLike
  location?: LocationLike
  history?: HistoryLike
  storage?: StorageLike
}

/** Builds the client, choosing the transport once: the preload bridge if present, else HTTP. */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  return options.bridge ? createIpcClient(options.bridge) : createHttpClient(options)
}

/** The desktop shell's own routes and events (contract/desktop.ts); there is no shell in serve mode. */
export interface DesktopApi {
  /** Calls a shell route; resolves with its output or rejects with a BridgeError. */
  invoke<N extends DesktopRouteName>(route: N, input: DesktopRouteInput<N>): Promise<DesktopRouteOutput<N>>
  /** Subscribes to a shell event; returns the unsubscribe function. */
  on<E extends DesktopEventName>(event: E, callback: (payload: DesktopEventPayload<E>) => void): () => void
}

/** The shell's routes and events over the preload bridge (desktop only). */
export function createDesktopApi(bridge: SkillDockBridge): DesktopApi {
  return {
    async invoke(route, input) {
      return unwrap(route, await callBridge(bridge, route, input)) as DesktopRouteOutput<typeof route>
    },
    on(event, callback) {
      return bridge.on(event, (payload) => callback(payload as DesktopEventPayload<typeof event>))
    },
  }
}

/** The bridge's answer to one call; a bridge that fails outright is an INTERNAL error naming the route. */
async function callBridge(bridge: SkillDockBridge, route: string, input: unknown): Promise<Result<unknown>> {
  try {
    return await bridge.invoke(route, input)
  } catch (error) {
    throw new BridgeError({
      code: 'INTERNAL',
      message: `SkillDock did not answer ${route}: ${describe(error)}`,
    })
  }
}

function createIpcClient(bridge: SkillDockBridge): ApiClient {
  return {
    transport: 'ipc',
    async invoke(route, input) {
      return unwrap(route, await callBridge(bridge, route, input))
    },
    on(event, callback) {
      return bridge.on(event, (payload) => callback(payload as EventPayload<typeof event>))
    },
    onUnauthorized() {
      return () => {}
    },
  }
}

function createHttpClient(options: ApiClientOptions): ApiClient {
  // Wrapped rather than passed along: calling window.fetch detached from window throws.
  const fetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const token = takeSessionToken(
    options.location ?? window.location,
    options.history ?? window.history,
    options.storage ?? window.sessionStorage,
  )
  const headers = (): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {})

  const unauthorizedListeners = new Set<() => void>()
  let unauthorized = false
  const markUnauthorized = (): void => {
    if (unauthorized) return
    unauthorized = true
    for (const listener of unauthorizedListeners) listener()
  }

  const eventListeners = new Map<string, Set<(payload: unknown) => void>>()
  let stream: EventStream | null = null
  const dispatchEvent = (name: string, data: string): void => {
    const listeners = eventListeners.get(name)
    if (!listeners) return
    let payload: unknown
    try {
      payload = JSON.parse(data)
    } catch {
      return
    }
    for (const listener of listeners) listener(payload)
  }

  return {
    transport: 'http',
    async invoke(route, input) {
      let response: Response
      try {
        response = await fetch(`/api/invoke/${route}`, {
          method: 'POST',
          headers: { ...headers(), 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        })
      } catch (error) {
        throw new BridgeError({
          code: 'INTERNAL',
          message: `Could not reach SkillDock (${describe(error)}). Is \`skilldock serve\` still running?`,
        })
      }
      if (response.status === 401 || response.status === 403) {
        markUnauthorized()
        throw new BridgeError({ code: 'UNAUTHORIZED', message: SESSION_EXPIRED_MESSAGE })
      }
      let body: unknown
      try {
        body = await response.json()
      } catch {
        throw new BridgeError({
          code: 'INTERNAL',
          message: `SkillDock answered ${route} with HTTP ${response.status}.`,
        })
      }
      return unwrap(route, body)
    },
    on(event, callback) {
      let listeners = eventListeners.get(event)
      if (!listeners) eventListeners.set(event, (listeners = new Set()))
      const listener = (payload: unknown): void => callback(payload as EventPayload<typeof event>)
      listeners.add(listener)
      stream ??= openEventStream({
        fetch,
        url: '/api/events',
        headers,
        onEvent: (message) => dispatchEvent(message.event, message.data),
        onUnauthorized: markUnauthorized,
        // Changes made while the stream was down were not seen: have every view reload.
        onReconnect: () => dispatchEvent('skills.changed', JSON.stringify({ names: [] })),
      })
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) eventListeners.delete(event)
        // The stream only runs while someone listens.
        if (eventListeners.size === 0 && stream) {
          stream.close()
          stream = null
        }
      }
    },
    onUnauthorized(callback) {
      unauthorizedListeners.add(callback)
      if (unauthorized) callback()
      return () => unauthorizedListeners.delete(callback)
    },
  }
}

function unwrap<N extends RouteName>(route: N, result: unknown): RouteOutput<N>
function unwrap(route: string, result: unknown): unknown
function unwrap(route: string, result: unknown): unknown {
  if (isResult(result)) {
    if (result.ok) return result.data
    throw new BridgeError(result.error)
  }
  throw new BridgeError({
    code: 'INTERNAL',
    message: `SkillDock answered ${route} with an unreadable response.`,
  })
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  if (value.ok === true) return true
  if (value.ok !== false || !('error' in value)) return false
  const error = value.error
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
