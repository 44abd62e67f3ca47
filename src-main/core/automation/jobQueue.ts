import { randomUUID } from 'node:crypto'
import type { JobInfo, JobState, ScheduleInfo } from '../../contract/automation'
import type { ToolCallResult } from '../../contract/models'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { Logger } from '../base/logger'
import type { CallPipeline } from '../policy/callPipeline'
import type { AuditRepository } from '../storage/auditRepository'
import type { AutomationRepository } from '../storage/automationRepository'

export const DEFAULT_MAX_ATTEMPTS = 3
/** The first retry waits this long; each further one twice as long, up to BACKOFF_MAX_MS. */
export const BACKOFF_BASE_MS = 30_000
export const BACKOFF_MAX_MS = 60 * 60_000
/**
 * How long a worker's claim on a running job holds without renewal. The worker renews it on every
 * tick (each second) while the job runs; a job whose lease ran out lost its worker and runs again.
 */
export const LEASE_MS = 60_000
/** A schedule fires at most this often. */
export const MIN_INTERVAL_SECONDS = 10
/**
 * How long an idempotency key names its job: 24 hours after the job was queued the key expires, and
 * the same key queues a new job (a retry tomorrow is new work, not a duplicate).
 */
export const KEY_TTL_MS = 24 * 60 * 60_000

/** Wait before attempt `attempt + 1`, after `attempt` failed attempts (1-based). */
export function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1))
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 }

/** `90s`, `15m`, `1h`, `2d` → seconds. */
export function parseInterval(text: string): number {
  const match = /^(\d+)\s*([smhd])$/.exec(text.trim().toLowerCase())
  const seconds = match?.[1] && match[2] ? Number(match[1]) * (UNITS[match[2]] ?? 0) : NaN
  if (!Number.isSafeInteger(seconds) || seconds < MIN_INTERVAL_SECONDS) {
    throw new AppError(
      'INVALID_INPUT',
      `"${text}" is not an interval; write a number and a unit (s, m, h or d), at least ${MIN_INTERVAL_SECONDS}s, e.g. 15m or 1h.`,
    )
  }
  return seconds
}

export interface JobQueueDeps {
  store: AutomationRepository
  audit: AuditRepository
  calls: CallPipeline
  clock: Clock
  logger: Logger
  /** Checks that a skill exists (throws NOT_FOUND). */
  requireSkill: (name: string) => void
  /** Who claims jobs: one id per process (per core). */
  workerId: string
  /** Tells the UI a job changed. */
  changed?: (job: { id: string; state: JobState }) => void
}

interface EnqueueInput {
  skill: string
  tool: string
  arguments?: Record<string, unknown>
  key?: string
  maxAttempts?: number
}

/** The persistent job queue and the schedules that feed it; `runDue` is driven by the worker. */
export class JobQueue {
  constructor(private readonly deps: JobQueueDeps) {}

  enqueue(input: EnqueueInput, origin: JobInfo['origin'] = 'job', scheduleId: string | null = null) {
    this.deps.requireSkill(input.skill)
    const now = isoNow(this.deps.clock)
    const { job, created } = this.deps.store.enqueue(
      {
        id: randomUUID(),
        skill: input.skill,
        tool: input.tool,
        arguments: input.arguments ?? {},
        key: input.key ?? null,
        maxAttempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        runAt: now,
        origin,
        scheduleId,
      },
      now,
      this.keysSince(),
    )
    if (!created && (job.skill !== input.skill || job.tool !== input.tool)) {
      throw new AppError(
        'CONFLICT',
        `The idempotency key "${input.key}" already belongs to a job for ${job.skill}/${job.tool}; use another key.`,
      )
    }
    if (created) {
      this.audit('job.enqueue', job, 'ok', { origin })
      this.deps.changed?.(job)
    }
    return { ...job, created }
  }

  list(state?: JobState, limit?: number): JobInfo[] {
    return this.deps.store.jobs(state, limit)
  }

