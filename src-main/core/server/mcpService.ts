import type { Server } from '@modelcontextprotocol/server'
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
  /** Everyone told about changes (sessions, the 2026-era listen feed), with their scheduler. */
  private readonly sessions = new Map<object, (catalog: boolean) => void>()
  private readonly open = new Set<McpSession>()
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

  /**
   * A server answering as `client`: one per 2025-era session, or one per 2026-07-28 request (that era
   * has no sessions; what it answers depends only on the client, never on which instance answered).
   */
  createServer(client: ClientIdentity): Server {
    const { deps } = this
    return createSessionServer({
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
  }

  /** A new server for one session of `client`; the caller connects it to a transport. */
  openSession(client: ClientIdentity): McpSession {
    const server = this.createServer(client)
    const stopWatching = this.watch(client.mode === 'direct', (catalog) => {
      const sends = [server.sendToolListChanged()]
      if (catalog) sends.push(server.sendResourceListChanged(), server.sendPromptListChanged())
      for (const send of sends) send.catch(() => undefined)
    })
    let closed = false
    const session: McpSession = {
      client,
      server,
      close: async () => {
        if (closed) return
        closed = true
        this.open.delete(session)
        stopWatching()
        await server.close().catch(() => undefined)
      },
    }
    server.onclose = () => void session.close()
    this.open.add(session)
    return session
  }

  /**
   * Calls `notify` (once per burst) when what clients may see changed: `catalog` true when skills,
   * resources and prompts may differ, false when only direct-mode tool lists may (`direct`: listen to
   * those too). Returns the unsubscribe function.
   */
  watch(direct: boolean, notify: (catalog: boolean) => void): () => void {
    const { deps } = this
    let timer: NodeJS.Timeout | null = null
    let catalogChanged = false
    const flush = () => {
      timer = null
      const catalog = catalogChanged
      catalogChanged = false
      notify(catalog)
    }
    const schedule = (catalog: boolean) => {
      catalogChanged ||= catalog
      timer ??= setTimeout(flush, NOTIFY_DELAY_MS)
    }
    const offCatalog = deps.events.on('skills.changed', () => schedule(true))
    const offWarmed = this.warmer.onWarmed(() => {
      if (direct) schedule(false)
    })
    // A skill server that (re)started may serve a different tool list than the cached one.
    const offStarted = deps.events.on('runtime.status', (status) => {
      if (direct && status.state === 'running') schedule(false)
    })
    const key = {}
    this.sessions.set(key, schedule)
    this.startPolling()
    let stopped = false
    return () => {
      if (stopped) return
      stopped = true
      offCatalog()
      offWarmed()
      offStarted()
      if (timer) clearTimeout(timer)
      this.sessions.delete(key)
      if (this.sessions.size === 0) this.stopPolling()
    }
  }

  /** How many sessions are open (for status and tests). */
  get sessionCount(): number {
    return this.open.size
  }

  async dispose(): Promise<void> {
    this.unsubscribe()
    this.stopPolling()
    this.warmer.dispose()
    await Promise.all([...this.open].map((s) => s.close()))
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
