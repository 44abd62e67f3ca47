import { join } from 'node:path'
import type { Disposable } from '../base/disposable'
import type { SourceCommandLauncher } from '../runtime/sourceCommand'
import type { Handlers } from '../dispatch'
import type { DataHome } from '../paths'
import type { Db } from '../storage/database'
import { RepoRepository } from '../storage/repoRepository'
import type { DoctorCheck } from '../../contract/models'
import { SkillAdoption } from './agentAdoption'
import { lockfileCheck } from './lockDrift'
import { Lockfile } from './lockfile'
import { Marketplace } from './marketplace'
import { type SourceDeps, SourceService } from './sourceService'
import { sourceRoutes, SyncScheduler } from './sourceRoutes'

export { SourceService } from './sourceService'
export { Lockfile } from './lockfile'

/** The sources module as the core wires it: its routes, and (in long-running modes) auto-sync. */
export function createSourcesModule(
  deps: Pick<
    SourceDeps,
    'skills' | 'library' | 'events' | 'clock' | 'logger' | 'env' | 'ownPorts' | 'secrets'
  > & {
    db: Db
    paths: DataHome
    /** Confines `mcp` source commands (sandbox, built environment). */
    sourceCommands?: SourceCommandLauncher
    autoSync: boolean
  },
): Disposable & {
  handlers: ReturnType<typeof sourceRoutes>
  service: SourceService
  /** `doctor` lines of this module: installed skills against the lockfile. */
  doctorChecks: () => DoctorCheck[]
} {
  const lockfile = new Lockfile(deps.paths.lockfile)
  const service = new SourceService({
    repos: new RepoRepository(deps.db),
    skills: deps.skills,
    library: deps.library,
    lockfile,
    sourcesDir: deps.paths.sources,
    events: deps.events,
    clock: deps.clock,
    logger: deps.logger,
    env: deps.env,
    ownPorts: deps.ownPorts,
    secrets: deps.secrets,
    launchCommand: deps.sourceCommands,
  })
  const scheduler = deps.autoSync ? new SyncScheduler(service, deps.clock, deps.logger) : null
  const handlers: Pick<Handlers, keyof ReturnType<typeof sourceRoutes>> = sourceRoutes({
    sources: service,
    skills: deps.skills,
    adoption: new SkillAdoption({ skills: deps.skills, library: deps.library, lockfile, clock: deps.clock }),
    marketplace: new Marketplace({
      file: join(deps.paths.home, 'marketplace', 'catalog.json'),
      clock: deps.clock,
      ownPorts: deps.ownPorts,
      addOnce: (source, ref, allowLocal) => service.addOnce(source, ref, allowLocal),
    }),
    clock: deps.clock,
    env: deps.env,
  })
  return {
    handlers,
    service,
    doctorChecks: () => [lockfileCheck(lockfile, deps.skills)],
    dispose: () => scheduler?.dispose(),
  }
}