  addSchedule(input: {
    skill: string
    tool: string
    arguments?: Record<string, unknown>
    every?: string
    at?: string
  }): ScheduleInfo {
    this.deps.requireSkill(input.skill)
    const now = this.deps.clock.now()
    const everySeconds = input.every !== undefined ? parseInterval(input.every) : null
    let at: string | null = null
    if (input.at !== undefined) {
      const time = Date.parse(input.at)
      if (Number.isNaN(time) || !/\d{4}-\d{2}-\d{2}/.test(input.at)) {
        throw new AppError(
          'INVALID_INPUT',
          `"${input.at}" is not a time; write an ISO time such as 2030-01-31T09:00:00Z.`,
        )
      }
      if (time <= now.getTime()) {
        throw new AppError(
          'INVALID_INPUT',
          `${new Date(time).toISOString()} is in the past; pick a later time.`,
        )
      }
      at = new Date(time).toISOString()
    }
    const next = at ?? new Date(now.getTime() + everySeconds! * 1000).toISOString()
    const schedule = this.deps.store.addSchedule({
      id: randomUUID().slice(0, 8),
      skill: input.skill,
      tool: input.tool,
      arguments: input.arguments ?? {},
      everySeconds,
      at,
      nextRunAt: next,
      createdAt: now.toISOString(),
    })
    this.deps.audit.append(
      {
        actor: 'user',
        action: 'schedule.add',
        skillName: schedule.skill,
        outcome: 'ok',
        detail: { schedule: schedule.id, tool: schedule.tool, everySeconds, at },
      },
      now.toISOString(),
    )
    return schedule
  }

  removeSchedule(id: string): { removed: string } {
    if (!this.deps.store.removeSchedule(id)) {
      throw new AppError('NOT_FOUND', `No schedule with id "${id}"; see \`skilldock schedule list\`.`)
    }
    return { removed: id }
  }

  /**
   * Turns every due schedule into one job; interval schedules move to their next time from now, so
   * runs missed while SkillDock was down fire once, not once per missed interval.
   */
  fireDueSchedules(): number {
    const now = this.deps.clock.now()
    let fired = 0
    for (const s of this.deps.store.dueSchedules(now.toISOString())) {
      const next =
        s.everySeconds !== null ? new Date(now.getTime() + s.everySeconds * 1000).toISOString() : null
      // Another worker on this data home fired it first.
      if (!this.deps.store.markFired(s.id, s.nextRunAt!, now.toISOString(), next)) continue
      fired++
      try {
        const job = this.enqueue({ skill: s.skill, tool: s.tool, arguments: s.arguments }, 'schedule', s.id)
        this.deps.store.recordFiring(s.id, job.id, null)
        this.audit('schedule.fire', job, 'ok', { schedule: s.id, next })
      } catch (err) {
        const error = AppError.from(err).message
        this.deps.store.recordFiring(s.id, null, error)
        this.deps.audit.append(
          {
            actor: 'scheduler',
            action: 'schedule.fire',
            skillName: s.skill,
            outcome: 'error',
            detail: { schedule: s.id, tool: s.tool, error },
          },
          now.toISOString(),
        )
      }
    }
    return fired
  }

  /** Releases idempotency keys older than KEY_TTL_MS; returns how many. */
  expireKeys(): number {
    return this.deps.store.expireKeys(this.keysSince())
  }

  private keysSince(): string {
    return new Date(this.deps.clock.now().getTime() - KEY_TTL_MS).toISOString()
  }

  /** Extends the leases of the jobs this worker is running (called on every worker tick). */
  renewLeases(): void {
    this.deps.store.renewLeases(this.deps.workerId, this.leaseUntil())
  }

