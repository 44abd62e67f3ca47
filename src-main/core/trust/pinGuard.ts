import type { Logger } from '../base/logger'
import { scanSkillFolder } from '../skills/fingerprint'
import type { SkillRepository, SkillSummaryRecord } from '../storage/skillRepository'

export interface PinGuardDeps {
  repo: SkillRepository
  /** Re-reads the skill folders into the index (synchronous; holds changed pinned skills). */
  reindex: () => void
  /** Files the update requests for changed approved skills (the inbox's `checkContent`). */
  fileRequests: () => Promise<void>
  logger: Logger
}

/**
 * Checks, right before a skill's content or tools are served, that its folder is still what the
 * index holds. The fast path is a stat of the folder's files (size, mtime, ctime, inode) against
 * the index's snapshot; only when it moved is the folder re-indexed (hashed), which holds an
 * approved skill whose content no longer matches its pin as `changed` before anything is served.
 * The update request is filed in the background and awaited by `settled()` (dispose waits on it).
 */
export class PinGuard {
  private readonly inFlight = new Set<Promise<void>>()

  constructor(private readonly deps: PinGuardDeps) {}

  /**
   * True when the skill's files on disk are what the index holds and, for an approved skill, what
   * was approved. False means: do not serve it (it was re-indexed and, if pinned, held).
   */
  verify(name: string): boolean {
    const record = this.deps.repo.findSummary(name)
    if (!record) return false
    let signature: string | null = null
    try {
      signature = scanSkillFolder(record.path).statSignature
    } catch {
      // An unreadable folder (a link appeared, it was removed) is re-indexed below.
    }
    if (signature !== null && signature === record.statSignature) return this.matchesPin(record)
    this.deps.reindex()
    this.track(this.deps.fileRequests()).catch((err: unknown) =>
      this.deps.logger.log('error', 'filing the request for a changed skill failed', { error: String(err) }),
    )
    const after = this.deps.repo.findSummary(name)
    return after !== null && this.matchesPin(after)
  }

  /** Every verified skill of a list, for the surfaces that list many (one stat pass each). */
  verifyAll(names: readonly string[]): Set<string> {
    return new Set(names.filter((n) => this.verify(n)))
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

  private matchesPin(record: SkillSummaryRecord): boolean {
    if (record.origin === 'builtin') return true
    const pins = this.deps.repo.pins(record.name)
    return !pins?.approvedFingerprint || pins.approvedFingerprint === record.fingerprint
  }
}
