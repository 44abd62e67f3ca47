import type { EventName, EventPayload } from '../contract/events'
import { Emitter } from './base/emitter'

export type CoreEventMap = { [N in EventName]: EventPayload<N> }

/** The core's event bus; the IPC and SSE bridges forward everything on it. */
export class CoreEvents extends Emitter<CoreEventMap> {}
