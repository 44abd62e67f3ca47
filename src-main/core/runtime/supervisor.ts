import {
  type CallToolResult,
  ProtocolError,
  ProtocolErrorCode,
  SdkError,
  SdkErrorCode,
} from '@modelcontextprotocol/client'
import type { RuntimeState, RuntimeStatus, ToolInfo } from '../../contract/models'
import { AppError } from '../base/appError'
import { limitExitReason } from './sandboxLimits'
import { CrashAccounting } from './crashAccounting'
import { SkillStarter } from './skillStarter'
import {
  type CallAudit,
  DEFAULT_SUPERVISOR_OPTIONS,
  type Entry,
  formatStderr,
  type Session,
  type SupervisorDeps,
  type SupervisorOptions,
} from './supervisorModel'

export {
  type CallAudit,
  type CrashCounter,
  DEFAULT_SUPERVISOR_OPTIONS,
  type SkillLaunch,
  type SupervisorDeps,
  type SupervisorOptions,
} from './supervisorModel'

/**
 * Runs skill servers: lazy start, idle stop, per-call timeouts and cancellation, crash recovery
 * with exponential backoff, and a skill disabled after a crash loop.
 *
 * A skill that declares `metadata.skilldock.processes: N` (2–4) gets a small pool: its first process
 * (the entry in `entries`, whose state is the skill's) plus up to N − 1 more in `pools`, started in
 * the background when a call arrives while every running one is busy — a call never waits for a
 * process to start when one is already running. Each process is started, pinned and checked like
 * the first, stops after its own idle time, and counts its crashes toward the skill's.
 */
export class ProcessSupervisor {
  private readonly entries = new Map<string, Entry>()
  /** The pool's further processes of skills that declared more than one. */
  private readonly pools = new Map<string, Entry[]>()
  private readonly options: SupervisorOptions
  private disposed = false
  private readonly crashes: CrashAccounting
  private readonly starter: SkillStarter

  constructor(private readonly deps: SupervisorDeps) {
    this.options = { ...DEFAULT_SUPERVISOR_OPTIONS, ...deps.options }
    const setState = (skill: string, e: Entry, state: RuntimeState) => this.setState(skill, e, state)
    this.crashes = new CrashAccounting(deps, this.options, setState)
    this.starter = new SkillStarter({
      deps,
      options: this.options,
      crashes: this.crashes,
      setState,
      scheduleIdle: (skill, e) => this.scheduleIdle(skill, e),
      onExit: (skill, e, session) => this.onExit(skill, e, session),
    })
  }

  status(skill: string): RuntimeStatus {
    const first = this.entries.get(skill)
    const pool = this.pools.get(skill) ?? []
    // The skill's state is its first process's, unless that one is down (backoff, idled out) while
    // another process of its pool still runs: then the skill is running (what the state watch and
    // the Stop button go by).
    const e = (first && !LIVE.has(first.state) && pool.find((x) => LIVE.has(x.state))) || first
    return {
      skill,
      state: e?.state ?? 'stopped',
      pid: (e?.state === 'running' ? e.session?.transport.pid : undefined) ?? null,
      startedAt: e?.state === 'running' ? e.startedAt : null,
      inFlight: [first, ...pool].reduce((n, x) => n + (x?.inFlight ?? 0), 0),
      processes: this.running(skill).length,
      recentCrashes: [first, ...pool].reduce((n, x) => n + (x ? this.crashes.recent(x) : 0), 0),
      lastError: first?.lastError ?? null,
    }
  }

  statuses(): RuntimeStatus[] {
    return [...this.entries.keys()].sort().map((name) => this.status(name))
  }

  /** The last lines the skill's server wrote on stderr (kept after it stopped). */
  stderr(skill: string, lines = 200): string[] {
    const e = this.entries.get(skill)
    return (e?.session?.transport.stderr.tail(lines) ?? e?.lastStderr ?? []).slice(-lines)
  }

