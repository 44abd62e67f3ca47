import { z } from 'zod'

/** Compositions, schedules, the job queue and webhooks; spread into the route map. */
export const automationRoutes = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>
