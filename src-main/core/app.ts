import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import type { SkillOrigin, TrustLevel } from '../contract/models'
import { type Clock, systemClock } from './base/clock'
import { DisposableStore } from './base/disposable'
import { type Logger, silentLogger } from './base/logger'
import { dispatch, type Handlers } from './dispatch'
import { appRoutes } from './appRoutes'
import { CoreEvents } from './events'
import { dataHome, type DataHome, secureDataHome } from './paths'
import { openDatabase } from './storage/database'
import { AuditRepository } from './storage/auditRepository'
import { CallLog } from './storage/callLog'
import { CrashLog } from './storage/crashLog'
import { SkillRepository } from './storage/skillRepository'
import { SkillCatalog } from './skills/catalog'
import { createPolicies } from './policy'
import { SkillGate } from './policy/skillGate'
import { SkillStateWatch } from './policy/stateWatch'
import { ForeignChangeProbe } from './storage/changeProbe'
import { currentCallOrigin } from './policy/callPipeline'
import { ActivityLog } from './activity/activityLog'
import { activityRoutes } from './activity/activityRoutes'
import { routingModule } from './routing'
import { createHostEnvironment } from './skills/gating'
import { SkillIndexer } from './skills/indexer'
import { FolderWatcher } from './skills/folderWatcher'
import { SkillLibrary } from './skills/library'
import { ApprovalInbox, type SkillScanner } from './trust/approvalInbox'
import { SkillLifecycle } from './trust/lifecycle'
import { StagedUpdates } from './trust/stagedUpdates'
import { trustRoutes } from './trust/trustRoutes'
import { PinGuard } from './trust/pinGuard'
import { llmReviewer } from './trust/llmReview'
import { SettingsStore } from './settings'
import { generatorModule } from './generator/generatorRoutes'
import { scanSkill, scanSkills } from './trust/scanner'
import { batchedScanner } from './trust/scanner/batchedScan'
import { ApprovalRepository } from './storage/approvalRepository'
import { GovernanceRepository } from './storage/governanceRepository'
import { ScanCache } from './storage/scanCache'
import { LibraryGit } from './skills/libraryGit'
import { validateSkillPath } from './skills/manifest'
import { skillRoutes } from './skills/skillRoutes'
import { ensureHomeId, homeSecretStore } from './secrets/homeSecrets'
import type { SecretStore } from './secrets/secretStore'
import { secretRoutes } from './secrets/secretRoutes'
import { credentialNames } from './secrets/skillCredentials'
import { createSkillSandbox } from './runtime/sandbox'
import { SandboxLimitsStore } from './runtime/sandboxSettings'
import { sandboxedSourceCommands } from './runtime/sourceCommand'
import { SkillRuntime } from './runtime/skillRuntime'
import { runtimeRoutes } from './runtime/runtimeRoutes'
import type { SupervisorOptions } from './runtime/supervisor'
import { APP_VERSION } from './version'
import { createMcpEndpoint, type LaunchCommand, type McpService } from './server'
import { createSources } from './sources'
import { type AutomationTimer, CompositeRunner, createAutomation, type WebhookReceiver } from './automation'
import { reviewComposites } from './automation/compositeReview'
import { fileHandlers, SkillFiles } from './skills/skillFiles'
import { draftCheckHandlers } from './skills/draftCheck'
import { DraftRunner, draftRunHandlers } from './runtime/draftRunner'

export { dispatch, dispatchRoute, type Handlers, type RouteHandlers } from './dispatch'
export { AppError } from './base/appError'
import { AppError } from './base/appError'
import { Lockfile } from './sources/lockfile'
import { createTeam } from './team'
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

const defaultTrust: Record<SkillOrigin, TrustLevel> = {
  builtin: 'trusted',
  library: 'sandboxed',
  draft: 'sandboxed',
}

