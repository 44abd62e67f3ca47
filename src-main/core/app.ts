import type { Clock } from './base/clock'
import type { Logger } from './base/logger'
import { dispatch, type Handlers } from './dispatch'
import { createAppModule } from './appRoutes'
import type { CoreEvents } from './events'
import type { DataHome } from './paths'
import { ActivityLog } from './activity/activityLog'
import { createActivityModule } from './activity/activityRoutes'
import { createRoutingModule } from './routing'
import { type CoreModule, lateBound } from './module'
import type { ApprovalInbox, SkillScanner } from './trust/approvalInbox'
import type { PinGuard } from './trust/pinGuard'
import { validateSkillPath } from './skills/manifest'
import { createSkillsModule } from './skills/skillRoutes'
import type { SecretStore } from './secrets/secretStore'
import { createSecretsModule } from './secrets/secretRoutes'
import { sandboxedSourceCommands } from './runtime/sourceCommand'
import type { SupervisorOptions } from './runtime/supervisor'
import { APP_VERSION } from './version'
import { createMcpEndpointModule, type LaunchCommand, type McpService } from './server'
import { createSourcesModule } from './sources'
import { type AutomationTimer, createAutomationModule, type WebhookReceiver } from './automation'
import { createFoundation } from './compose/foundation'
import { createRuntimeModule } from './compose/runtimeModule'
import { createTrustModule } from './compose/trustModule'
import { createAuthoringModule } from './compose/authoringModule'

export { dispatch, dispatchRoute, type Handlers, type RouteHandlers } from './dispatch'
export { AppError } from './base/appError'
import { Lockfile } from './sources/lockfile'
import { createTeamModule } from './team'
export { resolveHome, defaultHome, dataHome, type DataHome } from './paths'
export { JsonLineLogger, silentLogger, type Logger } from './base/logger'
export type { CoreEvents } from './events'
export { APP_VERSION }
export { validateSkillPath } from './skills/manifest'
export * from './server'
export { MAX_WEBHOOK_BODY_BYTES, SIGNATURE_HEADER } from './automation'

export interface CoreOptions {
  /** The data home (already resolved). Created when missing. */
  home: string
  /** The app's own folder: bundled `skills/` and `resources/` live here. */
  appRoot: string
  /** better_sqlite3.node for the running ABI, when not the default build. */
  nativeBinding?: string
  logger?: Logger
  clock?: Clock
  env?: NodeJS.ProcessEnv
  /** Re-index the skill folders while starting (default true). */
  indexOnStart?: boolean
  /** The app's `resources/` folder (default: `<appRoot>/resources`). */
  resourcesDir?: string
  /** The Python interpreter for skill servers (default: $SKILLDOCK_PYTHON, else `python3`). */
  python?: string
  /** Where credentials live (default: the OS keychain). */
  secrets?: SecretStore
  /** Watch the library and drafts for edits made outside SkillDock (serve and desktop modes). */
  watch?: boolean
  /** The security scanner (default: the trust scanner with the real Python analyzer). */
  scanner?: SkillScanner
  /** Timeouts and limits of the skill process supervisor (tests shorten them). */
  supervisor?: Partial<SupervisorOptions>
  /** Drives the schedule and job worker in watch mode (tests pass one they fire by hand). */
  automationTimer?: AutomationTimer
  /**
   * How MCP clients start this app as a stdio server, for `mcp.config` snippets; the desktop app
   * passes its own executable with `--mcp-stdio`. Default: Node running the bundled CLI script.
   */
  mcpLauncher?: LaunchCommand
}

export interface Core {
  handlers: Handlers
  events: CoreEvents
  paths: DataHome
  /** Runs a route by name with raw input; never throws. */
  invoke: (route: string, input: unknown) => ReturnType<typeof dispatch>
  /** The MCP endpoint: authenticates clients and opens one SDK server per session. */
  mcp: McpService
  /** Signed `POST /hooks/<id>` requests of the serve/desktop server. */
  webhooks: WebhookReceiver
  dispose(): Promise<void>
}

/** The port of the local server (serve mode and the desktop app's MCP endpoint). */
export const DEFAULT_PORT = 7545

/**
 * Builds the core in dependency order, each module as `createXModule(deps) → { handlers, dispose? }`
 * (docs/ARCHITECTURE.md §5); `dispose` tears them down in reverse. Where two modules really need each
 * other, the one built first gets a `lateBound` value the later one sets.
 */
