import { z } from 'zod'

/** Events the core pushes to the UI (webContents.send in desktop, SSE in serve mode). */
export const events = {
  /** Skills were added, removed, re-indexed or changed state. */
  'skills.changed': z.object({ names: z.array(z.string()) }),
}

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<N extends EventName> = z.infer<Events[N]>
