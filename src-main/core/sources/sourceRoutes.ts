import type { Disposable } from '../base/disposable'
import { type Clock, isoNow } from '../base/clock'
import type { Logger } from '../base/logger'
import { AppError } from '../base/appError'
import type { Handlers } from '../dispatch'
import type { SkillRepository } from '../storage/skillRepository'
import { defaultExportDir, exportSkills } from './agentExport'
import type { SourceService } from './sourceService'

type SourceRouteName =
  | 'repos.add'
  | 'repos.list'
  | 'repos.sync'
  | 'repos.cancel'
  | 'repos.browse'
  | 'repos.remove'
  | 'skills.update'
  | 'skills.export'
  | 'skills.addSource'

/** The sources issue's routes: repos, updates, export and one-off imports. */
export function sourceRoutes(deps: {
  sources: SourceService
  skills: SkillRepository
  clock: Clock
  env: NodeJS.ProcessEnv
}): Pick<Handlers, SourceRouteName> {
  const { sources, skills } = deps
  return {
    'repos.add': (input) => sources.add(input),
    'repos.list': () => sources.list(),
    'repos.sync': async ({ name, all }) => {
      if (all) return sources.syncMany(sources.list().map((r) => r.name))
      if (!name) throw new AppError('INVALID_INPUT', 'Name a source to sync, or ask for all of them.')
      return [await sources.sync(name)]
    },
    'repos.cancel': ({ name }) => ({ cancelled: sources.cancel(name) }),
    'repos.browse': ({ name }) => sources.browse(name),
    'repos.remove': ({ name }) => sources.remove(name),
    'skills.update': async ({ name, all, force }) => {
      const names = all ? sources.pendingUpdates() : name ? [name] : []
      if (names.length === 0 && !all)
        throw new AppError('INVALID_INPUT', 'Name a skill to update, or ask for all.')
      const results = []
      for (const n of names) {
        try {
          const added = await sources.update(n, force === true)
          results.push({ name: n, applied: true, state: added.state, message: null })
        } catch (err) {
          if (!all) throw err
          results.push({ name: n, applied: false, state: null, message: AppError.from(err).message })
        }
      }
      return results
    },
    'skills.export': ({ target, dir, names }) => {
      const active = skills.listSummaries('active').filter((s) => s.valid && s.fingerprint !== null)
      const chosen = names ? active.filter((s) => names.includes(s.name)) : active
      const missing = names?.filter((n) => !chosen.some((s) => s.name === n)) ?? []
      const result = exportSkills(
        chosen.map((s) => ({ name: s.name, path: s.path, fingerprint: s.fingerprint! })),
        dir ?? defaultExportDir(target, deps.env),
        names === undefined,
        isoNow(deps.clock),
      )
      for (const n of missing) result.skipped.push({ name: n, reason: 'not an active skill' })
      return result
    },
    'skills.addSource': async ({ source, ref, allowLocal }) => ({
      skills: await sources.addOnce(source, ref ?? null, allowLocal === true),
    }),
  }
}

/** Syncs sources with an auto-sync interval when it is due (checked every minute). */
export class SyncScheduler implements Disposable {
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly sources: SourceService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    everyMs = 60_000,
  ) {
    this.timer = setInterval(() => void this.tick(), everyMs)
    this.timer.unref()
  }

  /** Syncs every source whose interval has passed since its last sync. */
  async tick(): Promise<void> {
    const now = this.clock.now().getTime()
    for (const repo of this.sources.list()) {
      if (!repo.autoSyncMinutes) continue
      const last = repo.lastSyncAt ? Date.parse(repo.lastSyncAt) : 0
      if (now - last < repo.autoSyncMinutes * 60_000) continue
      await this.sources
        .sync(repo.name)
        .catch((err: unknown) =>
          this.logger.log('warn', 'auto-sync failed', { repo: repo.name, error: String(err) }),
        )
    }
  }

  dispose(): void {
    clearInterval(this.timer)
  }
}