export function createCore(options: CoreOptions): Core {
  const f = createFoundation(options)
  const { store, db, paths, env, clock, logger, events, repo, catalog, secrets } = f
  // Every module has the one shape; what it holds is released with the core, in reverse order.
  const use = <M extends CoreModule>(module: M): M => {
    const dispose = module.dispose
    if (dispose) store.add({ dispose: () => dispose() })
    return module
  }
  // The real cycles: the runtime asks the inbox about served tools and the pin guard about files,
  // both of which ask the runtime back; the managed policy (team, built last) may block any call.
  const late = {
    inbox: lateBound<ApprovalInbox>('the approval inbox'),
    pinGuard: lateBound<PinGuard>('the pin guard'),
    reindex: lateBound<() => Promise<unknown>>('reindex'),
    blocked: lateBound<(row: { name: string; origin: string }) => string | null>('the managed policy'),
    handlers: lateBound<Handlers>('the route handlers'),
  }

  const run = use(createRuntimeModule({ f, ...late }))
  const { runtime, calls } = run
  const trust = use(createTrustModule({ f, runtime }))
  late.inbox.set(trust.inbox)
  late.pinGuard.set(trust.pinGuard)
  late.reindex.set(trust.reindex)
  const { inbox, library, reindex, pinGuard } = trust
  const sources = use(
    createSourcesModule({
      db,
      paths,
      skills: repo,
      library,
      events,
      clock,
      logger,
      env,
      ownPorts: [DEFAULT_PORT],
      secrets,
      sourceCommands: sandboxedSourceCommands({ sandbox: f.sandbox, parentEnv: env, dataHome: paths.home }),
      autoSync: options.watch === true,
    }),
  )
  const authoring = use(createAuthoringModule({ f, runtime, trust }))
  const mcp = use(
    createMcpEndpointModule({
      db,
      catalog,
      repo,
      runtime,
      calls,
      permissions: run.permissions,
      audit: f.audit,
      secrets,
      events,
      reindex,
      verifyPin: (skill) => pinGuard.verify(skill),
      clock,
      logger,
      env,
      home: paths.home,
      appRoot: options.appRoot,
      defaultPort: DEFAULT_PORT,
      version: APP_VERSION,
      launcher: options.mcpLauncher,
      onUnknownTool: (tool, client, args) => {
        authoring.gaps.recordUnknownToolCall(tool, client, args)
      },
    }),
  )
  const automation = use(
    createAutomationModule({
      db,
      home: paths.home,
      drafts: paths.drafts,
      repo,
      audit: f.audit,
      calls,
      composites: run.composites,
      secrets,
      inbox,
      tools: (skill, refresh) => runtime.tools(skill, refresh),
      reindex,
      validate: validateSkillPath,
      clock,
      logger,
      events,
      worker: options.watch === true,
      timer: options.automationTimer,
    }),
  )
  try {
    f.callLog.prune(clock.now())
  } catch (err) {
    logger.log('warn', 'pruning old call metrics failed', { error: String(err) })
  }
  const routing = use(
    createRoutingModule({
      db,
      catalog,
      runtime,
      calls,
      settings: f.settings,
      secrets,
      home: paths.home,
      clock,
      propose: (skill, files, reason) => trust.staged.propose(skill, files, 'user', reason),
    }),
  )
  const team = use(
    createTeamModule({
      home: paths.home,
      db,
      sandboxLimits: f.sandboxLimits,
      skills: repo,
      inbox,
      lockfile: new Lockfile(paths.lockfile),
      env,
      clock,
      logger,
      events,
      handlers: () => late.handlers.get(),
    }),
  )
  late.blocked.set((row) => team.blocked(row))
  // Before any route runs: a mode the managed policy pins is the mode everything is judged under.
  team.applyPolicy()
  const app = use(
    createAppModule({
      paths,
      catalog,
      schemaVersion: () => db.pragma('user_version', { simple: true }) as number,
      defaultPort: DEFAULT_PORT,
      host: f.host,
      doctorChecks: sources.doctorChecks,
    }),
  )
  const skills = use(
    createSkillsModule({ catalog, repo, inbox, runtime, library, files: authoring.files, reindex, secrets }),
  )
  const credentials = use(createSecretsModule({ secrets, repo, catalog }))
  const activity = use(createActivityModule(new ActivityLog(db, clock)))
  const baseHandlers = late.handlers.set({
    ...app.handlers,
    ...skills.handlers,
    ...credentials.handlers,
    ...activity.handlers,
    ...run.handlers,
    ...trust.handlers,
    ...authoring.handlers,
    ...mcp.handlers,
    ...sources.handlers,
    ...automation.handlers,
    ...routing.handlers,
    ...team.handlers,
  })
  // The managed policy and team mode see governance changes, source adds, syncs and updates in every face.
  const handlers = team.enforce(baseHandlers)

  return {
    handlers,
    events,
    paths,
    invoke: async (route, input) => {
      // No route reads or serves a skill while edits found at start or by a re-index are being judged.
      await pinGuard.settled()
      return dispatch(handlers, route, input)
    },
    mcp: mcp.service,
    webhooks: automation.webhooks,
    dispose: async () => {
      // The database must outlive the checks of changed skills that are still filing requests.
      await pinGuard.settled()
      await store.dispose()
    },
  }
}
