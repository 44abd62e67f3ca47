import type { DoctorCheck } from '../contract/models'
import type { Handlers } from './dispatch'
import { runDoctor } from './doctor'
import type { DataHome } from './paths'
import type { HostEnvironment } from './skills/gating'
import type { SkillCatalog } from './skills/catalog'
import { APP_VERSION } from './version'

type AppRouteName = 'app.info' | 'app.paths' | 'app.doctor'

/** The app's own routes: what is installed where, and whether the machine has what SkillDock needs. */
export function createAppModule(deps: {
  paths: DataHome
  catalog: SkillCatalog
  /** The database's `user_version`, read at each check. */
  schemaVersion: () => number
  /** The port checked when the caller names none. */
  defaultPort: number
  host: () => HostEnvironment
  /** Checks of the data itself (e.g. the lockfile), run after the environment's. */
  doctorChecks: () => DoctorCheck[]
}): { handlers: Pick<Handlers, AppRouteName> } {
  const { paths, catalog } = deps
  const handlers: Pick<Handlers, AppRouteName> = {
    'app.info': () => ({ version: APP_VERSION, home: paths.home, skillCount: catalog.count() }),
    'app.paths': () => ({
      home: paths.home,
      library: paths.library,
      drafts: paths.drafts,
      sources: paths.sources,
      logs: paths.logs,
      database: paths.database,
      settings: paths.settings,
    }),
    'app.doctor': ({ port }) =>
      runDoctor({
        home: paths.home,
        schemaVersion: deps.schemaVersion(),
        port: port ?? deps.defaultPort,
        host: deps.host(),
        extra: deps.doctorChecks,
      }),
  }
  return { handlers }
}
