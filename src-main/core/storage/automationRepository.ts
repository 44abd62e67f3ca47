import type { JobInfo, JobState, ScheduleInfo, WebhookInfo } from '../../contract/automation'
import type { ToolCallResult } from '../../contract/models'
import type { Db } from './database'

type Row = Record<string, unknown>

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null)
const args = (v: unknown): Record<string, unknown> => JSON.parse(String(v ?? '{}')) as Record<string, unknown>

function toSchedule(r: Row): ScheduleInfo {
  const jobState = str(r.job_state) as JobState | null
  const fireError = str(r.last_error)
  return {
    id: String(r.id),
    skill: String(r.skill),
    tool: String(r.tool),
    arguments: args(r.args_json),
    everySeconds: num(r.every_seconds),
    at: str(r.at),
    nextRunAt: str(r.next_run_at),
    lastRunAt: str(r.last_run_at),
    lastOutcome:
      fireError !== null
        ? { jobId: null, state: 'failed', error: fireError }
        : jobState !== null
          ? { jobId: str(r.last_job_id), state: jobState, error: str(r.job_error) }
          : null,
    createdAt: String(r.created_at),
  }
}

/** Schedules with the state of the job their last firing queued. */
const SCHEDULES = `SELECT s.*, j.state AS job_state, j.last_error AS job_error
  FROM schedules s LEFT JOIN jobs j ON j.id = s.last_job_id`

function toJob(r: Row): JobInfo {
  return {
    id: String(r.id),
    skill: String(r.skill),
    tool: String(r.tool),
    arguments: args(r.args_json),
    key: str(r.idempotency_key),
    state: r.state as JobState,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    runAt: String(r.run_at),
    lastError: str(r.last_error),
    result: r.result_json ? (JSON.parse(String(r.result_json)) as ToolCallResult) : null,
    origin: r.origin as JobInfo['origin'],
    scheduleId: str(r.schedule_id),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  }
}

const toHook = (r: Row): WebhookInfo => ({
  id: String(r.id),
  skill: String(r.skill),
  tool: String(r.tool),
  path: `/hooks/${String(r.id)}`,
  createdAt: String(r.created_at),
  lastCalledAt: str(r.last_called_at),
})

export type NewJob = Pick<
  JobInfo,
  'id' | 'skill' | 'tool' | 'arguments' | 'key' | 'maxAttempts' | 'runAt'
> & {
  origin: JobInfo['origin']
  scheduleId: string | null
}

/** Storage of schedules, the job queue and webhooks. The only place with their SQL. */
export class AutomationRepository {
  constructor(private readonly db: Db) {}

