import type { RepoInfo, SyncItem, SyncReport } from '../../contract/sources'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { CoreEvents } from '../events'
import { fingerprintFolder } from '../skills/fingerprint'
import type { SkillLibrary } from '../skills/library'
import type { RepoRepository } from '../storage/repoRepository'
import type { SkillRepository } from '../storage/skillRepository'
import { lockEntry } from './lockEntries'
import type { Lockfile } from './lockfile'
import type { RepoTokens } from './repoTokens'
import type { SourceCache } from './sourceCache'
import { distinctOffers, installOffers, isPick } from './sourceOffers'
import { type OfferedSkill, offeredSkills } from './sourceSkills'
import type { FetchMeta } from './sourceSpec'

export interface SyncDeps {
  repos: RepoRepository
  skills: SkillRepository
  library: SkillLibrary
  lockfile: Lockfile
  events: CoreEvents
  clock: Clock
  cache: SourceCache
  tokens: RepoTokens
}

/**
 * Sync of configured sources: fetch, then reconcile what the source offers with the library and the
 * lockfile, installing new skills and marking updates, conflicts and orphans. One sync per source at a
 * time, each cancellable.
 */
export class SourceSync {
  private readonly running = new Map<string, AbortController>()

  constructor(private readonly deps: SyncDeps) {}

  cancel(name: string): boolean {
    const controller = this.running.get(name)
    controller?.abort()
    return controller !== undefined
  }

  async sync(repo: RepoInfo): Promise<SyncReport> {
    const name = repo.name
    if (this.running.has(name)) throw new AppError('CONFLICT', `${name} is already syncing.`)
    const controller = new AbortController()
    this.running.set(name, controller)
    const progress = (
      phase: 'fetching' | 'reconciling' | 'done' | 'failed' | 'cancelled',
      message: string | null = null,
    ) => this.deps.events.emit('sync.progress', { repo: name, phase, message })
    try {
      progress('fetching', repo.url)
      const meta = await this.deps.cache.fetch(repo, controller.signal)
      if (controller.signal.aborted) throw new AppError('CANCELLED', 'The sync was cancelled.')
      progress('reconciling')
      const items = await this.reconcile(repo, meta, controller.signal, (message, current, total) =>
        this.deps.events.emit('sync.progress', { repo: name, phase: 'reconciling', message, current, total }),
      )
      this.deps.repos.setSyncOutcome(repo.id, 'ok', null, isoNow(this.deps.clock))
      progress('done', syncSummary(items))
      return { repo: name, commit: meta.commit ?? meta.archiveSha256, items }
    } catch (err) {
      const cancelled = controller.signal.aborted
      const error = cancelled
        ? new AppError(
            'CANCELLED',
            `The sync of ${name} was cancelled; skills it had not finished were not installed.`,
          )
        : AppError.from(err)
      this.deps.repos.setSyncOutcome(
        repo.id,
        cancelled ? 'cancelled' : 'error',
        error.message,
        isoNow(this.deps.clock),
      )
      progress(cancelled ? 'cancelled' : 'failed', error.message)
      throw error
    } finally {
      this.running.delete(name)
    }
  }

  /**
   * A library skill no lockfile entry claims, with the very files the source offers, installed by
   * this source (or found in the library by the indexer when the kill came before the install's
   * commit): tracking it is what the interrupted sync would have done.
   */
  private installedUntracked(
    repo: RepoInfo,
    record: { origin: string; source: string; path: string },
    s: OfferedSkill,
  ): boolean {
    return (
      record.origin === 'library' &&
      (record.source === `${repo.type}:${repo.url}` || record.source === 'library') &&
      fingerprintFolder(record.path) === s.fingerprint
    )
  }

