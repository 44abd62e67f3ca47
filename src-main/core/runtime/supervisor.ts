import {
  type CallToolResult,
  Client,
  type PriorDiscovery,
  ProtocolError,
  ProtocolErrorCode,
  SdkError,
  SdkErrorCode,
} from '@modelcontextprotocol/client'
import type { RuntimeState, RuntimeStatus, ToolInfo, TrustLevel } from '../../contract/models'
import { AppError } from '../base/appError'
import { limitExitReason } from './sandboxLimits'
import { type Clock, isoNow } from '../base/clock'
import type { Logger } from '../base/logger'
import type { CoreEvents } from '../events'
import type { PidRegistry } from './pidRegistry'
import type { LaunchPlan } from './launcher'
import { DEFAULT_TRANSPORT_LIMITS, SkillProcessTransport, type TransportLimits } from './transport'

export interface SupervisorOptions {
  idleMs: number
  startupTimeoutMs: number
  callTimeoutMs: number
  crashWindowMs: number
  maxCrashes: number
  backoffBaseMs: number
  backoffMaxMs: number
  limits: TransportLimits
}

export const DEFAULT_SUPERVISOR_OPTIONS: SupervisorOptions = {
  idleMs: 10 * 60_000,
  startupTimeoutMs: 15_000,
  callTimeoutMs: 60_000,
  crashWindowMs: 5 * 60_000,
  maxCrashes: 3,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  limits: DEFAULT_TRANSPORT_LIMITS,
}

/** What the supervisor needs to start one skill. */
export interface SkillLaunch extends LaunchPlan {
  trust: TrustLevel
  /** The skill's own call timeout (metadata.skilldock.timeoutSeconds), if any. */
  callTimeoutMs: number | null
}

export interface CallAudit {
  skill: string
  tool: string
  client: string
  argumentBytes: number
  durationMs: number
  outcome: 'ok' | 'error' | 'timeout' | 'crashed' | 'cancelled'
  /** The server's trust level: `trusted` skills keep metrics but no per-call audit line. */
  trust: TrustLevel
}

export interface SupervisorDeps {
  launch: (skill: string) => Promise<SkillLaunch>
  saveTools: (skill: string, tools: ToolInfo[]) => void
  loadTools: (skill: string) => ToolInfo[]
  /** Called when a crash loop disables a skill; the catalog records it. */
  disable: (skill: string, reason: string) => void
  /** Crashes counted across processes (the database), so separate CLI calls make a loop too. */
  crashes?: CrashCounter
  audit: (entry: CallAudit) => void
  events: CoreEvents
  pids: PidRegistry
  clock: Clock
  logger: Logger
  options?: Partial<SupervisorOptions>
}

/** Where crashes are counted beyond this process. */
export interface CrashCounter {
  /** Records a crash; returns the crashes of the skill within `windowMs` before `atMs`, this one included. */
  record(skill: string, atMs: number, windowMs: number): number
  clear(skill: string): void
}

/** One running (or starting) server process of a skill. */
interface Session {
  client: Client
  transport: SkillProcessTransport
  launch: SkillLaunch
  /** Set when we stop the process on purpose; then its exit is not a crash. */
  stopping: boolean
  crashReason: string | null
}

interface Entry {
  state: RuntimeState
  session: Session | null
  starting: Promise<Session> | null
  /** Aborts the start in progress (a stop or shutdown during it); null when none is. */
  startAbort: AbortController | null
  /** The process of the start in progress, once spawned: what a stop during the handshake kills. */
  startingTransport: SkillProcessTransport | null
  crashes: number[]
  backoffUntil: number
  lastError: string | null
  inFlight: number
  idleTimer: NodeJS.Timeout | null
  startedAt: string | null
  lastStderr: string[]
}

/**
 * How long a skill's server may take to answer the `server/discover` probe before it is taken for a
 * 2025-era server (which may ignore unknown requests before `initialize`).
 */
const PROBE_TIMEOUT_MS = 3000

/** Waits `ms`, or less when the start is aborted meanwhile (a backoff must not hold up a shutdown). */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })

/**
 * Runs skill servers: lazy start, idle stop, per-call timeouts and cancellation, crash recovery
 * with exponential backoff, and a skill disabled after a crash loop.
 */
export class ProcessSupervisor {
  private readonly entries = new Map<string, Entry>()
  /** Which protocol era each skill's server spoke at its last start (skips the probe next time). */
  private readonly eras = new Map<string, PriorDiscovery>()
  private readonly options: SupervisorOptions
  private disposed = false

  constructor(private readonly deps: SupervisorDeps) {
    this.options = { ...DEFAULT_SUPERVISOR_OPTIONS, ...deps.options }
  }

