import { createGeneratorModule } from '../generator/generatorRoutes'
import { DraftRunner, draftRunHandlers } from '../runtime/draftRunner'
import type { SkillRuntime } from '../runtime/skillRuntime'
import { draftCheckHandlers } from '../skills/draftCheck'
import { validateSkillPath } from '../skills/manifest'
import { fileHandlers, SkillFiles } from '../skills/skillFiles'
import { scanSkill } from '../trust/scanner'
import type { Foundation } from './foundation'
import type { createTrustModule } from './trustModule'

/** Writing skills: the generator, the editor's files, its checks and its sandboxed "Test draft". */
export function createAuthoringModule({
  f,
  runtime,
  trust,
}: {
  f: Foundation
  runtime: SkillRuntime
  trust: Pick<ReturnType<typeof createTrustModule>, 'inbox' | 'library' | 'reindex'>
}) {
  const { db, paths, repo, catalog, clock, python, resourcesDir } = f
  const { inbox, library, reindex } = trust
  const generator = createGeneratorModule({
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
    secrets: f.secrets,
    events: f.events,
    clock,
  })
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
  const draftRunner = new DraftRunner({
    repo,
    draftDir: (name) => {
      const workspace = files.workspace(name)
      return workspace.hasDraft ? workspace.dir : null
    },
    sandbox: f.sandbox,
    secrets: f.secrets,
    host: f.host,
    dataHome: paths.home,
    resourcesDir,
    python,
    parentEnv: f.env,
    limits: (skill) => f.sandboxLimits.limitsOf(skill),
    clock,
    logger: f.logger,
  })
  const handlers = {
    ...generator.handlers,
    ...fileHandlers(files),
    ...draftRunHandlers(draftRunner),
    ...draftCheckHandlers({
      python,
      workspaceDir: (name) => files.workspace(name).dir,
      scan: (dir) => scanSkill(dir, { python, resourcesDir, clock }),
    }),
  }
  return {
    handlers,
    gaps: generator.gaps,
    files,
    dispose: () => draftRunner.dispose(),
  }
}
