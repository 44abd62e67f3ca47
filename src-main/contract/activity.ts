import { z } from 'zod'

/** One line of the audit log as the Activity screen shows it (never argument values or secrets). */
export const ActivityEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  skill: z.string().nullable(),
  client: z.string().nullable(),
  outcome: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
})
export type ActivityEntry = z.infer<typeof ActivityEntry>

const IsoTime = z.iso.datetime({ offset: true })

/** Filters of the audit log; every one optional, combined with AND. */
export const ActivityQuery = z
  .object({
    skill: z.string().min(1).optional(),
    client: z.string().min(1).optional(),
    outcome: z.string().min(1).optional(),
    /** An action (`tool.call`, `skill.approve`…) or a prefix ending in `.` (`skill.`). */
    action: z.string().min(1).optional(),
    since: IsoTime.optional(),
    until: IsoTime.optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    /** Page backwards: entries with an id below this one (the `nextBefore` of the previous page). */
    before: z.number().int().optional(),
  })
  .strict()
export type ActivityQuery = z.infer<typeof ActivityQuery>

/** Calls, errors and latency of one tool of one skill. */
export const ToolMetrics = z.object({
  skill: z.string(),
  tool: z.string(),
  calls: z.number().int(),
  /** Calls whose outcome was not `ok` (error, timeout, crashed, cancelled, denied…). */
  errors: z.number().int(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  lastUsedAt: z.string().nullable(),
})
export type ToolMetrics = z.infer<typeof ToolMetrics>

/** One time bucket of a skill's calls. */
export const MetricsPoint = z.object({
  start: z.string(),
  calls: z.number().int(),
  errors: z.number().int(),
  p50Ms: z.number().nullable(),
})
export type MetricsPoint = z.infer<typeof MetricsPoint>

/** The audit log and the metrics derived from it; spread into the route map. */
export const activityRoutes = {
  /** The audit log, newest first, filtered; `nextBefore` pages further back (null at the end). */
  'activity.list': {
    input: ActivityQuery,
    output: z.object({ entries: z.array(ActivityEntry), nextBefore: z.number().int().nullable() }),
  },
  /** Per skill and tool: calls, errors, p50/p95 latency, last use (optionally one skill, optionally since a time). */
  'metrics.tools': {
    input: z.object({ skill: z.string().min(1).optional(), since: IsoTime.optional() }).strict(),
    output: z.array(ToolMetrics),
  },
  /** A skill's calls over time in equal buckets ending now (default: 24 buckets over the last 24 hours). */
  'metrics.series': {
    input: z
      .object({
        skill: z.string().min(1),
        tool: z.string().min(1).optional(),
        hours: z
          .number()
          .int()
          .min(1)
          .max(24 * 90)
          .optional(),
        buckets: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    output: z.object({ bucketMinutes: z.number(), points: z.array(MetricsPoint) }),
  },
} as const
