import { existsSync } from 'node:fs'
import type { AddedSkill } from '../../contract/models'
import type { RepoInfo } from '../../contract/sources'
import { AppError } from '../base/appError'
import { isoNow } from '../base/clock'
import { fingerprintFolder } from '../skills/fingerprint'
import type { InstallDeps } from './oneOffImports'

type Waiting = { name: string; source: string; status: 'update-available' | 'conflict' }

/** Updates a sync found for installed skills, and applying them through governance. */
export class SourceUpdates {
  constructor(
    private readonly deps: InstallDeps & {
      /** The configured source of that name; throws NOT_FOUND when there is none. */
      repo: (name: string) => RepoInfo
    },
  ) {}

  /**
   * Applies an available update: the new files go through the library's staged install and
   * governance (`update`). A library copy edited since install is refused unless `force`.
   */
  async update(name: string, force: boolean): Promise<AddedSkill> {
    const lock = this.deps.lockfile.read()
    const entry = lock.skills[name]
    const record = this.deps.skills.findSummary(name)
    if (!entry || !record) throw new AppError('NOT_FOUND', `${name} was not installed from a source.`)
    if (entry.status !== 'update-available' && entry.status !== 'conflict') {
      throw new AppError(
        'CONFLICT',
        `${name} has no update available. Run \`skilldock source sync ${entry.source}\` first.`,
      )
    }
    const repo = this.deps.repo(entry.source)
    const dir = this.deps.cache.upstreamDir(repo, entry.path)
    if (!existsSync(dir) || fingerprintFolder(dir) !== entry.upstreamFingerprint) {
      throw new AppError(
        'CONFLICT',
        `The source of ${name} changed since the last sync; sync ${repo.name} again.`,
      )
    }
    if (!force && fingerprintFolder(record.path) !== entry.fingerprint) {
      throw new AppError(
        'CONFLICT',
        `${name} was edited locally since it was installed; the update would overwrite those edits. ` +
          `Keep your copy, or run \`skilldock update ${name} --force\` to replace it.`,
        { conflict: true },
      )
    }
    const result = await this.deps.library.replace(name, dir, `update:${repo.name}`)
    const meta = this.deps.cache.readMeta(repo)
    this.deps.lockfile.update((doc) => {
      doc.skills[name] = {
        ...entry,
        commit: meta.commit,
        archiveSha256: meta.archiveSha256,
        fingerprint: entry.upstreamFingerprint!,
        installedAt: isoNow(this.deps.clock),
        approvedFingerprint: this.deps.skills.pins(name)?.approvedFingerprint ?? null,
        upstreamFingerprint: null,
        status: 'unchanged',
      }
    })
    return result
  }

  /** Installed skills with an update (or a conflicting one) waiting, and their source. */
  updates(): Waiting[] {
    const result: Waiting[] = []
    for (const [name, e] of Object.entries(this.deps.lockfile.read().skills)) {
      if (e.status !== 'update-available' && e.status !== 'conflict') continue
      if (this.deps.skills.findSummary(name)) result.push({ name, source: e.source, status: e.status })
    }
    return result
  }

  /** Names with an update (or a conflicting one) waiting. */
  pendingUpdates(): string[] {
    return Object.entries(this.deps.lockfile.read().skills)
      .filter(([, e]) => e.status === 'update-available' || e.status === 'conflict')
      .map(([n]) => n)
  }
}