/** Builds every service in dependency order; `dispose` tears them down in reverse. */
export function createCore(options: CoreOptions): Core {
  const logger = options.logger ?? silentLogger
  const clock = options.clock ?? systemClock
  const paths = dataHome(options.home)
  secureDataHome(paths)

  // A service that fails to shut down is logged; the others are still released.
  const store = new DisposableStore((err) =>
    logger.log('error', 'A service failed to shut down.', { error: AppError.from(err).message }),
  )
  // Taken before the database opens: a home that had none is new (see homeSecrets.ts). The database
  // opens first so that a database this user cannot use is reported as such, not as a home-id error.
  const hadDatabase = existsSync(paths.database)
  const db = openDatabase({ file: paths.database, nativeBinding: options.nativeBinding })
  store.add({ dispose: () => void db.close() })
  const homeKey = ensureHomeId(paths.home, paths.database, hadDatabase)
  const events = new CoreEvents()
  const repo = new SkillRepository(db)
  const audit = new AuditRepository(db, (entry) =>
    events.emit('activity.appended', { action: entry.action, skill: entry.skillName ?? null }),
  )
  const callLog = new CallLog(db, (call) =>
    events.emit('calls.recorded', { skill: call.skill, tool: call.tool, outcome: call.outcome }),
  )
  const roots = [
    { origin: 'builtin' as const, dir: join(options.appRoot, 'skills') },
    { origin: 'library' as const, dir: paths.library },
    { origin: 'draft' as const, dir: paths.drafts },
  ]
  const indexer = new SkillIndexer(repo, roots, clock, logger, (origin) => defaultTrust[origin])
  const env = options.env ?? process.env
  const catalog = new SkillCatalog({
    repo,
    audit,
    indexer,
    clock,
    events,
    host: () => createHostEnvironment({ env }),
  })
  const git = new LibraryGit(paths.library, logger)
  git.ensureRepository()
  if (options.indexOnStart !== false) catalog.reindex()

  const secrets = options.secrets ?? homeSecretStore(homeKey, db, paths.settings)
  const sandbox = store.add(createSkillSandbox({ logger }))
  const sandboxLimits = new SandboxLimitsStore(paths.home)
  const composites = new CompositeRunner({
    repo,
    audit,
    clock,
    calls: () => calls,
    validate: validateSkillPath,
  })
  const runtime = store.add(
    new SkillRuntime({
      repo,
      audit,
      calls: callLog,
      callOrigin: currentCallOrigin,
      events,
      clock,
      logger,
      secrets,
      sandbox,
      host: () => createHostEnvironment({ env }),
      dataHome: paths.home,
      resourcesDir: options.resourcesDir ?? join(options.appRoot, 'resources'),
      python: options.python ?? env.SKILLDOCK_PYTHON ?? 'python3',
      parentEnv: env,
      sandboxLimits: (skill) => sandboxLimits.limitsOf(skill),
      supervisor: options.supervisor,
      checkTools: (skill, tools) => inbox.checkServedTools(skill, tools),
      verifyPin: (skill) => pinGuard.verify(skill),
      crashes: new CrashLog(db),
      composite: composites,
      contentChanged: async () => {
        await reindex()
      },
    }),
  )
  const stopSkill = (skill: string) => runtime.stop(skill)
  const policies = createPolicies({
    db,
    runtime,
    stop: stopSkill,
    audit,
    callLog,
    events,
    clock,
    // The managed policy may allow only team skills to run (the team module is built further down).
    blocked: (row) => team.blocked(row),
  })
  const calls = policies.calls
  if (options.watch) {
    // Another process (the CLI) may disable, deprecate or change a skill whose process runs here.
    const probe = new ForeignChangeProbe(db)
    const gate = new SkillGate(db)
    store.add(
      new SkillStateWatch({
        foreignChanged: () => probe.changed(),
        gate,
        running: () =>
          runtime.supervisor
            .statuses()
            .filter((s) => s.state === 'running' || s.state === 'starting')
            .map((s) => s.skill),
        stop: stopSkill,
        logger,
      }),
    )
  }

  const resourcesDir = options.resourcesDir ?? join(options.appRoot, 'resources')
  const python = options.python ?? env.SKILLDOCK_PYTHON ?? 'python3'
  const settings = new SettingsStore(paths.settings)
  const approvals = new ApprovalRepository(db)
  // Proposed updates (optimize) wait beside the library until approved; the approved files serve on.
  const staged = new StagedUpdates({
    root: join(paths.home, 'staged'),
    skills: repo,
    approvals,
    audit,
    events,
    clock,
    inbox: () => inbox,
  })
  const credentials = credentialNames(secrets)
  const inbox: ApprovalInbox = new ApprovalInbox({
    skills: repo,
    approvals,
    governance: new GovernanceRepository(db),
    scans: new ScanCache(db),
    audit,
    git,
    events,
    clock,
    // Composites are judged by what their steps call, whichever scanner runs.
    scanner: reviewComposites(
      options.scanner ??
        batchedScanner((dirs) =>
          scanSkills(dirs, { python, resourcesDir, clock, review: llmReviewer(settings, secrets) }),
        ),
      (skill) => repo.findSummary(skill),
    ),
    scanVariant: () => (settings.read().trust.llmReview ? 'llm' : 'static'),
    installDraft: (skill, from) => {
      const target = join(paths.library, skill)
      if (existsSync(target)) {
        throw new AppError(
          'CONFLICT',
          `The library already has a folder named ${skill}; move it away, then approve again.`,
        )
      }
      renameSync(from, target)
      catalog.reindex()
    },
    servedTools: (skill) => runtime.tools(skill, true),
    stopServer: (skill) => runtime.stop(skill).then(() => undefined),
    storedCredentials: (skill) => credentials.of(skill),
    staged: { updates: staged, reindex: () => void catalog.reindex() },
  })
  const library = new SkillLibrary({
    db,
    dir: paths.library,
    repo,
    audit,
    catalog,
    git,
    gate: inbox,
    clock,
    assessBatch: credentials.batch,
  })
  const sources = store.add(
    createSources({
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
      sourceCommands: sandboxedSourceCommands({ sandbox, parentEnv: env, dataHome: paths.home }),
      autoSync: options.watch === true,
    }),
  )
  const lifecycle = new SkillLifecycle({ repo, audit, catalog, git, events, clock })
  /** Re-reads the folders; approved skills whose files changed since approval go back to the inbox. */
  const pinGuard = new PinGuard({
    repo,
    reindex: () => void catalog.reindex(),
    fileRequests: () => inbox.checkContent(catalog.lastChanged()),
    logger,
  })
  const reindex = async () => {
    const stats = catalog.reindex()
    // Tracked: routes wait for it, so none sees a changed skill before its request is filed.
    await pinGuard.track(inbox.checkContent(catalog.lastChanged()))
    return stats
  }
  if (options.watch) {
    store.add(
      new FolderWatcher(
        [paths.library, paths.drafts],
        () => {
          reindex().catch((err: unknown) =>
            logger.log('error', 're-index after a change failed', { error: String(err) }),
          )
        },
        logger,
      ),
    )
  }
  if (options.indexOnStart !== false) {
    pinGuard
      .track(inbox.checkContent(catalog.lastChanged()))
      .catch((err: unknown) => logger.log('error', 'checking changed skills failed', { error: String(err) }))
  }

  const generator = generatorModule({
    db,
    home: paths.home,
    settingsFile: paths.settings,
    drafts: paths.drafts,
    repo,
    search: (query, limit) => catalog.search(query, limit),
    reindex,
    validate: validateSkillPath,
    test: (name) => runtime.test(name),
    inbox,
    secrets,
    events,
    clock,
  })

  const mcp = store.add(
    createMcpEndpoint({
      db,
      catalog,
      repo,
      runtime,
      calls,
      permissions: policies.permissions,
      audit,
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
        generator.gaps.recordUnknownToolCall(tool, client, args)
      },
    }),
  )

  const automation = store.add(
    createAutomation({
      db,
      home: paths.home,
      drafts: paths.drafts,
      repo,
      audit,
      calls,
      composites,
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

  const files = new SkillFiles({
    repo,
    drafts: paths.drafts,
    library: paths.library,
    reindex,
    replaceLibrarySkill: (name, from, reason) =>
      library.replace(
        name,
        from,
        'user',
        reason ?? 'edited in the SkillDock editor and submitted for approval',
      ),
    request: (name, kind, reason) => inbox.request(name, kind, 'user', reason),
    latestApproval: (name) => inbox.latestFor(name),
  })
  // The editor's "Test draft": the saved draft runs sandboxed in a supervisor apart from the approved skill's.
  const draftRunner = store.add(
    new DraftRunner({
      repo,
      draftDir: (name) => {
        const workspace = files.workspace(name)
        return workspace.hasDraft ? workspace.dir : null
      },
      sandbox,
      secrets,
      host: () => createHostEnvironment({ env }),
      dataHome: paths.home,
      resourcesDir,
      python,
      parentEnv: env,
      limits: (skill) => sandboxLimits.limitsOf(skill),
      clock,
      logger,
    }),
  )
  const activity = new ActivityLog(db, clock)
  try {
    callLog.prune(clock.now())
  } catch (err) {
    logger.log('warn', 'pruning old call metrics failed', { error: String(err) })
  }
  const routing = routingModule({
    db,
    catalog,
    runtime,
    calls,
    settings,
    secrets,
    home: paths.home,
    clock,
    propose: (skill, files, reason) => staged.propose(skill, files, 'user', reason),
  })

  const team = createTeam({
    home: paths.home,
    db,
    sandboxLimits,
    skills: repo,
    inbox,
    lockfile: new Lockfile(paths.lockfile),
    env,
    clock,
    logger,
    events,
    handlers: () => baseHandlers,
  })
  // Before any route runs: a mode the managed policy pins is the mode everything is judged under.
  team.applyPolicy()
  const baseHandlers: Handlers = {
    ...appRoutes({
      paths,
      catalog,
      schemaVersion: () => db.pragma('user_version', { simple: true }) as number,
      defaultPort: DEFAULT_PORT,
      host: () => createHostEnvironment({ env }),
      doctorChecks: sources.doctorChecks,
    }),
    ...skillRoutes({ catalog, repo, inbox, runtime, library, files, reindex, secrets }),
    ...runtimeRoutes({ runtime, calls }),
    ...secretRoutes({ secrets, repo, catalog }),
    ...trustRoutes({ inbox, lifecycle, repo, settings, sandboxLimits }),
    ...fileHandlers(files),
    ...draftRunHandlers(draftRunner),
    ...draftCheckHandlers({
      python,
      workspaceDir: (name) => files.workspace(name).dir,
      scan: (dir) => scanSkill(dir, { python, resourcesDir, clock }),
    }),
    ...generator.handlers,
    ...mcp.handlers,
    ...sources.handlers,
    ...policies.handlers,
    ...automation.handlers,
    ...activityRoutes(activity),
    ...routing.handlers,
    ...team.handlers,
  }
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