  /** The tools from the last handshake; never starts a process unless asked to refresh. */
  async listTools(skill: string, refresh = false): Promise<ToolInfo[]> {
    if (!refresh) return this.deps.loadTools(skill)
    await this.start(skill)
    return this.deps.loadTools(skill)
  }

  /** Starts the skill's server if it is not running; resolves once it answered the handshake. */
  async start(skill: string): Promise<void> {
    await this.session(skill)
  }

  /** Forgets a crash loop (after the user re-enabled the skill). */
  reset(skill: string): void {
    this.deps.crashes?.clear(skill)
    // Pool processes that are down (a crash loop's included) are forgotten; running ones stay.
    const live = (this.pools.get(skill) ?? []).filter((x) => x.session !== null || x.starting !== null)
    this.pools.set(skill, live)
    const e = this.entries.get(skill)
    if (!e || e.session) return
    e.crashes = []
    e.backoffUntil = 0
    e.lastError = null
    this.setState(skill, e, 'stopped')
  }

  async callTool(
    skill: string,
    tool: string,
    args: Record<string, unknown>,
    options: { signal?: AbortSignal; client?: string; origin?: string } = {},
  ): Promise<CallToolResult> {
    const { e, session } = this.poolWhileFirstIsDown(skill) ?? this.pick(skill, await this.session(skill))
    e.inFlight++
    this.clearIdle(e)
    const startedAt = Date.now()
    const timeout = session.launch.callTimeoutMs ?? this.options.callTimeoutMs
    let outcome: CallAudit['outcome'] = 'error'
    try {
      // `request`, not `callTool`: the same call and result validation without callTool's per-call
      // cache look-ups; the output-schema check callTool adds is `outputs.check`.
      const result = (await session.client.request(
        { method: 'tools/call', params: { name: tool, arguments: args } },
        { timeout, signal: options.signal },
      )) as CallToolResult
      session.outputs.check(tool, result)
      outcome = result.isError ? 'error' : 'ok'
      return result
    } catch (err) {
      const mapped = this.mapCallError(skill, tool, session, err, timeout, options.signal)
      outcome =
        mapped.code === 'SKILL_TIMEOUT' ? 'timeout' : mapped.code === 'SKILL_CRASHED' ? 'crashed' : 'error'
      if (options.signal?.aborted) outcome = 'cancelled'
      if (mapped.code === 'SKILL_TIMEOUT') await this.kill(skill, session, `a call to ${tool} timed out`)
      throw mapped
    } finally {
      e.inFlight--
      this.deps.audit({
        skill,
        tool,
        client: options.client ?? 'user',
        origin: options.origin,
        argumentBytes: session.launch.trust === 'trusted' ? 0 : Buffer.byteLength(JSON.stringify(args)),
        durationMs: Date.now() - startedAt,
        outcome,
        trust: session.launch.trust,
      })
      this.scheduleIdle(skill, e)
    }
  }

  /** Stops every process of the skill. */
  async stop(skill: string): Promise<void> {
    const pool = this.pools.get(skill) ?? []
    const e = this.entries.get(skill)
    await Promise.all([...(e ? [e] : []), ...pool].map((x) => this.stopEntry(skill, x)))
  }

  private async stopEntry(skill: string, e: Entry): Promise<void> {
    this.clearIdle(e)
    const session = e.session
    if (!session) {
      // A start in progress is aborted, not awaited: its handshake (or the sandbox it waits for) may
      // take long, and a shutdown must not wait on it. Its process, if spawned already, is killed.
      await this.starter.abort(skill, e, this.disposed)
      return
    }
    session.stopping = true
    await session.client.close().catch(() => undefined)
    await session.transport.close()
  }

  async stopAll(): Promise<void> {
    this.disposed = true
    await Promise.all([...this.entries.keys()].map((name) => this.stop(name)))
  }

  private entry(skill: string): Entry {
    let e = this.entries.get(skill)
    if (!e) {
      e = newEntry()
      this.entries.set(skill, e)
    }
    return e
  }

