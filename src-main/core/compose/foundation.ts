import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { SkillOrigin, TrustLevel } from '../../contract/models'
import { AppError } from '../base/appError'
import { systemClock } from '../base/clock'
import { DisposableStore } from '../base/disposable'
import { silentLogger } from '../base/logger'
import { CoreEvents } from '../events'
import { dataHome, secureDataHome } from '../paths'
import { createSkillSandbox } from '../runtime/sandbox'
import { SandboxLimitsStore } from '../runtime/sandboxSettings'
import { ensureHomeId, homeSecretStore } from '../secrets/homeSecrets'
import { SettingsStore } from '../settings'
import { SkillCatalog } from '../skills/catalog'
import { createHostEnvironment } from '../skills/gating'
import { SkillIndexer } from '../skills/indexer'
import { LibraryGit } from '../skills/libraryGit'
import { AuditRepository } from '../storage/auditRepository'
import { CallLog } from '../storage/callLog'
import { openDatabase } from '../storage/database'
import { SkillRepository } from '../storage/skillRepository'
import type { CoreOptions } from '../app'

const defaultTrust: Record<SkillOrigin, TrustLevel> = {
  builtin: 'trusted',
  library: 'sandboxed',
  draft: 'sandboxed',
}

/** What every module builds on: the data home, the database and its repositories, the catalog, secrets, the sandbox. */
export type Foundation = ReturnType<typeof createFoundation>

/** Opens the data home; each value is computed once here and handed to the modules that need it. */
export function createFoundation(options: CoreOptions) {
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
  // Disposed in reverse: the last metric rows are written after every service stopped, before the
  // database closes.
  store.add({ dispose: () => callLog.flush() })
  const roots = [
    { origin: 'builtin' as const, dir: join(options.appRoot, 'skills') },
    { origin: 'library' as const, dir: paths.library },
    { origin: 'draft' as const, dir: paths.drafts },
  ]
  const indexer = new SkillIndexer(repo, roots, clock, logger, (origin) => defaultTrust[origin])
  const env = options.env ?? process.env
  const host = () => createHostEnvironment({ env })
  const catalog = new SkillCatalog({ repo, audit, indexer, clock, events, host })
  const git = new LibraryGit(paths.library, logger)
  git.ensureRepository()
  if (options.indexOnStart !== false) catalog.reindex()
  return {
    options,
    logger,
    clock,
    paths,
    store,
    db,
    events,
    repo,
    audit,
    callLog,
    env,
    host,
    catalog,
    git,
    secrets: options.secrets ?? homeSecretStore(homeKey, db, paths.settings),
    sandbox: store.add(createSkillSandbox({ logger })),
    sandboxLimits: new SandboxLimitsStore(paths.home),
    settings: new SettingsStore(paths.settings),
    resourcesDir: options.resourcesDir ?? join(options.appRoot, 'resources'),
    python: options.python ?? env.SKILLDOCK_PYTHON ?? 'python3',
  }
}