  /**
   * Queues again the running jobs whose worker died (lease expired) and, with `own`, the ones this
   * worker holds (at its shutdown). Returns how many.
   */
  requeueAbandoned(own = false): number {
    const ids = this.deps.store.requeueAbandoned(
      isoNow(this.deps.clock),
      own ? this.deps.workerId : undefined,
    )
    for (const id of ids) this.deps.changed?.({ id, state: 'pending' })
    return ids.length
  }

  /** Claims and runs due jobs one at a time (at most 50 a pass); returns how many attempts were made. */
  async runDue(stopped: () => boolean = () => false): Promise<number> {
    let attempts = 0
    while (attempts < 50 && !stopped() && (await this.runNext(stopped))) attempts++
    return attempts
  }

  /**
   * Claims the next due job and makes one attempt at it; false when no job was due. `signal` ends
   * the attempt's wait for approval (at shutdown: the held call expires and the job is given back).
   */
  async runNext(stopped: () => boolean = () => false, signal?: AbortSignal): Promise<boolean> {
    const job = this.deps.store.claimNext(this.deps.workerId, isoNow(this.deps.clock), this.leaseUntil())
    if (!job) return false
    this.deps.changed?.(job)
    await this.attempt(job, stopped, signal)
    return true
  }

  private leaseUntil(): string {
    return new Date(this.deps.clock.now().getTime() + LEASE_MS).toISOString()
  }

  private async attempt(job: JobInfo, stopped: () => boolean, signal?: AbortSignal): Promise<void> {
    let result: ToolCallResult | null = null
    let error: string | null = null
    try {
      result = await this.deps.calls.call({
        skill: job.skill,
        tool: job.tool,
        args: job.arguments,
        client: 'user',
        origin: job.origin === 'schedule' ? 'schedule' : 'job',
        signal,
      })
      if (result.isError) error = errorText(result)
    } catch (err) {
      error = AppError.from(err).message
    }
    // Cut off by shutdown: the worker gave the job back to the queue; it runs again, not as a failure.
    if (stopped()) return
    const now = this.deps.clock.now()
    const worker = this.deps.workerId
    if (error === null) {
      if (!this.deps.store.finish(job.id, worker, 'succeeded', result, null, now.toISOString()))
        return this.lost(job)
      this.audit('job.run', job, 'ok', { attempt: job.attempts })
      this.deps.changed?.({ id: job.id, state: 'succeeded' })
    } else if (job.attempts < job.maxAttempts) {
      const runAt = new Date(now.getTime() + backoffMs(job.attempts)).toISOString()
      if (!this.deps.store.retryAt(job.id, worker, runAt, error, now.toISOString())) return this.lost(job)
      this.audit('job.run', job, 'retry', { attempt: job.attempts, error, retryAt: runAt })
      this.deps.changed?.({ id: job.id, state: 'pending' })
    } else {
      if (!this.deps.store.finish(job.id, worker, 'failed', result, error, now.toISOString()))
        return this.lost(job)
      this.audit('job.run', job, 'failed', { attempt: job.attempts, error })
      this.deps.changed?.({ id: job.id, state: 'failed' })
    }
  }

  /** The lease ran out mid-call (e.g. the process was suspended) and the job is another worker's now. */
  private lost(job: JobInfo): void {
    this.deps.logger.log('warn', 'a job outlived its lease; its result was dropped', { job: job.id })
  }

  private audit(action: string, job: JobInfo, outcome: string, detail: Record<string, unknown>): void {
    this.deps.audit.append(
      {
        actor: job.origin === 'schedule' ? 'scheduler' : 'user',
        action,
        skillName: job.skill,
        client: 'user',
        outcome,
        detail: { job: job.id, tool: job.tool, ...(job.key ? { key: job.key } : {}), ...detail },
      },
      isoNow(this.deps.clock),
    )
  }
}

function errorText(result: ToolCallResult): string {
  const text = result.content
    .filter((c) => c.type === 'text' && typeof c.text === 'string')
    .map((c) => String(c.text))
    .join('\n')
  return (text || 'the tool reported an error').slice(0, 2000)
}