  /** The skill's processes that are running now (the first one, then the pool's). */
  private running(skill: string): Entry[] {
    const first = this.entries.get(skill)
    return [...(first ? [first] : []), ...(this.pools.get(skill) ?? [])].filter(
      (x) => x.session !== null && x.state === 'running',
    )
  }

  /**
   * Where a call goes: the first process while it is idle; otherwise an idle one of the pool, or —
   * when all are busy — the least busy one (calls are pipelined on a connection), starting one more
   * in the background while the pool is below the declared size.
   */
  private pick(skill: string, first: Session): { e: Entry; session: Session } {
    const e = this.entry(skill)
    const size = first.launch.processes
    if (size <= 1 || e.inFlight === 0) return { e, session: first }
    const running = this.running(skill)
    const idle = running.find((x) => x.inFlight === 0)
    if (idle?.session) return { e: idle, session: idle.session }
    this.grow(skill, size)
    const least = leastBusy(running) ?? e
    return least.session ? { e: least, session: least.session } : { e, session: first }
  }

  /**
   * A running process of the pool when the first one is down (backoff after a crash, idled out):
   * the call goes there rather than waiting for the first one to start again.
   */
  private poolWhileFirstIsDown(skill: string): { e: Entry; session: Session } | null {
    const first = this.entries.get(skill)
    if (this.disposed || !first || first.state === 'disabled' || first.session) return null
    const least = leastBusy((this.pools.get(skill) ?? []).filter((x) => x.session && x.state === 'running'))
    return least?.session ? { e: least, session: least.session } : null
  }

  /** Starts one more process of the pool (never awaited by a call) unless it is full or starting. */
  private grow(skill: string, size: number): void {
    if (this.disposed) return
    const pool = this.pools.get(skill) ?? []
    this.pools.set(skill, pool)
    if (pool.some((x) => x.starting !== null)) return
    let next = pool.find((x) => x.session === null && x.state !== 'disabled')
    if (!next) {
      if (pool.length >= size - 1) return
      next = newEntry()
      pool.push(next)
    }
    this.starter.begin(skill, next).catch((err: unknown) => {
      const error = AppError.from(err)
      this.deps.logger.log('warn', 'a further process of the skill could not start', {
        skill,
        error: error.message,
      })
      // It is no longer what was approved (say, it served other tools): none of its processes runs on.
      if (error.code === 'APPROVAL_REQUIRED') void this.stop(skill)
    })
  }

  private async session(skill: string): Promise<Session> {
    if (this.disposed) throw new AppError('SKILL_START_FAILED', 'SkillDock is shutting down.')
    const e = this.entry(skill)
    if (e.session && e.state === 'running') return e.session
    if (e.starting) return e.starting
    if (e.state === 'disabled') {
      throw new AppError(
        'SKILL_START_FAILED',
        `${skill} was disabled after ${this.options.maxCrashes} crashes: ${e.lastError ?? 'unknown error'}. ` +
          `Fix it, then run \`skilldock enable ${skill}\`.`,
      )
    }
    return this.starter.begin(skill, e)
  }

  private onExit(skill: string, e: Entry, session: Session): void {
    const pid = session.transport.pid
    if (pid !== undefined) this.deps.pids.remove(pid)
    session.launch.release?.()
    e.lastStderr = session.transport.stderr.tail()
    if (e.session !== session) return
    e.session = null
    this.clearIdle(e)
    if (session.stopping) {
      this.setState(skill, e, e.state === 'disabled' ? 'disabled' : 'stopped')
      return
    }
    const info = session.transport.exitInfo
    session.crashReason =
      session.transport.failure ??
      (session.launch.sandboxed ? limitExitReason(info?.code ?? null, info?.signal ?? null) : null) ??
      (info?.signal ? `it was killed by ${info.signal}` : `it exited with code ${info?.code ?? 'unknown'}`)
    this.crashes.record(skill, e, session.crashReason)
  }