  status(skill: string): RuntimeStatus {
    const e = this.entries.get(skill)
    return {
      skill,
      state: e?.state ?? 'stopped',
      pid: (e?.state === 'running' ? e.session?.transport.pid : undefined) ?? null,
      startedAt: e?.state === 'running' ? e.startedAt : null,
      inFlight: e?.inFlight ?? 0,
      recentCrashes: e ? this.recentCrashes(e) : 0,
      lastError: e?.lastError ?? null,
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
    options: { signal?: AbortSignal; client?: string } = {},
  ): Promise<CallToolResult> {
    const session = await this.session(skill)
    const e = this.entry(skill)
    e.inFlight++
    this.clearIdle(e)
    const startedAt = Date.now()
    const timeout = session.launch.callTimeoutMs ?? this.options.callTimeoutMs
    let outcome: CallAudit['outcome'] = 'error'
    try {
      const result = (await session.client.callTool(
        { name: tool, arguments: args },
        {
          timeout,
          signal: options.signal,
        },
      )) as CallToolResult
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
        argumentBytes: session.launch.trust === 'trusted' ? 0 : Buffer.byteLength(JSON.stringify(args)),
        durationMs: Date.now() - startedAt,
        outcome,
        trust: session.launch.trust,
      })
      this.scheduleIdle(skill, e)
    }
  }

  async stop(skill: string): Promise<void> {
    const e = this.entries.get(skill)
    if (!e) return
    this.clearIdle(e)
    const session = e.session
    if (!session) {
      // A start in progress is aborted, not awaited: its handshake (or the sandbox it waits for) may
      // take long, and a shutdown must not wait on it. Its process, if spawned already, is killed.
      await this.abortStart(skill, e)
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
      e = {
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
      this.entries.set(skill, e)
    }
    return e
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
    const abort = new AbortController()
    const launched = this.launch(skill, e, abort.signal)
    // After an abort the launch winds down on its own (its error is the abort's, already reported).
    launched.catch(() => undefined)
    const starting = Promise.race([launched, rejectOnAbort(abort.signal)]).finally(() => {
      if (e.starting !== starting) return
      e.starting = null
      e.startAbort = null
      e.startingTransport = null
    })
    e.starting = starting
    e.startAbort = abort
    return starting
  }

  /** Rejects the start in progress with a "stopping" error and kills its process if it has one. */
  private async abortStart(skill: string, e: Entry): Promise<void> {
    const abort = e.startAbort
    if (!abort) return
    const transport = e.startingTransport
    e.starting = null
    e.startAbort = null
    e.startingTransport = null
    abort.abort(
      new AppError(
        'SKILL_START_FAILED',
        this.disposed
          ? `SkillDock is stopping: ${skill} was not started.`
          : `${skill} was stopped while it was starting; start it again if you need it.`,
      ),
    )
    e.lastError = null
    this.setState(skill, e, 'stopped')
    if (transport) await transport.terminate('SkillDock stopped it while it was starting')
  }

  private async launch(skill: string, e: Entry, signal: AbortSignal): Promise<Session> {
    const wait = e.backoffUntil - Date.now()
    if (wait > 0) await sleep(wait, signal)
    if (signal.aborted) throw signal.reason
    this.setState(skill, e, 'starting')
    let launch: SkillLaunch
    try {
      launch = await this.deps.launch(skill)
    } catch (err) {
      if (signal.aborted) throw signal.reason
      // Not the skill's fault (a missing credential, no sandbox): no crash is counted.
      e.lastError = AppError.from(err).message
      this.setState(skill, e, 'stopped')
      throw err
    }
    if (signal.aborted) {
      launch.release?.()
      throw signal.reason
    }
    const transport = new SkillProcessTransport(launch.spec, this.options.limits, (line) =>
      this.deps.events.emit('runtime.log', { skill, line }),
    )
    const client = new Client(
      { name: 'skilldock', version: '1' },
      { capabilities: {}, versionNegotiation: { mode: 'auto', probe: { timeoutMs: PROBE_TIMEOUT_MS } } },
    )
    const session: Session = { client, transport, launch, stopping: false, crashReason: null }
    transport.onclose = () => this.onExit(skill, e, session)
    // Aborted from here on: the process is killed by abortStart (stopping, so its exit is no crash).
    signal.addEventListener('abort', () => (session.stopping = true), { once: true })
    e.startingTransport = transport
    try {
      await transport.start()
    } catch (err) {
      launch.release?.()
      if (signal.aborted) throw signal.reason
      throw this.startFailure(
        skill,
        e,
        `could not run ${launch.spec.command}: ${(err as Error).message}`,
        transport,
      )
    }
    if (signal.aborted) {
      await transport.terminate('SkillDock stopped it while it was starting')
      throw signal.reason
    }
    if (transport.pid !== undefined) this.deps.pids.add({ pid: transport.pid, skill, marker: launch.marker })
    try {
      // The era is probed once per skill (in place, on this process): later starts reuse the verdict.
      const prior = this.eras.get(skill)
      // A server that dies on the probe gets the 2025 handshake next time; a stale verdict is dropped.
      if (prior) this.eras.delete(skill)
      else this.eras.set(skill, { kind: 'legacy' })
      await client.connect(transport, { timeout: this.options.startupTimeoutMs, ...(prior ? { prior } : {}) })
      const discover = client.getDiscoverResult()
      this.eras.set(
        skill,
        client.getProtocolEra() === 'modern' && discover ? { kind: 'modern', discover } : { kind: 'legacy' },
      )
      if (signal.aborted) throw signal.reason
      const tools = await this.allTools(client)
      if (signal.aborted) throw signal.reason
      this.deps.saveTools(skill, tools)
    } catch (err) {
      if (signal.aborted) {
        session.stopping = true
        await transport.terminate('SkillDock stopped it while it was starting')
        throw signal.reason
      }
      if (err instanceof AppError && err.code === 'APPROVAL_REQUIRED') {
        // Not a crash: the skill is fine, it is just no longer what was approved.
        session.stopping = true
        await transport.terminate(err.message)
        e.lastError = err.message
        this.setState(skill, e, 'stopped')
        throw err
      }
      const timedOut = err instanceof SdkError && err.code === SdkErrorCode.RequestTimeout
      const reason = transport.failure
        ? transport.failure
        : timedOut
          ? `it did not answer the MCP handshake within ${Math.round(this.options.startupTimeoutMs / 1000)} s`
          : `the MCP handshake failed: ${(err as Error).message}`
      session.stopping = true
      await transport.terminate(reason)
      throw this.startFailure(skill, e, reason, transport)
    }
    e.session = session
    e.startedAt = isoNow(this.deps.clock)
    e.lastError = null
    this.setState(skill, e, 'running')
    this.scheduleIdle(skill, e)
    return session
  }

  private async allTools(client: Client): Promise<ToolInfo[]> {
    const tools: ToolInfo[] = []
    let cursor: string | undefined
    do {
      const page = await client.listTools(cursor ? { cursor } : {}, {
        timeout: this.options.startupTimeoutMs,
      })
      for (const t of page.tools) {
        tools.push({
          name: t.name,
          description: t.description ?? '',
          inputSchema: t.inputSchema as Record<string, unknown>,
        })
      }
      cursor = page.nextCursor
    } while (cursor)
    return tools
  }

  private startFailure(skill: string, e: Entry, reason: string, transport: SkillProcessTransport): AppError {
    const stderr = transport.stderr.tail(20)
    e.lastStderr = transport.stderr.tail()
    this.recordCrash(skill, e, reason)
    return new AppError('SKILL_START_FAILED', `${skill} could not start: ${reason}.${formatStderr(stderr)}`, {
      stderr,
    })
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
    this.recordCrash(skill, e, session.crashReason)
  }

  private recordCrash(skill: string, e: Entry, reason: string): void {
    const now = Date.now()
    e.crashes = [...e.crashes.filter((t) => now - t < this.options.crashWindowMs), now]
    e.lastError = reason
    const crashes = Math.max(e.crashes.length, this.countShared(skill, now))
    this.deps.logger.log('warn', 'skill server crashed', { skill, reason, crashes })
    if (crashes >= this.options.maxCrashes) {
      this.setState(skill, e, 'disabled')
      this.deps.crashes?.clear(skill)
      this.deps.disable(
        skill,
        `${crashes} crashes within ${Math.round(this.options.crashWindowMs / 60_000)} minutes; last: ${reason}`,
      )
      return
    }
    const delay = Math.min(
      this.options.backoffBaseMs * 2 ** (e.crashes.length - 1),
      this.options.backoffMaxMs,
    )
    e.backoffUntil = now + delay
    this.setState(skill, e, 'backoff')
  }

  /** The crashes of every process within the window; a failing store never hides this process's own. */
  private countShared(skill: string, now: number): number {
    try {
      return this.deps.crashes?.record(skill, now, this.options.crashWindowMs) ?? 0
    } catch (err) {
      this.deps.logger.log('warn', 'counting a crash in the database failed', { skill, error: String(err) })
      return 0
    }
  }

  private recentCrashes(e: Entry): number {
    const now = Date.now()
    return e.crashes.filter((t) => now - t < this.options.crashWindowMs).length
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
    e.state = state
    const status = this.status(skill)
    this.deps.events.emit('runtime.status', status)
  }

  private clearIdle(e: Entry): void {
    if (e.idleTimer) clearTimeout(e.idleTimer)
    e.idleTimer = null
  }

  private scheduleIdle(skill: string, e: Entry): void {
    this.clearIdle(e)
    if (e.inFlight > 0 || !e.session) return
    e.idleTimer = setTimeout(() => void this.stop(skill), this.options.idleMs)
    e.idleTimer.unref()
  }
}

/** Never resolves; rejects with the signal's reason once it is aborted. */
function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
  )
}

function formatStderr(lines: string[]): string {
  return lines.length === 0 ? '' : `\nLast stderr lines:\n${lines.map((l) => `  ${l}`).join('\n')}`
}
