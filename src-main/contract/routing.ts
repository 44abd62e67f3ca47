import { z } from 'zod'
import { Approval, ToolCallResult } from './models'

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
  /** How sure routing is that this skill serves the part (0–1); below the threshold the plan has no match. */
  confidence: z.number(),
  source: RouteChoiceSource,
  /** Plain reasons: matched terms, feedback, the model's choice or why it was not used. */
  reasons: z.array(z.string()),
  alternatives: z.array(RouteAlternative),
})
export type RouteStep = z.infer<typeof RouteStep>

/** A skill considered for a part no skill fits well enough, with how close it came. */
export const RouteCandidate = z.object({
  /** The part of the query it was considered for. */
  query: z.string(),
  skill: z.string(),
  tool: z.string().nullable(),
  score: z.number(),
  confidence: z.number(),
})
export type RouteCandidate = z.infer<typeof RouteCandidate>

export const RoutePlan = z.object({
  query: z.string(),
  mode: RouteMode,
  /** False when some part of the query has no skill that fits: then `steps` is empty and nothing can run. */
  match: z.boolean(),
  /** Which part had no fitting skill and why (null on a match). */
  reason: z.string().nullable(),
  /** On no match: the nearest skills for the part that failed, best first (empty on a match). */
  closest: z.array(RouteCandidate),
  steps: z.array(RouteStep),
  /** The model provider asked, or null when routing stayed offline. */
  model: z.string().nullable(),
  /** The role whose view of the catalog routing used, or null for the whole catalog. */
  role: z.string().nullable(),
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

/** `expected: null` marks a query no skill serves: routing must answer "no skill fits". */
export const GoldenCase = z.object({ query: z.string().min(1).max(2000), expected: Expected.nullable() })
export type GoldenCase = z.infer<typeof GoldenCase>

export const GoldenReport = z.object({
  total: z.number().int(),
  hits: z.number().int(),
  /** hits / total, 0–1 (a query expecting no skill is a hit when routing answers no match). */
  hitRate: z.number(),
  /** Of the queries routing answered with a skill, the share it answered right (0–1; 1 when it answered none). */
  precision: z.number(),
  /** Of the queries that expect a skill, the share routed to it (0–1). */
  recall: z.number(),
  /** The confidence below which routing answers "no skill fits". */
  threshold: z.number(),
  results: z.array(
    z.object({
      query: z.string(),
      /** Null: no skill serves this query. */
      expected: z.string().nullable(),
      /** `<skill>/<tool>` (or `<skill>`) routing chose, null when nothing matched. */
      got: z.string().nullable(),
      hit: z.boolean(),
      /** Why a miss could not have been a hit here (the expected skill is not usable), else null. */
      note: z.string().nullable(),
    }),
  ),
})
export type GoldenReport = z.infer<typeof GoldenReport>

/** How routing did on the golden queries with one description. */
export const OptimizeFigures = z.object({
  description: z.string(),
  hitRate: z.number(),
  precision: z.number(),
  recall: z.number(),
  hits: z.number().int(),
  total: z.number().int(),
})
export type OptimizeFigures = z.infer<typeof OptimizeFigures>

export const OptimizeResult = z.object({
  skill: z.string(),
  /** The description as it is now. */
  baseline: OptimizeFigures,
  variants: z.array(OptimizeFigures),
  /** Index into `variants` of the one that beats the current description (precision, then hit rate), or null. */
  winner: z.number().int().nullable(),
  /** The skill's SKILL.md with the winner's description, to propose as an update (null without a winner). */
  skillMd: z.string().nullable(),
})
export type OptimizeResult = z.infer<typeof OptimizeResult>

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
    /** Route as a client with this role sees the catalog: only skills and tools the role allows. */
    role: z.string().min(1).max(100).optional(),
  })
  .strict()

/** Routing a plain-language query to a skill and tool, feedback and the golden-file hit rate; spread into the route map. */
export const routingRoutes = {
  /** The plan for a query: skill, tool, arguments and why, per step. Nothing runs. */
  'route.plan': { input: RouteQueryInput, output: RoutePlan },
  /** Plans and runs the query through the call pipeline (policies apply, origin `run`); each step is traced. */
  'route.run': { input: RouteQueryInput, output: RouteRun },
  /** Runs a saved plan (from `run --dry-run --plan-path`) as it was planned, through the call pipeline. */
  'route.replay': { input: z.object({ plan: RoutePlan }).strict(), output: RouteRun },
  /** Records that a query should have gone to a skill (optionally a tool); later routing prefers it. */
  'feedback.add': {
    input: z.object({ query: z.string().trim().min(1).max(4000), expected: Expected }).strict(),
    output: RouteFeedback,
  },
  /** Stored corrections, newest first. */
  'feedback.list': { input: z.object({}).strict(), output: z.array(RouteFeedback) },
  /** Asks the configured model for description variants of a skill, aimed at the golden queries. */
  'optimize.variants': {
    input: z
      .object({
        skill: z.string().min(1),
        cases: z.array(GoldenCase).min(1).max(2000),
        count: z.number().int().min(1).max(10),
      })
      .strict(),
    output: z.object({ variants: z.array(z.string()), model: z.string() }),
  },
  /** Measures each description variant on the golden queries against the current one; writes nothing. */
  'optimize.measure': {
    input: z
      .object({
        skill: z.string().min(1),
        cases: z.array(GoldenCase).min(1).max(2000),
        variants: z.array(z.string().max(5000)).min(1).max(20),
      })
      .strict(),
    output: OptimizeResult,
  },
  /**
   * Proposes a new SKILL.md for an approved library skill as a staged update request: the approved
   * version keeps serving until a person approves (then it is swapped in and pinned) or rejects it.
   */
  'optimize.propose': {
    input: z
      .object({
        skill: z.string().min(1),
        skillMd: z.string().min(1).max(200_000),
        reason: z.string().min(1).max(2000),
      })
      .strict(),
    output: Approval,
  },
  /** Routes each golden query offline (no model) and reports the hit rate and the misses. */
  'metrics.golden': {
    input: z.object({ cases: z.array(GoldenCase).min(1).max(2000) }).strict(),
    output: GoldenReport,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>
