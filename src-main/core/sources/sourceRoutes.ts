import { basename } from 'node:path'
import type { Disposable } from '../base/disposable'
import { type Clock, isoNow } from '../base/clock'
import type { Logger } from '../base/logger'
import { AppError } from '../base/appError'
import type { Handlers } from '../dispatch'
import { MAX_UPLOAD_BYTES, type RepoInfo } from '../../contract/sources'
import type { SkillRepository } from '../storage/skillRepository'
import type { SkillAdoption } from './agentAdoption'
import { defaultExportDir, exportSkills } from './agentExport'
import type { Marketplace } from './marketplace'
import type { SourceService } from './sourceService'

type SourceRouteName =
  | 'repos.add'
  | 'repos.list'
  | 'repos.sync'
  | 'repos.cancel'
  | 'repos.setToken'
  | 'repos.browse'
  | 'repos.install'
  | 'repos.remove'
  | 'skills.update'
  | 'skills.updates'
  | 'skills.export'
  | 'skills.addSource'
  | 'skills.adoptable'
  | 'skills.adopt'
  | 'skills.importArchive'
  | 'skills.importText'
  | 'marketplace.browse'
  | 'marketplace.show'
  | 'marketplace.install'

/** The sources issue's routes: repos, updates, export, one-off imports and marketplace catalogs. */
export function sourceRoutes(deps: {
  sources: SourceService
  skills: SkillRepository
  adoption: SkillAdoption
  marketplace: Marketplace
  clock: Clock
  env: NodeJS.ProcessEnv
}): Pick<Handlers, SourceRouteName> {
  const { sources, skills, adoption } = deps
  return {
    'repos.add': (input) => sources.add(input),
    'repos.list': () => sources.list(),
    'repos.sync': async ({ name, all }) => {
      if (all) return sources.syncMany(sources.list().map((r) => r.name))
      if (!name) throw new AppError('INVALID_INPUT', 'Name a source to sync, or ask for all of them.')
      return [await sources.sync(name)]
    },
    'repos.cancel': ({ name }) => ({ cancelled: sources.cancel(name) }),
    'repos.setToken': ({ name, token }) => sources.setToken(name, token),
    'repos.browse': ({ name }) => sources.browse(name),
    'repos.install': ({ name, skills, all }) => {
      if ((all === true) === (skills !== undefined && skills.length > 0)) {
        throw new AppError('INVALID_INPUT', 'Name the skills to install, or pass all, not both.')
      }
      return sources.install(name, all ? 'all' : skills!)
    },
    'repos.remove': ({ name }) => sources.remove(name),
    'skills.updates': () => sources.updates(),
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
        target,
      )
      for (const n of missing) result.skipped.push({ name: n, reason: 'not an active skill' })
      return result
    },
    'skills.adoptable': ({ target, dir }) => adoption.list(dir ?? defaultExportDir(target, deps.env)),
    'skills.adopt': ({ target, dir, names }) =>
      adoption.adopt(target, dir ?? defaultExportDir(target, deps.env), names ?? null),
    'skills.importArchive': async ({ fileName, base64 }) => {
      const bytes = Buffer.from(base64, 'base64')
      if (bytes.length > MAX_UPLOAD_BYTES) {
        throw new AppError('INVALID_INPUT', 'The archive is over 1 MiB; add it by URL or path instead.')
      }
      return { skills: await sources.addArchive(bytes, `upload:${basename(fileName)}`) }
    },
    'skills.importText': async ({ content }) => ({ skills: await sources.addSkillText(content) }),
    'skills.addSource': async ({ source, ref, allowLocal }) => ({
      skills: await sources.addOnce(source, ref ?? null, allowLocal === true),
    }),
    'marketplace.browse': ({ catalog, tag, allowLocal }) =>
      deps.marketplace.browse(catalog, tag, allowLocal === true),
    'marketplace.show': ({ id, catalog, allowLocal }) =>
      deps.marketplace.show(id, catalog, allowLocal === true),
    'marketplace.install': ({ id, catalog, allowLocal }) =>
      deps.marketplace.install(id, catalog, allowLocal === true),
  }
}

/** What the scheduler needs of the sources: their list and a way to sync one. */
export interface SyncTarget {
  list(): RepoInfo[] | Promise<RepoInfo[]>
  sync(name: string): Promise<unknown>
}

/** Calls `fire` every `everyMs`; returns how to stop. Injected so tests drive the scheduler by hand. */
export type IntervalTimer = (fire: () => void, everyMs: number) => Disposable

export const realIntervalTimer: IntervalTimer = (fire, everyMs) => {
  const timer = setInterval(fire, everyMs)
  timer.unref()
  return { dispose: () => clearInterval(timer) }
}

/**
 * Syncs sources with an auto-sync interval when it is due (checked every minute). The sync itself
 * stores the last sync time, status and error on the repo.
 */
export class SyncScheduler implements Disposable {
  private readonly timer: Disposable
  private ticking: Promise<void> | null = null

  constructor(
    private readonly sources: SyncTarget,
    private readonly clock: Clock,
    private readonly logger: Logger,
    timer: IntervalTimer = realIntervalTimer,
    everyMs = 60_000,
  ) {
    this.timer = timer(() => void this.tick(), everyMs)
  }

  /** Syncs every source whose interval has passed since its last sync; one pass at a time. */
  tick(): Promise<void> {
    this.ticking ??= this.pass().finally(() => (this.ticking = null))
    return this.ticking
  }

  private async pass(): Promise<void> {
    const now = this.clock.now().getTime()
    for (const repo of await this.sources.list()) {
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
    this.timer.dispose()
  }
}
