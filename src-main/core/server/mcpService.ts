import type { Server } from '@modelcontextprotocol/sdk/server/index.js'
import type { Clock } from '../base/clock'
import type { Logger } from '../base/logger'
import type { CoreEvents } from '../events'
import type { CallPipeline, ClientPermissions } from '../policy'
import type { SkillRuntime } from '../runtime/skillRuntime'
import type { SkillCatalog } from '../skills/catalog'
import type { GapRepository } from '../storage/gapRepository'
import type { SkillRepository } from '../storage/skillRepository'
import type { ClientIdentity, ClientRegistry } from './clients'
import { ToolWarmer } from './directTools'
import { SkillExposure } from './exposure'
import { createSessionServer } from './session'
import { SkillFileStore } from './skillFiles'

export interface McpServiceDeps {
  catalog: SkillCatalog
  repo: SkillRepository
  runtime: SkillRuntime
  /** Every tool call goes through it (permissions, rate limits, call policies). */
  calls: CallPipeline
  permissions?: ClientPermissions
  gaps: GapRepository
  clients: ClientRegistry
  events: CoreEvents
  /** Re-reads the skill folders and applies the lifecycle rules (app.ts's reindex). */
  reindex: () => Promise<unknown>
  /** True when a skill's files are still what was approved (stat, hash when moved); false: do not serve it. */
  verifyPin?: (skill: string) => boolean
  /** True when another process committed to the database since the last call. */
  foreignChanged: () => boolean
  clock: Clock
  logger: Logger
  version: string
  onUnknownTool?: (tool: string, client: string, args: unknown) => void
}

/** One client's MCP session: connect `server` to a transport; `close` ends it. */
export interface McpSession {
  readonly client: ClientIdentity
  readonly server: Server
  close(): Promise<void>
}

/** Catalog changes are announced once per burst, not once per skill. */
const NOTIFY_DELAY_MS = 25
/** How often open sessions look for changes other processes made (e.g. `skilldock disable`). */
const FOREIGN_POLL_MS = 1000

/**
 * The core's MCP face: authenticates clients and opens sessions, each with its own SDK server,
 * and tells every open session when the catalog (or a direct-mode tool list) changed.
 */
export class McpService {
  readonly clients: ClientRegistry
  private readonly exposure: SkillExposure
  private readonly files = new SkillFileStore()
  private readonly warmer: ToolWarmer
  private readonly sessions = new Map<McpSession, (catalog: boolean) => void>()
  private readonly unsubscribe: () => void
  private poll: NodeJS.Timeout | null = null
  private exposedSignature = ''

  constructor(private readonly deps: McpServiceDeps) {
    this.clients = deps.clients
    this.exposure = new SkillExposure({
      catalog: deps.catalog,
      repo: deps.repo,
      files: this.files,
      reindex: deps.reindex,
      verifyPin: deps.verifyPin,
      clock: deps.clock,
      logger: deps.logger,
      permissions: deps.permissions,
    })
    this.warmer = new ToolWarmer({ refresh: (skill) => deps.runtime.tools(skill, true), logger: deps.logger })
    this.unsubscribe = deps.events.on('skills.changed', ({ names }) => {
      for (const name of names) this.warmer.forget(name)
      this.exposure.invalidate()
      // Sessions hear this change through the event; the poll only looks for other processes' changes.
      if (this.poll) this.exposedSignature = this.signature()
    })
  }

  /** The client a bearer token belongs to, or null. */
  authenticate(token: string): ClientIdentity | null {
    return this.clients.authenticate(token)
  }

  /** A new server for one session of `client`; the caller connects it to a transport. */
  openSession(client: ClientIdentity): McpSession {
    const { deps } = this
    const server = createSessionServer({
      client,
      exposure: this.exposure,
      catalog: deps.catalog,
      runtime: deps.runtime,
      calls: deps.calls,
      gaps: deps.gaps,
      onUnknownTool: deps.onUnknownTool,
      files: this.files,
      clock: deps.clock,
      warmer: this.warmer,
      logger: deps.logger,
      version: deps.version,
    })
    let timer: NodeJS.Timeout | null = null
    let catalogChanged = false
    const flush = () => {
      timer = null
      const sends = [server.sendToolListChanged()]
      if (catalogChanged) sends.push(server.sendResourceListChanged(), server.sendPromptListChanged())
      catalogChanged = false
      for (const send of sends) send.catch(() => undefined)
    }
    const schedule = (catalog: boolean) => {
      catalogChanged ||= catalog
      timer ??= setTimeout(flush, NOTIFY_DELAY_MS)
    }
    const offCatalog = deps.events.on('skills.changed', () => schedule(true))
    const offWarmed = this.warmer.onWarmed(() => {
      if (client.mode === 'direct') schedule(false)
    })
    // A skill server that (re)started may serve a different tool list than the cached one.
    const offStarted = deps.events.on('runtime.status', (status) => {
      if (client.mode === 'direct' && status.state === 'running') schedule(false)
    })
    let closed = false
    const session: McpSession = {
      client,
      server,
      close: async () => {
        if (closed) return
        closed = true
        offCatalog()
        offWarmed()
        offStarted()
        if (timer) clearTimeout(timer)
        this.sessions.delete(session)
        if (this.sessions.size === 0) this.stopPolling()
        await server.close().catch(() => undefined)
      },
    }
    server.onclose = () => void session.close()
    this.sessions.set(session, schedule)
    this.startPolling()
    return session
  }

  /** How many sessions are open (for status and tests). */
  get sessionCount(): number {
    return this.sessions.size
  }

  async dispose(): Promise<void> {
    this.unsubscribe()
    this.stopPolling()
    this.warmer.dispose()
    await Promise.all([...this.sessions.keys()].map((s) => s.close()))
  }

  /**
   * Another process (the CLI, the desktop app) may enable, disable or restrict skills in the
   * shared database without this process hearing an event; open sessions are told when what
   * clients may see changed.
   */
  private startPolling(): void {
    if (this.poll) return
    this.exposedSignature = this.signature()
    this.poll = setInterval(() => {
      if (!this.deps.foreignChanged()) return
      const signature = this.signature()
      if (signature === this.exposedSignature) return
      this.exposedSignature = signature
      for (const notify of this.sessions.values()) notify(true)
    }, FOREIGN_POLL_MS)
    this.poll.unref()
  }

  private stopPolling(): void {
    if (this.poll) clearInterval(this.poll)
    this.poll = null
  }

  private signature(): string {
    try {
      return JSON.stringify([
        this.deps.catalog.usable().map((s) => [s.name, s.state, s.trust, this.deps.repo.exposure(s.name)]),
        this.deps.permissions?.signature() ?? null,
      ])
    } catch {
      return this.exposedSignature
    }
  }
}
