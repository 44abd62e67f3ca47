import type { Logger } from '../base/logger'
import { scanSkillFolder } from '../skills/fingerprint'
import { ListingCache } from '../skills/listingCache'
import type { SkillRepository } from '../storage/skillRepository'

export interface PinGuardDeps {
  repo: SkillRepository
  /**
   * Re-reads the skill folders into the index (synchronous; holds changed pinned skills), listing
   * `folder` afresh rather than trusting a listing the indexer kept.
   */
  reindex: (folder: string) => void
  /** Files the update requests for changed approved skills (the inbox's `checkContent`). */
  fileRequests: () => Promise<void>
  logger: Logger
}

type PinState = NonNullable<ReturnType<SkillRepository['pinState']>>

/**
 * Checks, right before a skill's content or tools are served, that its folder is still what the
 * index holds. The fast path is a stat of the folder's files (size, mtime, ctime, inode, and
 * those of files its declared server runs from elsewhere) against the index's snapshot; only
 * when it moved is the folder re-indexed (hashed), which holds an approved skill whose content
 * no longer matches its pin as `changed` before anything is served. The update request is filed
 * in the background; `settled()` waits for it (routes and dispose do). Folder listings are reused
 * while a folder's own stat is unchanged and settled (`ListingCache`: an entry added, removed or
 * renamed changes it), the files themselves are statted on every check.
 */
export class PinGuard {
  private readonly inFlight = new Set<Promise<void>>()
  private readonly listings = new ListingCache()

  constructor(private readonly deps: PinGuardDeps) {}

  /**
   * True when the skill's files on disk are what the index holds and, for an approved skill, what
   * was approved. False means: do not serve it (it was re-indexed and, if pinned, held).
   */
  verify(name: string): boolean {
    const state = this.deps.repo.pinState(name)
    if (!state) return false
    let signature: string | null = null
    try {
      signature = scanSkillFolder(state.path, { readDir: (dir) => this.listings.read(dir) }).statSignature
    } catch {
      // An unreadable folder (a link appeared, it was removed) is re-indexed below.
    }
    if (signature !== null && signature === state.statSignature) return matchesPin(state)
    this.listings.forget(state.path)
    this.deps.reindex(state.path)
    this.track(this.deps.fileRequests()).catch((err: unknown) =>
      this.deps.logger.log('error', 'filing the request for a changed skill failed', { error: String(err) }),
    )
    const after = this.deps.repo.pinState(name)
    return after !== null && matchesPin(after)
  }

  /**
   * Remembers a check of changed skills until it ends (`settled` waits for it); returns `work`
   * itself, so its caller still sees its outcome.
   */
  track<T>(work: Promise<T>): Promise<T> {
    const tracked: Promise<void> = work
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => this.inFlight.delete(tracked))
    this.inFlight.add(tracked)
    return work
  }

  /** Resolves when every tracked check (started by `verify`, a re-index or the start) has ended. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight])
  }
}

function matchesPin(state: PinState): boolean {
  if (state.origin === 'builtin' || state.approvedFingerprint === null) return true
  return state.approvedFingerprint === state.fingerprint
}
