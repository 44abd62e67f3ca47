import { z } from 'zod'
import { Approval, ToolCallResult } from './models'

const SkillName = z.string().min(1).max(200)
const ToolName = z.string().min(1).max(200)
const Args = z.record(z.string(), z.unknown())

/** One step of a composite: a tool of a skill. */
export const CompositeStep = z.object({ skill: z.string(), tool: z.string() })
export type CompositeStep = z.infer<typeof CompositeStep>

/** What one step of a composite run did. */
export const CompositeStepRun = z.object({
  /** 0-based index of the step group (steps of one group run in parallel). */
  group: z.number().int(),
  skill: z.string(),
  tool: z.string(),
  ok: z.boolean(),
  /** The step's structuredContent, else its text parsed as JSON, else its text. */
  output: z.unknown(),
  text: z.string(),
  error: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string(),
  durationMs: z.number(),
})
export type CompositeStepRun = z.infer<typeof CompositeStepRun>

/** A run (or dry run, or some groups) of a composite skill. */
export const CompositeRun = z.object({
  name: z.string(),
  /** The plan: step groups in order; the steps of one group run in parallel. */
  plan: z.array(z.array(CompositeStep)),
  dryRun: z.boolean(),
  steps: z.array(CompositeStepRun),
  /** The output of the last group that ran (a group of several steps: keyed by `skill/tool`). */
  output: z.unknown(),
  ok: z.boolean(),
  /** Where to continue in step-through mode: the next group and the arguments it gets; null when done. */
  next: z.object({ group: z.number().int(), arguments: Args }).nullable(),
})
export type CompositeRun = z.infer<typeof CompositeRun>

export const JobState = z.enum(['pending', 'running', 'succeeded', 'failed'])
export type JobState = z.infer<typeof JobState>

/** What came of a schedule's last firing: the job it queued (and how that went), or why it queued none. */
export const ScheduleOutcome = z.object({
  /** The job the firing queued; null when it could not queue one (e.g. the skill was removed). */
  jobId: z.string().nullable(),
  /** The job's state now; `failed` when no job could be queued. */
  state: JobState,
  error: z.string().nullable(),
})
export type ScheduleOutcome = z.infer<typeof ScheduleOutcome>

export const ScheduleInfo = z.object({
  id: z.string(),
  skill: z.string(),
  tool: z.string(),
  arguments: Args,
  everySeconds: z.number().int().nullable(),
  at: z.string().nullable(),
  /** When it fires next; null once a one-off schedule has fired. */
  nextRunAt: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  /** null until the schedule first fires. */
  lastOutcome: ScheduleOutcome.nullable(),
  createdAt: z.string(),
})
export type ScheduleInfo = z.infer<typeof ScheduleInfo>

