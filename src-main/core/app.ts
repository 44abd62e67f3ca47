import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { SkillOrigin, TrustLevel } from '../contract/models'
import { type Clock, systemClock } from './base/clock'
import { DisposableStore } from './base/disposable'
import { type Logger, silentLogger } from './base/logger'
import { dispatch, type Handlers } from './dispatch'
import { runDoctor } from './doctor'
import { CoreEvents } from './events'
import { dataHome, type DataHome } from './paths'
import { openDatabase } from './storage/database'
import { AuditRepository } from './storage/auditRepository'
import { SkillRepository } from './storage/skillRepository'
import { SkillCatalog } from './skills/catalog'
import { createHostEnvironment } from './skills/gating'
import { SkillIndexer } from './skills/indexer'
import { installOnlyGate, SkillLibrary } from './skills/library'
import { LibraryGit } from './skills/libraryGit'
import { validateSkillPath, validateSkillText } from './skills/manifest'
import { APP_VERSION } from './version'

export { dispatch, type Handlers } from './dispatch'
export { AppError } from './base/appError'
export { resolveHome, defaultHome, dataHome, type DataHome } from './paths'
export { JsonLineLogger, silentLogger, type Logger } from './base/logger'
export type { CoreEvents } from './events'
export { APP_VERSION }
export { validateSkillPath } from './skills/manifest'

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
}

export interface Core {
  handlers: Handlers
  events: CoreEvents
  paths: DataHome
  /** Runs a route by name with raw input; never throws. */
  invoke: (route: string, input: unknown) => ReturnType<typeof dispatch>
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
  for (const dir of [paths.home, paths.library, paths.drafts, paths.logs]) mkdirSync(dir, { recursive: true })

  const store = new DisposableStore()
  const db = openDatabase({ file: paths.database, nativeBinding: options.nativeBinding })
  store.add({ dispose: () => void db.close() })
  const events = new CoreEvents()
  const repo = new SkillRepository(db)
  const audit = new AuditRepository(db)
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
  const library = new SkillLibrary({
    dir: paths.library,
    repo,
    audit,
    catalog,
    git,
    gate: installOnlyGate,
    clock,
  })
  if (options.indexOnStart !== false) catalog.reindex()

  const handlers: Handlers = {
    'app.info': () => ({ version: APP_VERSION, home: paths.home, skillCount: catalog.count() }),
    'app.doctor': ({ port }) =>
      runDoctor({
        home: paths.home,
        schemaVersion: db.pragma('user_version', { simple: true }) as number,
        port: port ?? DEFAULT_PORT,
        host: createHostEnvironment({ env }),
      }),
    'skills.list': (input) => catalog.list(input),
    'skills.get': ({ name }) => catalog.get(name),
    'skills.search': ({ query, limit }) => catalog.search(query, limit),
    'skills.validate': (input) =>
      input.path !== undefined
        ? validateSkillPath(input.path)
        : validateSkillText(input.content ?? '', input.folderName),
    'skills.setEnabled': ({ name, enabled }) => catalog.setEnabled(name, enabled),
    'skills.add': ({ path }) => ({ skills: library.add(path) }),
    'skills.remove': ({ name }) => {
      library.remove(name)
      return { removed: name }
    },
    'skills.reindex': () => catalog.reindex(),
    'skills.prompt': () => ({ xml: catalog.promptXml() }),
  }

  return {
    handlers,
    events,
    paths,
    invoke: (route, input) => dispatch(handlers, route, input),
    dispose: () => store.dispose(),
  }
}
