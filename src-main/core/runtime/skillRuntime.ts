import { homedir } from 'node:os'
import { join } from 'node:path'
import type {
  AuditEntry,
  RuntimeStatus,
  SkillTestReport,
  ToolCallResult,
  ToolInfo,
} from '../../contract/models'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { Logger } from '../base/logger'
import type { CoreEvents } from '../events'
import type { SecretStore } from '../secrets/secretStore'
import type { AuditRepository } from '../storage/auditRepository'
import type { CallLog } from '../storage/callLog'
import type { SkillRepository, SkillSummaryRecord } from '../storage/skillRepository'
import { notFound } from '../skills/catalog'
import { checkEligibility, type HostEnvironment } from '../skills/gating'
import { fingerprintFolder } from '../skills/fingerprint'
import { loadSkill } from '../skills/manifest'
import { planLaunch } from './launcher'
import { PidRegistry } from './pidRegistry'
import type { SkillSandbox } from './sandbox'
import type { SandboxLimits } from './sandboxLimits'
import { boundedReadPaths, commandLinePaths, homeFolders } from './sandboxPaths'
import { testSkill } from './skillTester'
import { type CrashCounter, ProcessSupervisor, type SupervisorOptions } from './supervisor'

export interface SkillRuntimeDeps {
  repo: SkillRepository
  audit: AuditRepository
  /** Per-call metrics rows (every call, whatever the trust level). */
  calls?: CallLog
  events: CoreEvents
  clock: Clock
  logger: Logger
  secrets: SecretStore
  sandbox: SkillSandbox
  host: () => HostEnvironment
  dataHome: string
  resourcesDir: string
  python: string
  parentEnv: NodeJS.ProcessEnv
  /** The sandbox limits each skill's approval set (defaults without it). */
  sandboxLimits?: (skill: string) => SandboxLimits
  supervisor?: Partial<SupervisorOptions>
  /** Checks the tools a server serves against what was approved; false stops it (rug-pull defence). */
  checkTools?: (skill: string, tools: ToolInfo[]) => boolean
  /**
   * Before every call: false when the skill's files moved away from what was approved (a stat of
   * its folder, a hash only when that moved); the call is then refused.
   */
  verifyPin?: (skill: string) => boolean
  /** Called when an approved skill's files no longer match the pin; sends it back to the inbox. */
  contentChanged?: (skill: string) => Promise<void>
  /** Why a machine-wide rule (the managed policy) keeps the skill from running, or null. */
  blockedBy?: (skill: { name: string; origin: string }) => string | null
  /** Composite skills (no server of their own): their one tool runs each step through the call pipeline. */
  composite?: CompositeSkills
  /** Crashes counted in the database, shared with other SkillDock processes. */
  crashes?: CrashCounter
}

/**
 * What a call through the pipeline brings along, passed down explicitly (an AsyncLocalStorage
 * here made Node 20 track every promise of the process: about a tenth of a call's CPU).
 */
export interface CallContext {
  /** Who the call is for (`user`, `mcp`, `run`, `job`…), recorded with its audit line. */
  origin?: string
  /** Ends a composite step's wait for approval when the outer caller gives up. */
  signal?: AbortSignal
  /** A composite step held for approval keeps telling the outer caller. */
  onWaiting?: (message: string) => void
  /** The composites this call runs inside of, outermost first (none calls itself). */
  composites?: readonly string[]
}

/** What the runtime asks of composite skills (src-main/core/automation). */
export interface CompositeSkills {
  is(name: string): boolean
  tools(name: string): ToolInfo[]
  call(
    name: string,
    tool: string,
    args: Record<string, unknown>,
    client: string,
    context: CallContext,
  ): Promise<ToolCallResult>
  /** `skilldock test`: the composite's SKILL.md and its steps (there is no server to start). */
  test(name: string): SkillTestReport
}

/** States in which a skill's server may run for callers; others only run sandboxed under `skilldock test`. */
const RUNNABLE = new Set(['active', 'builtin'])
const TESTABLE = new Set(['active', 'builtin', 'pending', 'installed', 'draft', 'disabled'])

/** The runtime face of the core: runs skill servers for the routes, the CLI and (later) MCP clients. */
export class SkillRuntime {
  readonly supervisor: ProcessSupervisor
  private readonly pids: PidRegistry

