import type { Disposable } from '../base/disposable'
import type { Logger } from '../base/logger'
import type { JobQueue } from './jobQueue'

/** What drives the worker: a repeating timer (tests pass one they fire by hand). */
export interface AutomationTimer {
  every(ms: number, tick: () => Promise<void>): Disposable
}

/** The real timer; it never keeps the process alive by itself. */
export const intervalTimer: AutomationTimer = {
  every(ms, tick) {
    const timer = setInterval(() => void tick(), ms)
    timer.unref()
    return { dispose: () => clearInterval(timer) }
  },
}

/** How often the worker looks for due schedules and jobs. */
export const WORKER_INTERVAL_MS = 1000

/**
 * How many jobs one worker runs at once: a job that takes long (or waits for a person to approve its
 * call) does not hold up the others or the schedules.
 */
export const JOB_CONCURRENCY = 4
/** Attempts one lane makes before it lets the next tick take over. */
const ATTEMPTS_PER_LANE = 50

/**
 * Runs due schedules and jobs in long-running modes (serve, desktop). Several workers may share a
 * data home (the app and `skilldock serve`): each job is claimed by one of them under a lease that
 * the worker renews on every tick. A job whose lease ran out lost its worker (the process died) and
 * is queued again; a worker that shuts down gives its running jobs back at once.
 */
export class AutomationWorker implements Disposable {
  private readonly subscription: Disposable
  /** Lanes running jobs now; each claims due jobs one after another until none is due. */
  private lanes = 0
  private disposed = false
  /** Aborted at shutdown: a job's call waiting for approval stops waiting (the call expires). */
  private readonly stopping = new AbortController()

  constructor(
    private readonly deps: {
      queue: JobQueue
      timer: AutomationTimer
      logger: Logger
    },
  ) {
    const requeued = deps.queue.requeueAbandoned()
    if (requeued > 0) deps.logger.log('info', 'jobs whose worker stopped run again', { requeued })
    this.subscription = deps.timer.every(WORKER_INTERVAL_MS, () => this.tick())
  }

  /**
   * One pass: renew the leases of running jobs, fire due schedules, then start due jobs in the free
   * lanes. Resolves when the jobs this pass started are done (jobs still running from an earlier
   * pass, e.g. one waiting for approval, are not waited for).
   */
  tick(): Promise<void> {
    if (this.disposed) return Promise.resolve()
    try {
      if (this.lanes > 0) this.deps.queue.renewLeases()
      this.deps.queue.requeueAbandoned()
      this.deps.queue.expireKeys()
      this.deps.queue.fireDueSchedules()
    } catch (err) {
      // A closed database at shutdown, or a bug: the next pass tries again; nothing is lost.
      if (!this.disposed) this.deps.logger.log('error', 'automation pass failed', { error: String(err) })
    }
    const started: Promise<void>[] = []
    while (this.lanes < JOB_CONCURRENCY) {
      this.lanes++
      started.push(
        this.lane().finally(() => {
          this.lanes--
        }),
      )
    }
    return Promise.all(started).then(() => undefined)
  }

  private async lane(): Promise<void> {
    const stopped = () => this.disposed
    try {
      for (let n = 0; n < ATTEMPTS_PER_LANE && !stopped(); n++) {
        if (!(await this.deps.queue.runNext(stopped, this.stopping.signal))) return
      }
    } catch (err) {
      if (!this.disposed) this.deps.logger.log('error', 'running jobs failed', { error: String(err) })
    }
  }

  /** Stops taking work and gives the jobs it is running back to the queue (they run again). */
  dispose(): void {
    this.disposed = true
    this.subscription.dispose()
    this.stopping.abort()
    try {
      this.deps.queue.requeueAbandoned(true)
    } catch (err) {
      this.deps.logger.log('error', 'could not give running jobs back to the queue', { error: String(err) })
    }
  }
}

/** What one pass did. */
export interface DuePass {
  requeued: number
  keysExpired: number
  schedulesFired: number
  jobsRun: number
}

/**
 * One pass over everything due, for a process that exits afterwards (`worker --once`): jobs whose
 * worker died go back to the queue, expired idempotency keys are released, due schedules fire, and
 * due jobs run until none is left (a failed attempt waits for its backoff, so it is not run again
 * here). Leases are renewed while it runs, so another runner never takes a job from under it.
 */
export async function runDueOnce(queue: JobQueue): Promise<DuePass> {
  const requeued = queue.requeueAbandoned()
  const keysExpired = queue.expireKeys()
  const schedulesFired = queue.fireDueSchedules()
  const renew = setInterval(() => queue.renewLeases(), WORKER_INTERVAL_MS * 10)
  renew.unref()
  let jobsRun = 0
  try {
    for (let ran = await queue.runDue(); ran > 0; ran = await queue.runDue()) jobsRun += ran
  } finally {
    clearInterval(renew)
  }
  return { requeued, keysExpired, schedulesFired, jobsRun }
}
