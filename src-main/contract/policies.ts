import { z } from 'zod'

/** Call policies, roles and client permissions, rate limits, pending call approvals; spread into the route map. */
export const policyRoutes = {} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>