  constructor(private readonly deps: SkillRuntimeDeps) {
    this.pids = new PidRegistry(join(deps.dataHome, 'run'), deps.logger)
    this.pids.reapLeftovers()
    this.supervisor = new ProcessSupervisor({
      launch: (skill) => this.launch(skill),
      saveTools: (skill, tools) => {
        const record = deps.repo.findSummary(skill)
        if (!record) return
        if (deps.checkTools && !deps.checkTools(skill, tools)) {
          throw new AppError(
            'APPROVAL_REQUIRED',
            `${skill} now serves different tools than the ones approved; it was stopped and waits for a new approval ` +
              '(`skilldock approvals`).',
          )
        }
        deps.repo.replaceTools(record.id, tools, isoNow(deps.clock))
      },
      loadTools: (skill) => {
        const id = deps.repo.idOf(skill)
        return id === null ? [] : deps.repo.tools(id)
      },
      disable: (skill, reason) => this.disableAfterCrashes(skill, reason),
      crashes: deps.crashes,
      audit: (entry) => {
        const at = isoNow(deps.clock)
        deps.calls?.record(
          {
            skill: entry.skill,
            tool: entry.tool,
            client: entry.client,
            outcome: entry.outcome,
            durationMs: entry.durationMs,
          },
          at,
        )
        // Trusted skills are not audited call by call (docs/ARCHITECTURE.md §9); their calls still count in metrics.
        if (entry.trust === 'trusted') return
        deps.audit.append(
          {
            actor: entry.client,
            action: 'tool.call',
            skillName: entry.skill,
            client: entry.client,
            outcome: entry.outcome,
            detail: {
              tool: entry.tool,
              argumentBytes: entry.argumentBytes,
              durationMs: entry.durationMs,
              origin: entry.origin,
            },
          },
          at,
        )
      },
      events: deps.events,
      pids: this.pids,
      clock: deps.clock,
      logger: deps.logger,
      options: deps.supervisor,
    })
  }

  /** The cached tools of several skills at once (`tools(name)` without refresh, in one query). */
  cachedTools(names: readonly string[]): Map<string, ToolInfo[]> {
    const cached = this.deps.repo.toolsByName(names)
    const composite = this.deps.composite
    if (composite) {
      for (const [name, tools] of cached)
        if (tools.length === 0 && composite.is(name)) cached.set(name, composite.tools(name))
    }
    return cached
  }

  tools(name: string, refresh = false): Promise<ToolInfo[]> {
    if (this.deps.repo.idOf(name) === null) throw notFound(name)
    if (this.deps.composite?.is(name)) return Promise.resolve(this.deps.composite.tools(name))
    return this.supervisor.listTools(name, refresh)
  }

  async call(
    name: string,
    tool: string,
    args: Record<string, unknown>,
    client = 'user',
    context: CallContext = {},
  ): Promise<ToolCallResult> {
    // Asked on every call: the memoised pin row says the skill exists without reading its record.
    if (this.deps.repo.pinState(name) === null) throw notFound(name)
    if (this.deps.verifyPin && !this.deps.verifyPin(name)) {
      // A server started before the edit keeps running the old code no more.
      await this.supervisor.stop(name)
      throw new AppError(
        'APPROVAL_REQUIRED',
        `${name}'s files changed since they were approved; it waits for a new approval (\`skilldock approvals\`).`,
        { skill: name, state: 'changed' },
      )
    }
    if (this.deps.composite?.is(name)) {
      await this.admit(name, this.requireSkill(name), false)
      return this.deps.composite.call(name, tool, args, client, context)
    }
    return (await this.supervisor.callTool(name, tool, args, {
      client,
      origin: context.origin,
    })) as ToolCallResult
  }

  status(name?: string): RuntimeStatus[] {
    if (name === undefined) return this.supervisor.statuses()
    this.requireSkill(name)
    return [this.supervisor.status(name)]
  }

  async start(name: string): Promise<RuntimeStatus> {
    this.requireSkill(name)
    // A composite has no server: its steps' servers start when a step runs.
    if (this.deps.composite?.is(name)) return this.supervisor.status(name)
    await this.supervisor.start(name)
    return this.supervisor.status(name)
  }

  async stop(name: string): Promise<RuntimeStatus> {
    await this.supervisor.stop(name)
    return this.supervisor.status(name)
  }

  logs(name: string, lines = 200): { stderr: string[]; audit: AuditEntry[] } {
    this.requireSkill(name)
    return {
      stderr: this.supervisor.stderr(name, lines),
      audit: this.deps.audit.recent(name, lines).map((e) => ({
        at: e.at,
        actor: e.actor,
        action: e.action,
        client: e.client ?? null,
        outcome: e.outcome ?? null,
        detail: e.detail ?? {},
      })),
    }
  }

  /** `skilldock test`: unapproved skills run too, but only in the OS sandbox. */
  async test(name: string) {
    const record = this.requireSkill(name)
    if (this.deps.composite?.is(name)) return this.deps.composite.test(name)
    this.testing.add(name)
    try {
      return await testSkill(name, record.path, { supervisor: this.supervisor, python: this.deps.python })
    } finally {
      this.testing.delete(name)
      if (!RUNNABLE.has(record.state)) await this.supervisor.stop(name)
    }
  }