  addSchedule(s: Omit<ScheduleInfo, 'lastRunAt' | 'lastOutcome'>): ScheduleInfo {
    this.db
      .prepare(
        `INSERT INTO schedules (id, skill, tool, args_json, every_seconds, at, next_run_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(s.id, s.skill, s.tool, JSON.stringify(s.arguments), s.everySeconds, s.at, s.nextRunAt, s.createdAt)
    return this.schedule(s.id)!
  }

  schedule(id: string): ScheduleInfo | null {
    const row = this.db.prepare(`${SCHEDULES} WHERE s.id = ?`).get(id) as Row | undefined
    return row ? toSchedule(row) : null
  }

  schedules(): ScheduleInfo[] {
    return (this.db.prepare(`${SCHEDULES} ORDER BY s.created_at, s.id`).all() as Row[]).map(toSchedule)
  }

  dueSchedules(now: string): ScheduleInfo[] {
    const rows = this.db
      .prepare(`${SCHEDULES} WHERE s.next_run_at IS NOT NULL AND s.next_run_at <= ? ORDER BY s.next_run_at`)
      .all(now) as Row[]
    return rows.map(toSchedule)
  }

  /**
   * Takes one firing of a schedule: moves it from `due` to `next` (null: never again). False when
   * another worker took this firing first, so two processes never fire the same run twice.
   */
  markFired(id: string, due: string, at: string, next: string | null): boolean {
    return (
      this.db
        .prepare(
          'UPDATE schedules SET last_run_at = ?, next_run_at = ?, last_job_id = NULL, last_error = NULL WHERE id = ? AND next_run_at = ?',
        )
        .run(at, next, id, due).changes > 0
    )
  }

  /** What the firing made: the job it queued, or why it queued none. */
  recordFiring(id: string, jobId: string | null, error: string | null): void {
    this.db.prepare('UPDATE schedules SET last_job_id = ?, last_error = ? WHERE id = ?').run(jobId, error, id)
  }

  removeSchedule(id: string): boolean {
    return this.db.prepare('DELETE FROM schedules WHERE id = ?').run(id).changes > 0
  }

  /**
   * Releases the idempotency keys of jobs created before `before` (they expire): the jobs stay, the
   * key can name a new job. Returns how many keys were released.
   */
  expireKeys(before: string): number {
    return this.db
      .prepare('UPDATE jobs SET idempotency_key = NULL WHERE idempotency_key IS NOT NULL AND created_at < ?')
      .run(before).changes
  }

  /**
   * Inserts a job unless its idempotency key is taken by a job created since `keysSince`; returns
   * the job with that key either way (an older holder's key has expired and is released).
   */
  enqueue(job: NewJob, now: string, keysSince: string = ''): { job: JobInfo; created: boolean } {
    return this.db.transaction(() => {
      if (job.key !== null) {
        this.db
          .prepare('UPDATE jobs SET idempotency_key = NULL WHERE idempotency_key = ? AND created_at < ?')
          .run(job.key, keysSince)
        const existing = this.db.prepare('SELECT * FROM jobs WHERE idempotency_key = ?').get(job.key) as
          Row | undefined
        if (existing) return { job: toJob(existing), created: false }
      }
      this.db
        .prepare(
          `INSERT INTO jobs (id, skill, tool, args_json, idempotency_key, state, attempts, max_attempts, run_at,
             origin, schedule_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          job.id,
          job.skill,
          job.tool,
          JSON.stringify(job.arguments),
          job.key,
          job.maxAttempts,
          job.runAt,
          job.origin,
          job.scheduleId,
          now,
          now,
        )
      return { job: this.job(job.id)!, created: true }
    })()
  }

  job(id: string): JobInfo | null {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined
    return row ? toJob(row) : null
  }

  jobs(state?: JobState, limit = 200): JobInfo[] {
    const rows = (
      state
        ? this.db
            .prepare('SELECT * FROM jobs WHERE state = ? ORDER BY created_at DESC, id LIMIT ?')
            .all(state, limit)
        : this.db.prepare('SELECT * FROM jobs ORDER BY created_at DESC, id LIMIT ?').all(limit)
    ) as Row[]
    return rows.map(toJob)
  }

  /**
   * Claims the next due job for one attempt by `worker`, leased until `leaseUntil`. One UPDATE, so
   * two workers (the app and `skilldock serve` on one data home) never claim the same job.
   */
  claimNext(worker: string, now: string, leaseUntil: string): JobInfo | null {
    const row = this.db
      .prepare(
        `UPDATE jobs SET state = 'running', attempts = attempts + 1, claimed_by = ?, lease_until = ?, updated_at = ?
         WHERE id = (SELECT id FROM jobs WHERE state = 'pending' AND run_at <= ? ORDER BY run_at, created_at LIMIT 1)
           AND state = 'pending'
         RETURNING *`,
      )
      .get(worker, leaseUntil, now, now) as Row | undefined
    return row ? toJob(row) : null
  }

  /** Extends the leases of the jobs `worker` is running. */
  renewLeases(worker: string, leaseUntil: string): number {
    return this.db
      .prepare(`UPDATE jobs SET lease_until = ? WHERE state = 'running' AND claimed_by = ?`)
      .run(leaseUntil, worker).changes
  }

  /** Ends an attempt `worker` still holds; false when its lease was lost to another worker. */
  finish(
    id: string,
    worker: string,
    state: 'succeeded' | 'failed',
    result: ToolCallResult | null,
    error: string | null,
    now: string,
  ): boolean {
    return (
      this.db
        .prepare(
          `UPDATE jobs SET state = ?, result_json = ?, last_error = ?, claimed_by = NULL, lease_until = NULL,
             updated_at = ? WHERE id = ? AND state = 'running' AND claimed_by = ?`,
        )
        .run(state, result ? JSON.stringify(result) : null, error, now, id, worker).changes > 0
    )
  }

  /** Puts a failed attempt back in the queue for `runAt`; false when the lease was lost. */
  retryAt(id: string, worker: string, runAt: string, error: string, now: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE jobs SET state = 'pending', run_at = ?, last_error = ?, claimed_by = NULL, lease_until = NULL,
             updated_at = ? WHERE id = ? AND state = 'running' AND claimed_by = ?`,
        )
        .run(runAt, error, now, id, worker).changes > 0
    )
  }

  /**
   * Queues again the jobs whose worker is gone: their lease ran out (the process died), or, with
   * `worker`, the ones that worker held when it shut down. Returns their ids.
   */
  requeueAbandoned(now: string, worker?: string): string[] {
    const rows = this.db
      .prepare(
        `UPDATE jobs SET state = 'pending', claimed_by = NULL, lease_until = NULL, updated_at = ?
         WHERE state = 'running' AND (lease_until IS NULL OR lease_until <= ? OR claimed_by = ?)
         RETURNING id`,
      )
      .all(now, now, worker ?? null) as Row[]
    return rows.map((r) => String(r.id))
  }

  addHook(hook: { id: string; skill: string; tool: string; createdAt: string }): WebhookInfo {
    this.db
      .prepare('INSERT INTO webhooks (id, skill, tool, created_at) VALUES (?, ?, ?, ?)')
      .run(hook.id, hook.skill, hook.tool, hook.createdAt)
    return this.hook(hook.id)!
  }

  hook(id: string): WebhookInfo | null {
    const row = this.db.prepare('SELECT * FROM webhooks WHERE id = ?').get(id) as Row | undefined
    return row ? toHook(row) : null
  }

  hooks(): WebhookInfo[] {
    return (this.db.prepare('SELECT * FROM webhooks ORDER BY id').all() as Row[]).map(toHook)
  }

  removeHook(id: string): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM webhook_signatures WHERE hook_id = ?').run(id)
      return this.db.prepare('DELETE FROM webhooks WHERE id = ?').run(id).changes > 0
    })()
  }

  touchHook(id: string, at: string): void {
    this.db.prepare('UPDATE webhooks SET last_called_at = ? WHERE id = ?').run(at, id)
  }

  /**
   * Remembers a signature; false when it was seen before (a replay). Signatures older than
   * `forgetBefore` are outside the accepted window anyway and are dropped.
   */
  rememberSignature(hookId: string, signature: string, at: string, forgetBefore: string): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM webhook_signatures WHERE seen_at < ?').run(forgetBefore)
      const result = this.db
        .prepare('INSERT OR IGNORE INTO webhook_signatures (signature, hook_id, seen_at) VALUES (?, ?, ?)')
        .run(signature, hookId, at)
      return result.changes > 0
    })()
  }
}
