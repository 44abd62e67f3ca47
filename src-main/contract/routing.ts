import { z } from 'zod'

/** Routing a plain-language query to a skill and tool, feedback and the golden-file hit rate; spread into the route map. */
export const routingRoutes = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>