  private readonly testing = new Set<string>()

  dispose(): Promise<void> {
    return this.supervisor.stopAll()
  }

  private requireSkill(name: string) {
    const record = this.deps.repo.findSummary(name)
    if (!record) throw notFound(name)
    return record
  }

  private async launch(name: string) {
    const record = this.requireSkill(name)
    const testing = this.testing.has(name)
    await this.admit(name, record, testing)
    const manifest = loadSkill(record.path).manifest
    const approved = RUNNABLE.has(record.state)
    const plan = await planLaunch(
      {
        name,
        path: record.path,
        // An unapproved skill under test never runs outside the sandbox.
        trust: RUNNABLE.has(record.state)
          ? record.trust
          : record.trust === 'restricted'
            ? 'restricted'
            : 'sandboxed',
        manifest,
        bundled: record.origin === 'builtin',
        // Declared read paths are part of the approved (pinned) SKILL.md; before approval, none. Never `/`,
        // the home folder or above it, nor the data home (other skills, logs), whatever was approved.
        readPaths: approved
          ? boundedReadPaths(
              manifest.readPaths.map((p) => (p.startsWith('~/') ? join(homedir(), p.slice(2)) : p)),
              homeFolders(),
              [this.deps.dataHome],
            )
          : [],
        serverPaths:
          approved && manifest.server
            ? commandLinePaths([manifest.server.command, ...manifest.server.args], homedir(), [
                this.deps.dataHome,
              ])
            : [],
        limits: this.deps.sandboxLimits?.(name),
      },
      this.deps,
    )
    return {
      ...plan,
      trust: record.trust,
      callTimeoutMs: manifest.timeoutSeconds !== null ? manifest.timeoutSeconds * 1000 : null,
      processes: manifest.processes,
    }
  }

  /** Refuses to run an invalid, unapproved, ineligible or changed-since-approval skill. */
  private async admit(name: string, record: SkillSummaryRecord, testing: boolean): Promise<void> {
    if (!record.valid) {
      throw new AppError(
        'SKILL_START_FAILED',
        `${name} has validation errors; run \`skilldock validate ${record.path}\`.`,
      )
    }
    if (!RUNNABLE.has(record.state) && !(testing && TESTABLE.has(record.state))) {
      throw new AppError(
        'APPROVAL_REQUIRED',
        record.state === 'disabled'
          ? `${name} is disabled. Enable it with \`skilldock enable ${name}\`.`
          : `${name} is ${record.state} and cannot run until a person approves it (\`skilldock approvals\`).`,
      )
    }
    // Starting a server runs its code: the managed policy's "no personal skills" holds here too.
    const blocked = testing ? null : (this.deps.blockedBy?.({ name, origin: record.origin }) ?? null)
    if (blocked) throw new AppError('APPROVAL_REQUIRED', blocked, { skill: name, state: record.state })
    const eligibility = checkEligibility(record.requires, this.deps.host(), { skillName: name })
    if (!eligibility.eligible) {
      throw new AppError('SKILL_START_FAILED', `${name} cannot run here: ${eligibility.reasons.join('; ')}.`)
    }
    const pins = this.deps.repo.pins(name)
    if (record.origin !== 'builtin' && pins?.approvedFingerprint && RUNNABLE.has(record.state) && !testing) {
      let current: string | null = null
      try {
        current = fingerprintFolder(record.path)
      } catch {
        // An unreadable folder is not what was approved either.
      }
      if (current !== pins.approvedFingerprint) {
        await this.deps.contentChanged?.(name)
        throw new AppError(
          'APPROVAL_REQUIRED',
          `${name}'s files changed since they were approved; it waits for a new approval (\`skilldock approvals\`).`,
        )
      }
    }
  }

  private disableAfterCrashes(name: string, reason: string): void {
    const now = isoNow(this.deps.clock)
    // Only a switched-on skill is switched off: a draft or pending skill crashing under
    // `skilldock test` keeps its state (`disabled` could later be enabled without any approval).
    const state = this.deps.repo.findSummary(name)?.state
    if (state === undefined || !RUNNABLE.has(state)) return
    this.deps.repo.setState(name, 'disabled', now)
    this.deps.audit.append(
      {
        actor: 'supervisor',
        action: 'skill.disable',
        skillName: name,
        outcome: 'disabled',
        detail: { reason },
      },
      now,
    )
    this.deps.events.emit('skills.changed', { names: [name] })
  }
}
