import { z } from 'zod'
import type { Route } from './routes'

/**
 * The desktop shell's own routes and events: answered by src-main/electron (not the core) over the
 * same IPC bridge, so they exist only in the desktop app, never in serve mode.
 */

/** The IPC channels of the preload bridge: route calls (core and shell) go on one, events on the other. */
export const INVOKE_CHANNEL = 'skilldock:invoke'
export const EVENT_CHANNEL = 'skilldock:event'

/** A `skilldock://install?source=…` link the shell parsed; the renderer asks before installing. */
export const InstallRequest = z.object({
  kind: z.literal('install'),
  /** Exactly what the link asked to install, shown verbatim to the user. */
  source: z.string().min(1),
  /** `path` for a local folder (absolute path or file:// URL), `url` for anything remote. */
  sourceKind: z.enum(['path', 'url']),
  /** The local path when sourceKind is `path`. */
  path: z.string().nullable(),
})
export type InstallRequest = z.infer<typeof InstallRequest>

export const desktopRoutes = {
  /** Install requests that arrived before the window listened; later ones come as events. */
  'desktop.takeInstallRequests': { input: z.object({}).strict(), output: z.array(InstallRequest) },
} satisfies Record<string, Route>

export const desktopEvents = {
  /** A deep-link install request arrived while the window was listening. */
  'desktop.installRequest': InstallRequest,
}

export type DesktopRoutes = typeof desktopRoutes
export type DesktopRouteName = keyof DesktopRoutes
export type DesktopRouteInput<N extends DesktopRouteName> = z.input<DesktopRoutes[N]['input']>
export type DesktopRouteOutput<N extends DesktopRouteName> = z.infer<DesktopRoutes[N]['output']>
export type DesktopEvents = typeof desktopEvents
export type DesktopEventName = keyof DesktopEvents
export type DesktopEventPayload<E extends DesktopEventName> = z.infer<DesktopEvents[E]>
