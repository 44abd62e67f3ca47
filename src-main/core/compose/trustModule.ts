import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../base/appError'
import { reviewComposites } from '../automation/compositeReview'
import { lateBound } from '../module'
import type { SkillRuntime } from '../runtime/skillRuntime'
import { credentialNames } from '../secrets/skillCredentials'
import { FolderWatcher } from '../skills/folderWatcher'
import { SkillLibrary } from '../skills/library'
import { ApprovalRepository } from '../storage/approvalRepository'
import { GovernanceRepository } from '../storage/governanceRepository'
import { ScanCache } from '../storage/scanCache'
import { ApprovalInbox } from '../trust/approvalInbox'
import { SkillLifecycle } from '../trust/lifecycle'
import { llmReviewer } from '../trust/llmReview'
import { PinGuard } from '../trust/pinGuard'
import { reviewFileRoutes } from '../trust/reviewFiles'
import { scanSkills } from '../trust/scanner'
import { batchedScanner } from '../trust/scanner/batchedScan'
import { StagedUpdates } from '../trust/stagedUpdates'
import { trustRoutes } from '../trust/trustRoutes'
import type { Foundation } from './foundation'

/**
 * Approvals and what guards them: the inbox (scans, governance, staged updates), the library it
 * installs into, the pin guard that sends changed skills back to it, and the folder watcher.
 */
export function createTrustModule({ f, runtime }: { f: Foundation; runtime: SkillRuntime }) {
  const { db, repo, audit, git, events, clock, logger, catalog, paths, settings, secrets } = f
  const approvals = new ApprovalRepository(db)
  // Staged updates are decided in the inbox, and the inbox swaps them in: built right after.
  const inboxCell = lateBound<ApprovalInbox>('the approval inbox')
  // Proposed updates (optimize) wait beside the library until approved; the approved files serve on.
  const staged = new StagedUpdates({
    root: join(paths.home, 'staged'),
    skills: repo,
    approvals,
    audit,
    events,
    clock,
    inbox: () => inboxCell.get(),
  })
  const credentials = credentialNames(secrets)
  const inbox = inboxCell.set(
    new ApprovalInbox({
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
        f.options.scanner ??
          batchedScanner((dirs) =>
            scanSkills(dirs, {
              python: f.python,
              resourcesDir: f.resourcesDir,
              clock,
              review: llmReviewer(settings, secrets),
            }),
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
    }),
  )
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
  const lifecycle = new SkillLifecycle({ repo, audit, catalog, git, events, clock })
  const pinGuard = new PinGuard({
    repo,
    reindex: (folder) => void catalog.reindex(folder),
    fileRequests: () => inbox.checkContent(catalog.lastChanged()),
    logger,
  })
  /** Re-reads the folders; approved skills whose files changed since approval go back to the inbox. */
  const reindex = async () => {
    const stats = catalog.reindex()
    // Tracked: routes wait for it, so none sees a changed skill before its request is filed.
    await pinGuard.track(inbox.checkContent(catalog.lastChanged()))
    return stats
  }
  const reindexAfterChange = () => {
    reindex().catch((err: unknown) =>
      logger.log('error', 're-index after a change failed', { error: String(err) }),
    )
  }
  // Watching a thousand skill folders takes ~70 ms (an inotify watch per entry): it starts right
  // after start-up rather than during it, then re-indexes once (cheap for unchanged folders), so a
  // change made before the watcher saw it is still found.
  let watcher: FolderWatcher | null = null
  let startWatching: NodeJS.Immediate | null = f.options.watch
    ? setImmediate(() => {
        startWatching = null
        watcher = new FolderWatcher([paths.library, paths.drafts], reindexAfterChange, logger)
        reindexAfterChange()
      })
    : null
  if (f.options.indexOnStart !== false) {
    pinGuard
      .track(inbox.checkContent(catalog.lastChanged()))
      .catch((err: unknown) => logger.log('error', 'checking changed skills failed', { error: String(err) }))
  }
  const handlers = {
    ...trustRoutes({ inbox, lifecycle, repo, settings, sandboxLimits: f.sandboxLimits }),
    ...reviewFileRoutes({ inbox, repo, staged }),
  }
  return {
    handlers,
    inbox,
    staged,
    library,
    pinGuard,
    reindex,
    dispose: () => {
      if (startWatching) clearImmediate(startWatching)
      startWatching = null
      watcher?.dispose()
    },
  }
}
