import { join } from 'node:path'
import type { AuditEntry, RuntimeStatus, ToolCallResult, ToolInfo } from '../../contract/models'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { Logger } from '../base/logger'
import type { CoreEvents } from '../events'
import type { SecretStore } from '../secrets/secretStore'
import type { AuditRepository } from '../storage/auditRepository'
import type { SkillRepository } from '../storage/skillRepository'
import { notFound } from '../skills/catalog'
import { checkEligibility, type HostEnvironment } from '../skills/gating'
import { loadSkill } from '../skills/manifest'
import { planLaunch } from './launcher'
import { PidRegistry } from './pidRegistry'
import type { SkillSandbox } from './sandbox'
import { testSkill } from './skillTester'
import { ProcessSupervisor, type SupervisorOptions } from './supervisor'

export interface SkillRuntimeDeps {
  repo: SkillRepository
  audit: AuditRepository
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
  supervisor?: Partial<SupervisorOptions>
}

/** The runtime face of the core: runs skill servers for the routes, the CLI and (later) MCP clients. */
export class SkillRuntime {
  readonly supervisor: ProcessSupervisor
  private readonly pids: PidRegistry

  constructor(private readonly deps: SkillRuntimeDeps) {
    this.pids = new PidRegistry(join(deps.dataHome, 'run', 'skill-pids.json'), deps.logger)
    this.pids.reapLeftovers()
    this.supervisor = new ProcessSupervisor({
      launch: (skill) => this.launch(skill),
      saveTools: (skill, tools) => {
        const record = deps.repo.findSummary(skill)
        if (record) deps.repo.replaceTools(record.id, tools, isoNow(deps.clock))
      },
      loadTools: (skill) => {
        const record = deps.repo.findSummary(skill)
        return record ? deps.repo.tools(record.id) : []
      },
      disable: (skill, reason) => this.disableAfterCrashes(skill, reason),
      audit: (entry) =>
        deps.audit.append(
          {
            actor: entry.client,
            action: 'tool.call',
            skillName: entry.skill,
            client: entry.client,
            outcome: entry.outcome,
            detail: { tool: entry.tool, argumentBytes: entry.argumentBytes, durationMs: entry.durationMs },
          },
          isoNow(deps.clock),
        ),
      events: deps.events,
      pids: this.pids,
      clock: deps.clock,
      logger: deps.logger,
      options: deps.supervisor,
    })
  }

  tools(name: string, refresh = false): Promise<ToolInfo[]> {
    this.requireSkill(name)
    return this.supervisor.listTools(name, refresh)
  }

  async call(
    name: string,
    tool: string,
    args: Record<string, unknown>,
    client = 'user',
  ): Promise<ToolCallResult> {
    this.requireSkill(name)
    return (await this.supervisor.callTool(name, tool, args, { client })) as ToolCallResult
  }

  status(name?: string): RuntimeStatus[] {
    if (name === undefined) return this.supervisor.statuses()
    this.requireSkill(name)
    return [this.supervisor.status(name)]
  }

  async start(name: string): Promise<RuntimeStatus> {
    this.requireSkill(name)
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

  test(name: string) {
    const record = this.requireSkill(name)
    return testSkill(name, record.path, { supervisor: this.supervisor, python: this.deps.python })
  }

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
    if (!record.valid) {
      throw new AppError(
        'SKILL_START_FAILED',
        `${name} has validation errors; run \`skilldock validate ${record.path}\`.`,
      )
    }
    if (record.state === 'rejected')
      throw new AppError('SKILL_START_FAILED', `${name} was rejected and cannot run.`)
    const eligibility = checkEligibility(record.requires, this.deps.host(), { skillName: name })
    if (!eligibility.eligible) {
      throw new AppError('SKILL_START_FAILED', `${name} cannot run here: ${eligibility.reasons.join('; ')}.`)
    }
    const manifest = loadSkill(record.path).manifest
    const plan = await planLaunch(
      { name, path: record.path, trust: record.trust, manifest },
      {
        resourcesDir: this.deps.resourcesDir,
        dataHome: this.deps.dataHome,
        python: this.deps.python,
        parentEnv: this.deps.parentEnv,
        secrets: this.deps.secrets,
        sandbox: this.deps.sandbox,
        host: this.deps.host,
      },
    )
    return {
      ...plan,
      trust: record.trust,
      callTimeoutMs: manifest.timeoutSeconds !== null ? manifest.timeoutSeconds * 1000 : null,
    }
  }

  private disableAfterCrashes(name: string, reason: string): void {
    const now = isoNow(this.deps.clock)
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
