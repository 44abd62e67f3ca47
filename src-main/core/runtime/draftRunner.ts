import { join } from 'node:path'
import type { SkillTestReport, ToolCallResult, ToolInfo } from '../../contract/models'
import { AppError } from '../base/appError'
import type { Clock } from '../base/clock'
import type { Logger } from '../base/logger'
import type { Handlers } from '../dispatch'
import { CoreEvents } from '../events'
import type { SecretStore } from '../secrets/secretStore'
import { fingerprintFolder } from '../skills/fingerprint'
import type { HostEnvironment } from '../skills/gating'
import { loadSkill, type SkillManifest } from '../skills/manifest'
import type { SkillRepository } from '../storage/skillRepository'
import { planLaunch } from './launcher'
import { PidRegistry } from './pidRegistry'
import type { SkillSandbox } from './sandbox'
import type { SandboxLimits } from './sandboxLimits'
import { testSkill } from './skillTester'
import { ProcessSupervisor, type SkillLaunch } from './supervisor'

export interface DraftRunnerDeps {
  repo: Pick<SkillRepository, 'findSummary'>
  /** The editor's draft folder of a skill (a new skill's own folder), or null when it has none. */
  draftDir: (name: string) => string | null
  sandbox: SkillSandbox
  secrets: SecretStore
  host: () => HostEnvironment
  dataHome: string
  resourcesDir: string
  python: string
  parentEnv: NodeJS.ProcessEnv
  limits?: (skill: string) => SandboxLimits
  clock: Clock
  logger: Logger
}

/**
 * A draft's manifest as far as running it goes: nothing a person has not approved. No network, no
 * stored credentials (the draft may have been edited to print them), whatever the draft declares.
 */
function unapproved(manifest: SkillManifest): SkillManifest {
  return {
    ...manifest,
    network: [],
    credentials: [],
    primaryEnv: null,
    requires: { ...manifest.requires, env: [] },
  }
}

/**
 * Test runs of the editor's draft (`drafts/.edits/<name>/` for a library or bundled skill, the
 * draft's own folder for a new one). A draft is unapproved code: it runs only in the OS sandbox
 * (allowlisted reads, its own data folder under `skill-data/.drafts/`), in a supervisor of its own
 * so the approved skill's process, recorded tools, crash count and pin are never touched, and it is
 * never served to MCP clients (only the `files.test` / `files.tools` / `files.call` routes reach it).
 */
export class DraftRunner {
  private readonly supervisor: ProcessSupervisor
  private readonly tools = new Map<string, ToolInfo[]>()
  /** The folder and its fingerprint each running draft process was started from. */
  private readonly started = new Map<string, { dir: string; fingerprint: string }>()

  constructor(private readonly deps: DraftRunnerDeps) {
    const pids = new PidRegistry(join(deps.dataHome, 'run', 'drafts'), deps.logger)
    pids.reapLeftovers()
    this.supervisor = new ProcessSupervisor({
      launch: (name) => this.launch(name),
      // A draft's tools are kept in memory only: the catalog records approved tools.
      saveTools: (name, tools) => void this.tools.set(name, tools),
      loadTools: (name) => this.tools.get(name) ?? [],
      // A crashing draft never switches the approved skill off.
      disable: () => undefined,
      audit: () => undefined,
      // Its own emitter: a draft's status and log lines are not the approved skill's.
      events: new CoreEvents(),
      pids,
      clock: deps.clock,
      logger: deps.logger,
      options: { idleMs: 60_000, maxCrashes: 1_000 },
    })
  }

  /** `skilldock test` checks against the draft, from a fresh process. */
  async test(name: string): Promise<SkillTestReport> {
    await this.prepare(name, true)
    try {
      return await testSkill(name, this.started.get(name)!.dir, {
        supervisor: this.supervisor,
        python: this.deps.python,
      })
    } finally {
      await this.supervisor.stop(name)
    }
  }

  /** The tools the draft serves (started when it is not running or its files changed). */
  async listTools(name: string): Promise<ToolInfo[]> {
    await this.prepare(name, false)
    return this.supervisor.listTools(name, true)
  }

  async call(name: string, tool: string, args: Record<string, unknown>): Promise<ToolCallResult> {
    await this.prepare(name, false)
    return (await this.supervisor.callTool(name, tool, args, { client: 'user' })) as ToolCallResult
  }

  dispose(): Promise<void> {
    return this.supervisor.stopAll()
  }

  /** Finds the draft; a process started from other files (edits saved since) is stopped first. */
  private async prepare(name: string, fresh: boolean): Promise<void> {
    if (!this.deps.repo.findSummary(name)) {
      throw new AppError('NOT_FOUND', `No skill is named "${name}". Run \`skilldock list\` to see them.`)
    }
    const dir = this.deps.draftDir(name)
    if (dir === null) {
      throw new AppError(
        'CONFLICT',
        `${name} has no draft to test; save your edits in the editor first (\`skilldock test ${name}\` tests the approved version).`,
      )
    }
    const fingerprint = fingerprintFolder(dir)
    const was = this.started.get(name)
    if (fresh || !was || was.dir !== dir || was.fingerprint !== fingerprint) {
      await this.supervisor.stop(name)
      this.supervisor.reset(name)
      this.tools.delete(name)
    }
    this.started.set(name, { dir, fingerprint })
  }

  private async launch(name: string): Promise<SkillLaunch> {
    const record = this.deps.repo.findSummary(name)
    const dir = this.started.get(name)?.dir
    if (!record || !dir) throw new AppError('NOT_FOUND', `${name} has no draft to run.`)
    const manifest = unapproved(loadSkill(dir).manifest)
    const plan = await planLaunch(
      {
        name,
        path: dir,
        // Never trusted, whatever the approved skill's trust: at most as free as `sandboxed`.
        trust: record.trust === 'restricted' ? 'restricted' : 'sandboxed',
        manifest,
        readPaths: [],
        serverPaths: [],
        limits: this.deps.limits?.(name),
        dataDir: join(this.deps.dataHome, 'skill-data', '.drafts', name),
      },
      this.deps,
    )
    const timeout = manifest.timeoutSeconds !== null ? manifest.timeoutSeconds * 1000 : null
    // A draft runs in one process: a test run has no use for a pool.
    return { ...plan, trust: 'sandboxed', callTimeoutMs: timeout, processes: 1 }
  }
}

/** The editor's routes that run the draft. */
export function draftRunHandlers(
  runner: DraftRunner,
): Pick<Handlers, 'files.test' | 'files.tools' | 'files.call'> {
  return {
    'files.test': ({ name }) => runner.test(name),
    'files.tools': ({ name }) => runner.listTools(name),
    'files.call': ({ name, tool, arguments: args }) => runner.call(name, tool, args ?? {}),
  }
}