  /**
   * Compares what the source offers with the library and the lockfile, installing new skills (all
   * in one batch) unless the source is a pick source, whose new skills are only listed.
   */
  private async reconcile(
    repo: RepoInfo,
    meta: FetchMeta,
    signal?: AbortSignal,
    onProgress?: (message: string, current: number, total: number) => void,
  ): Promise<SyncItem[]> {
    // Per skill, but at most about a hundred events a stage: a 10,000-skill sync stays cheap to watch.
    const report = (message: string) => (current: number, total: number) => {
      if (current === total || current % Math.max(1, Math.floor(total / 100)) === 0)
        onProgress?.(message, current, total)
    }
    const checked = report('checking')
    const { unique: offered, duplicates } = distinctOffers(
      offeredSkills(this.deps.cache.rootOf(repo), this.deps.cache.offersMemo(repo)),
    )
    const pick = isPick(this.deps.cache, repo)
    const lock = this.deps.lockfile.read()
    // One query for every skill's row, not one per offered skill (ten thousand on a large source).
    const installed = new Map(this.deps.skills.listSummaries().map((r) => [r.name, r]))
    const items: SyncItem[] = []
    const item = (
      name: string,
      status: SyncItem['status'],
      state: string | null = null,
      message: string | null = null,
    ) => items.push({ name, status, state, message })
    const toInstall: OfferedSkill[] = []
    // Every folder offered counts, duplicates too: they are reported below.
    const total = offered.length + duplicates.size
    for (const [i, s] of offered.entries()) {
      checked(i, total)
      const entry = lock.skills[s.name]
      const record = installed.get(s.name) ?? null
      if (s.fingerprint === null || s.error) {
        item(s.name, 'skipped', null, s.error ?? 'unreadable')
        continue
      }
      if (entry?.source === repo.name && record) {
        if (s.fingerprint === entry.fingerprint) {
          entry.status = 'unchanged'
          entry.upstreamFingerprint = null
          item(s.name, 'unchanged', record.state)
          continue
        }
        entry.upstreamFingerprint = s.fingerprint
        const edited = fingerprintFolder(record.path) !== entry.fingerprint
        entry.status = edited ? 'conflict' : 'update-available'
        item(
          s.name,
          entry.status,
          record.state,
          edited
            ? 'changed upstream and edited locally: `update --force` would overwrite the local edits'
            : null,
        )
        continue
      }
      if (record && !entry && this.installedUntracked(repo, record, s)) {
        // A sync of this source was killed after installing the skill, before the lockfile was written.
        lock.skills[s.name] = lockEntry(this.deps, repo, meta, s)
        item(s.name, 'installed', record.state)
        continue
      }
      if (record) {
        const holder = lock.skills[s.name]?.source ?? 'elsewhere'
        item(
          s.name,
          'skipped',
          record.state,
          `CONFLICT: a skill named ${s.name} is already installed from ${holder}; not installed from ${repo.name}`,
        )
        continue
      }
      if (pick) {
        item(s.name, 'offered', null, `not installed: \`skilldock source install ${repo.name} ${s.name}\``)
        continue
      }
      toInstall.push(s)
    }
    // A cancel before the install leaves the library as it was; the lockfile keeps what was found.
    if (signal?.aborted) {
      this.deps.lockfile.write(lock)
      throw new AppError('CANCELLED', 'The sync was cancelled.')
    }
    checked(total, total)
    const done = await installOffers(this.deps, repo, meta, toInstall, lock, signal, report('installing'))
    for (const a of done.installed) item(a.name, 'installed', a.state)
    for (const f of done.failed) item(f.name, 'skipped', null, f.reason)
    for (const [s, why] of duplicates) item(s.name, 'skipped', null, `${why} (${s.path} not installed)`)
    for (const r of meta.refused ?? []) item(r.name, 'skipped', null, r.message)
    const offeredNames = new Set([...offered.map((s) => s.name), ...(meta.refused ?? []).map((r) => r.name)])
    for (const [name, entry] of Object.entries(lock.skills)) {
      if (entry.source !== repo.name || offeredNames.has(name)) continue
      if (!this.deps.skills.findSummary(name)) {
        delete lock.skills[name]
        continue
      }
      entry.status = 'orphaned'
      item(name, 'orphaned', null, 'no longer offered by the source; kept in the library')
    }
    this.deps.lockfile.write(lock)
    if (signal?.aborted) throw new AppError('CANCELLED', 'The sync was cancelled.')
    return items
  }
}

/** What a finished sync says: how many skills the source offered, and how many of them are not in. */
export function syncSummary(items: readonly SyncItem[]): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const count = (status: SyncItem['status']) => items.filter((i) => i.status === status).length
  const notes = [
    count('skipped') > 0 ? `${count('skipped')} not installed` : null,
    count('conflict') > 0 ? `${count('conflict')} in conflict` : null,
  ].filter((n) => n !== null)
  return notes.length === 0
    ? plural(items.length, 'skill')
    : `${plural(items.length, 'skill')} (${notes.join(', ')})`
}
