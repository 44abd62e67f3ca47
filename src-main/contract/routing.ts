import { z } from 'zod'
import { ToolCallResult } from './models'

/** How a query becomes calls: one step, steps in sequence passing output on, or independent parts at once. */
export const RouteMode = z.enum(['single', 'pipeline', 'parallel'])
export type RouteMode = z.infer<typeof RouteMode>

/** Where the chosen skill and tool came from. */
export const RouteChoiceSource = z.enum(['lexical', 'feedback', 'model'])
export type RouteChoiceSource = z.infer<typeof RouteChoiceSource>

/** A runner-up of one step. */
export const RouteAlternative = z.object({
  skill: z.string(),
  tool: z.string().nullable(),
  score: z.number(),
})

/** The plan for one part of a query: which skill and tool, with which arguments, and why. */
export const RouteStep = z.object({
  /** The part of the query this step answers. */
  query: z.string(),
  skill: z.string(),
  /** Null for a skill without tools (instructions only): nothing to execute. */
  tool: z.string().nullable(),
  arguments: z.record(z.string(), z.unknown()),
  /** Required arguments the query did not give; execution needs them (`--args`). */
  missing: z.array(z.string()),
  /** In a pipeline, the argument that receives the previous step's output. */
  piped: z.string().nullable(),
  score: z.number(),
  source: RouteChoiceSource,
  /** Plain reasons: matched terms, feedback, the model's choice or why it was not used. */
  reasons: z.array(z.string()),
  alternatives: z.array(RouteAlternative),
})
export type RouteStep = z.infer<typeof RouteStep>

export const RoutePlan = z.object({
  query: z.string(),
  mode: RouteMode,
  steps: z.array(RouteStep),
  /** The model provider asked, or null when routing stayed offline. */
  model: z.string().nullable(),
})
export type RoutePlan = z.infer<typeof RoutePlan>

/** What happened when one step ran (`--trace`). */
export const RouteTraceStep = z.object({
  index: z.number().int(),
  skill: z.string(),
  tool: z.string().nullable(),
  arguments: z.record(z.string(), z.unknown()),
  durationMs: z.number(),
  outcome: z.enum(['ok', 'error', 'skipped']),
  error: z.string().nullable(),
  result: ToolCallResult.nullable(),
})
export type RouteTraceStep = z.infer<typeof RouteTraceStep>

export const RouteRun = z.object({
  plan: RoutePlan,
  trace: z.array(RouteTraceStep),
  /** True when every step ran without an error. */
  ok: z.boolean(),
  /** The last step's result (pipeline), the only one (single), or null when parallel or nothing ran. */
  result: ToolCallResult.nullable(),
})
export type RouteRun = z.infer<typeof RouteRun>

/** A stored routing correction. */
export const RouteFeedback = z.object({
  id: z.number().int(),
  query: z.string(),
  skill: z.string(),
  tool: z.string().nullable(),
  createdAt: z.string(),
})
export type RouteFeedback = z.infer<typeof RouteFeedback>

/** `<skill>` or `<skill>/<tool>`. */
const Expected = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[a-z0-9][a-z0-9-]*(\/[^/\s]+)?$/, 'expected `<skill>` or `<skill>/<tool>`')

export const GoldenCase = z.object({ query: z.string().min(1).max(2000), expected: Expected })
export type GoldenCase = z.infer<typeof GoldenCase>

export const GoldenReport = z.object({
  total: z.number().int(),
  hits: z.number().int(),
  /** hits / total, 0–1. */
  hitRate: z.number(),
  results: z.array(
    z.object({
      query: z.string(),
      expected: z.string(),
      /** `<skill>/<tool>` (or `<skill>`) routing chose, null when nothing matched. */
      got: z.string().nullable(),
      hit: z.boolean(),
      /** Why a miss could not have been a hit here (the expected skill is not usable), else null. */
      note: z.string().nullable(),
    }),
  ),
})
export type GoldenReport = z.infer<typeof GoldenReport>

const RouteQueryInput = z
  .object({
    query: z.string().trim().min(1).max(4000),
    mode: RouteMode.optional(),
    /** Only skills carrying one of these tags are candidates. */
    tags: z.array(z.string().min(1).max(100)).max(20).optional(),
    /** Never ask the model, even when a provider is configured. */
    offline: z.boolean().optional(),
    /** Arguments given by the person; they override what routing worked out (with several steps, each takes those its tool has). */
    arguments: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()

/** Routing a plain-language query to a skill and tool, feedback and the golden-file hit rate; spread into the route map. */
export const routingRoutes = {
  /** The plan for a query: skill, tool, arguments and why, per step. Nothing runs. */
  'route.plan': { input: RouteQueryInput, output: RoutePlan },
  /** Plans and runs the query through the call pipeline (policies apply, origin `run`); each step is traced. */
  'route.run': { input: RouteQueryInput, output: RouteRun },
  /** Records that a query should have gone to a skill (optionally a tool); later routing prefers it. */
  'feedback.add': {
    input: z.object({ query: z.string().trim().min(1).max(4000), expected: Expected }).strict(),
    output: RouteFeedback,
  },
  /** Stored corrections, newest first. */
  'feedback.list': { input: z.object({}).strict(), output: z.array(RouteFeedback) },
  /** Routes each golden query offline (no model) and reports the hit rate and the misses. */
  'metrics.golden': {
    input: z.object({ cases: z.array(GoldenCase).min(1).max(2000) }).strict(),
    output: GoldenReport,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>