  private mapCallError(
    skill: string,
    tool: string,
    session: Session,
    err: unknown,
    timeoutMs: number,
    signal?: AbortSignal,
  ): AppError {
    if (err instanceof AppError) return err
    if (signal?.aborted) return new AppError('CANCELLED', `The call to ${skill}/${tool} was cancelled.`)
    if (err instanceof SdkError && err.code === SdkErrorCode.RequestTimeout) {
      return new AppError(
        'SKILL_TIMEOUT',
        `${skill} did not answer ${tool} within ${Math.round(timeoutMs / 1000)} s; its server was stopped. ` +
          'If the tool needs longer, raise metadata.skilldock.timeoutSeconds in its SKILL.md.',
      )
    }
    if (
      session.crashReason !== null ||
      session.transport.failure !== null ||
      (err instanceof SdkError && err.code === SdkErrorCode.ConnectionClosed)
    ) {
      const stderr = session.transport.stderr.tail(20)
      const reason = session.crashReason ?? session.transport.failure ?? 'its process exited'
      return new AppError(
        'SKILL_CRASHED',
        `${skill} crashed while running ${tool}: ${reason}.${formatStderr(stderr)}`,
        {
          stderr,
        },
      )
    }
    if (err instanceof ProtocolError && err.code === ProtocolErrorCode.InvalidParams) {
      const known = this.deps.loadTools(skill).map((t) => t.name)
      const exists = known.includes(tool)
      return new AppError(
        exists ? 'INVALID_INPUT' : 'NOT_FOUND',
        exists
          ? `${skill} refused the arguments for ${tool}: ${err.message}`
          : `${skill} has no tool "${tool}". Its tools: ${known.join(', ') || '(none)'}.`,
      )
    }
    return new AppError('INTERNAL', `Calling ${skill}/${tool} failed: ${(err as Error).message}`)
  }

  private async kill(skill: string, session: Session, reason: string): Promise<void> {
    session.stopping = true
    this.deps.logger.log('warn', 'stopping skill server', { skill, reason })
    await session.transport.terminate(reason)
  }

  private setState(skill: string, e: Entry, state: RuntimeState): void {
    if (e.state === state) return
    const first = this.entries.get(skill)
    e.state = state
    if (first !== e && first && state === 'disabled') {
      // A crash loop of a pool process disables the skill: every process of it stops.
      first.lastError = e.lastError
      this.setState(skill, first, 'disabled')
      return
    }
    // A disabled skill keeps no process: the pool's, and the first one when a pool process looped
    // (a start of the first one that just failed is left to report its own failure).
    if (first === e && state === 'disabled') {
      const pool = this.pools.get(skill) ?? []
      for (const x of [e, ...pool]) if (x.session || x !== e) void this.stopEntry(skill, x)
    }
    this.deps.events.emit('runtime.status', this.status(skill))
  }

  private clearIdle(e: Entry): void {
    if (e.idleTimer) clearTimeout(e.idleTimer)
    e.idleTimer = null
  }

  private scheduleIdle(skill: string, e: Entry): void {
    this.clearIdle(e)
    if (e.inFlight > 0 || !e.session) return
    e.idleTimer = setTimeout(() => void this.stopEntry(skill, e), this.options.idleMs)
    e.idleTimer.unref()
  }
}

/** The entry with the fewest calls in flight (the first of equals), or null for none. */
function leastBusy(entries: readonly Entry[]): Entry | null {
  return entries.reduce<Entry | null>((a, b) => (a === null || b.inFlight < a.inFlight ? b : a), null)
}

/** States in which a process is up or coming up. */
const LIVE = new Set<RuntimeState>(['running', 'starting'])

function newEntry(): Entry {
  return {
    state: 'stopped',
    session: null,
    starting: null,
    startAbort: null,
    startingTransport: null,
    crashes: [],
    backoffUntil: 0,
    lastError: null,
    inFlight: 0,
    idleTimer: null,
    startedAt: null,
    lastStderr: [],
  }
}