export const JobInfo = z.object({
  id: z.string(),
  skill: z.string(),
  tool: z.string(),
  arguments: Args,
  key: z.string().nullable(),
  state: JobState,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** When the next attempt is due (pending jobs). */
  runAt: z.string(),
  lastError: z.string().nullable(),
  result: ToolCallResult.nullable(),
  /** `job` (enqueued by a person) or `schedule` (fired by a schedule). */
  origin: z.enum(['job', 'schedule']),
  scheduleId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type JobInfo = z.infer<typeof JobInfo>

export const WebhookInfo = z.object({
  id: z.string(),
  skill: z.string(),
  tool: z.string(),
  /** The path on the serve/desktop server: `/hooks/<id>`. */
  path: z.string(),
  createdAt: z.string(),
  lastCalledAt: z.string().nullable(),
})
export type WebhookInfo = z.infer<typeof WebhookInfo>

const HookId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and "-", starting with a letter or digit')

/** `<skill>/<tool>` steps; `|` joins steps that run in parallel. */
const StepSpec = z.string().min(3).max(2000)

/** Events of the job queue; spread into the event map. */
export const automationEvents = {
  /** A job was queued, claimed, retried or finished, or a schedule fired (the Automation screen refreshes). */
  'jobs.changed': z.object({ id: z.string(), state: JobState }),
}

/** A composite skill in the catalog and its steps. */
export const CompositeInfo = z.object({
  name: z.string(),
  /** The skill's lifecycle state (a new composite waits in the approval inbox as `pending`). */
  state: z.string(),
  description: z.string(),
  plan: z.array(z.array(CompositeStep)),
})
export type CompositeInfo = z.infer<typeof CompositeInfo>

/** Compositions, schedules, the job queue and webhooks; spread into the route map. */
export const automationRoutes = {
  /** The composite skills of the catalog (any state), by name. */
  'compose.list': { input: z.object({}).strict(), output: z.array(CompositeInfo) },
  /** Creates a composite skill as a draft (SKILL.md with the steps) and submits it to governance. */
  'compose.create': {
    input: z
      .object({
        name: SkillName,
        steps: z.array(StepSpec).min(1).max(50),
        description: z.string().min(1).max(1024).optional(),
      })
      .strict(),
    output: z.object({ name: z.string(), plan: z.array(z.array(CompositeStep)), approval: Approval }),
  },
  /**
   * Runs a composite (a person at the UI or CLI; steps still pass through the call policies).
   * `dryRun` returns the plan without calling anything; `fromGroup` + `groups` run only some groups
   * (step-through: pass back `next.arguments` and `next.group`).
   */
  'compose.run': {
    input: z
      .object({
        name: SkillName,
        arguments: Args.optional(),
        dryRun: z.boolean().optional(),
        fromGroup: z.number().int().min(0).optional(),
        groups: z.number().int().min(1).optional(),
      })
      .strict(),
    output: CompositeRun,
  },
  /** Runs a tool every interval (`30s`, `15m`, `1h`, `1d`) or once at a time; fired by serve/desktop. */
  'schedules.add': {
    input: z
      .object({
        skill: SkillName,
        tool: ToolName,
        arguments: Args.optional(),
        every: z.string().min(2).max(20).optional(),
        at: z.string().min(1).max(40).optional(),
      })
      .strict()
      .refine((v) => (v.every === undefined) !== (v.at === undefined), 'give exactly one of every or at'),
    output: ScheduleInfo,
  },
  'schedules.list': { input: z.object({}).strict(), output: z.array(ScheduleInfo) },
  'schedules.remove': {
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ removed: z.string() }),
  },
  /** Queues a tool call; the same idempotency key gives back the job it first made. */
  'jobs.enqueue': {
    input: z
      .object({
        skill: SkillName,
        tool: ToolName,
        arguments: Args.optional(),
        key: z.string().min(1).max(200).optional(),
        maxAttempts: z.number().int().min(1).max(20).optional(),
      })
      .strict(),
    output: JobInfo.extend({ created: z.boolean() }),
  },
  'jobs.list': {
    input: z
      .object({ state: JobState.optional(), limit: z.number().int().min(1).max(1000).optional() })
      .strict(),
    output: z.array(JobInfo),
  },
  /**
   * One pass of the worker, then returns (`skilldock worker --once`, cron, systemd timers): gives back
   * jobs whose worker died, releases expired idempotency keys, fires due schedules and runs due jobs
   * until none is due. Jobs are claimed under the same leases as serve and the desktop app use.
   */
  'worker.runDue': {
    input: z.object({}).strict(),
    output: z.object({
      requeued: z.number().int(),
      keysExpired: z.number().int(),
      schedulesFired: z.number().int(),
      jobsRun: z.number().int(),
    }),
  },
  /** Adds a webhook; its secret is kept in the OS keychain and returned only this once. */
  'webhooks.add': {
    input: z.object({ id: HookId, skill: SkillName, tool: ToolName }).strict(),
    output: WebhookInfo.extend({ secret: z.string() }),
  },
  'webhooks.list': { input: z.object({}).strict(), output: z.array(WebhookInfo) },
  'webhooks.remove': {
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ removed: z.string() }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>
