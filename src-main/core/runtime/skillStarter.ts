import { Client, type PriorDiscovery, SdkError, SdkErrorCode } from '@modelcontextprotocol/client'
import type { RuntimeState, ToolInfo } from '../../contract/models'
import { AppError } from '../base/appError'
import { isoNow } from '../base/clock'
import type { CrashAccounting } from './crashAccounting'
import {
  type Entry,
  formatStderr,
  type Session,
  type SkillLaunch,
  type SupervisorDeps,
  type SupervisorOptions,
} from './supervisorModel'
import { OutputChecks } from './outputCheck'
import { SkillProcessTransport } from './transport'

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

/** What the starter needs of the supervisor it works for. */
export interface StarterHost {
  deps: SupervisorDeps
  options: SupervisorOptions
  crashes: CrashAccounting
  setState(skill: string, e: Entry, state: RuntimeState): void
  scheduleIdle(skill: string, e: Entry): void
  onExit(skill: string, e: Entry, session: Session): void
}

/**
 * Starts a skill's server: backoff wait, launch plan, process, MCP handshake (the protocol era probed
 * once per skill), tools checked and recorded; a start can be aborted at any point (a stop, a shutdown).
 */
export class SkillStarter {
  /** Which protocol era each skill's server spoke at its last start (skips the probe next time). */
  private readonly eras = new Map<string, PriorDiscovery>()

  constructor(private readonly host: StarterHost) {}

  /** Starts the skill's server; the promise rejects at once when `abort` is called meanwhile. */
  begin(skill: string, e: Entry): Promise<Session> {
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
  async abort(skill: string, e: Entry, disposed: boolean): Promise<void> {
    const abort = e.startAbort
    if (!abort) return
    const transport = e.startingTransport
    e.starting = null
    e.startAbort = null
    e.startingTransport = null
    abort.abort(
      new AppError(
        'SKILL_START_FAILED',
        disposed
          ? `SkillDock is stopping: ${skill} was not started.`
          : `${skill} was stopped while it was starting; start it again if you need it.`,
      ),
    )
    e.lastError = null
    this.host.setState(skill, e, 'stopped')
    if (transport) await transport.terminate('SkillDock stopped it while it was starting')
  }

  private async launch(skill: string, e: Entry, signal: AbortSignal): Promise<Session> {
    const wait = e.backoffUntil - Date.now()
    if (wait > 0) await sleep(wait, signal)
    if (signal.aborted) throw signal.reason
    this.host.setState(skill, e, 'starting')
    let launch: SkillLaunch
    try {
      launch = await this.host.deps.launch(skill)
    } catch (err) {
      if (signal.aborted) throw signal.reason
      // Not the skill's fault (a missing credential, no sandbox): no crash is counted.
      e.lastError = AppError.from(err).message
      this.host.setState(skill, e, 'stopped')
      throw err
    }
    if (signal.aborted) {
      launch.release?.()
      throw signal.reason
    }
    const transport = new SkillProcessTransport(launch.spec, this.host.options.limits, (line) =>
      this.host.deps.events.emit('runtime.log', { skill, line }),
    )
    const client = new Client(
      { name: 'skilldock', version: '1' },
      { capabilities: {}, versionNegotiation: { mode: 'auto', probe: { timeoutMs: PROBE_TIMEOUT_MS } } },
    )
    const outputSchemas = new Map<string, Record<string, unknown>>()
    const session: Session = {
      client,
      transport,
      launch,
      outputs: new OutputChecks(outputSchemas),
      stopping: false,
      crashReason: null,
    }
    transport.onclose = () => this.host.onExit(skill, e, session)
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
    if (transport.pid !== undefined)
      this.host.deps.pids.add({ pid: transport.pid, skill, marker: launch.marker })
    try {
      // The era is probed once per skill (in place, on this process): later starts reuse the verdict.
      const prior = this.eras.get(skill)
      // A server that dies on the probe gets the 2025 handshake next time; a stale verdict is dropped.
      if (prior) this.eras.delete(skill)
      else this.eras.set(skill, { kind: 'legacy' })
      await client.connect(transport, {
        timeout: this.host.options.startupTimeoutMs,
        ...(prior ? { prior } : {}),
      })
      const discover = client.getDiscoverResult()
      this.eras.set(
        skill,
        client.getProtocolEra() === 'modern' && discover ? { kind: 'modern', discover } : { kind: 'legacy' },
      )
      if (signal.aborted) throw signal.reason
      const tools = await this.allTools(client, outputSchemas)
      if (signal.aborted) throw signal.reason
      this.host.deps.saveTools(skill, tools)
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
        this.host.setState(skill, e, 'stopped')
        throw err
      }
      const timedOut = err instanceof SdkError && err.code === SdkErrorCode.RequestTimeout
      const reason = transport.failure
        ? transport.failure
        : timedOut
          ? `it did not answer the MCP handshake within ${Math.round(this.host.options.startupTimeoutMs / 1000)} s`
          : `the MCP handshake failed: ${(err as Error).message}`
      session.stopping = true
      await transport.terminate(reason)
      throw this.startFailure(skill, e, reason, transport)
    }
    e.session = session
    e.startedAt = isoNow(this.host.deps.clock)
    e.lastError = null
    this.host.setState(skill, e, 'running')
    this.host.scheduleIdle(skill, e)
    return session
  }

  private async allTools(
    client: Client,
    outputSchemas: Map<string, Record<string, unknown>>,
  ): Promise<ToolInfo[]> {
    const tools: ToolInfo[] = []
    let cursor: string | undefined
    do {
      const page = await client.listTools(cursor ? { cursor } : {}, {
        timeout: this.host.options.startupTimeoutMs,
      })
      for (const t of page.tools) {
        if (t.outputSchema) outputSchemas.set(t.name, t.outputSchema as Record<string, unknown>)
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
    this.host.crashes.record(skill, e, reason)
    return new AppError('SKILL_START_FAILED', `${skill} could not start: ${reason}.${formatStderr(stderr)}`, {
      stderr,
    })
  }
}

/** Never resolves; rejects with the signal's reason once it is aborted. */
function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
  )
}
