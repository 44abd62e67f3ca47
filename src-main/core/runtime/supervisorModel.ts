import type { Client } from '@modelcontextprotocol/client'
import type { RuntimeState, ToolInfo, TrustLevel } from '../../contract/models'
import type { Clock } from '../base/clock'
import type { Logger } from '../base/logger'
import type { CoreEvents } from '../events'
import type { PidRegistry } from './pidRegistry'
import type { LaunchPlan } from './launcher'
import type { OutputChecks } from './outputCheck'
import { DEFAULT_TRANSPORT_LIMITS, type SkillProcessTransport, type TransportLimits } from './transport'

/* The supervisor's options, dependencies and per-skill records, shared by its parts (supervisor.ts:
   calls and lifecycle, skillStarter.ts: starting a process, crashAccounting.ts: crashes and backoff). */

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
  /** Server processes calls may be spread over (metadata.skilldock.processes); 1 for most skills. */
  processes: number
}

export interface CallAudit {
  skill: string
  tool: string
  client: string
  /** Who the call was for (`mcp`, `run`, `job`…), when it came through the call pipeline. */
  origin?: string
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
export interface Session {
  client: Client
  transport: SkillProcessTransport
  launch: SkillLaunch
  /** The output schemas the server listed at start, checked on each call's result. */
  outputs: OutputChecks
  /** Set when we stop the process on purpose; then its exit is not a crash. */
  stopping: boolean
  crashReason: string | null
}

export interface Entry {
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

export function formatStderr(lines: string[]): string {
  return lines.length === 0 ? '' : `\nLast stderr lines:\n${lines.map((l) => `  ${l}`).join('\n')}`
}
