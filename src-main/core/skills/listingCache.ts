import { type Dirent, lstatSync, readdirSync } from 'node:fs'
import { sep } from 'node:path'

/**
 * How old (ms) a folder's mtime and ctime must be before its listing may be reused: an entry added
 * within the same clock tick as the listing was read could otherwise leave both unchanged ("racy"
 * listings, as git calls them). Longer than the coarsest timestamps in use (FAT's 2 s) plus a
 * margin for a file system whose clock lags the process's.
 */
export const RACY_MS = 3000

/** Entries sorted by name, as `scanSkillFolder` walks them. */
export function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

/**
 * Folder listings of the skill roots, reused by the indexer while a folder's own inode, mtime and
 * ctime are what they were when it was listed. Adding, removing or renaming an entry changes the
 * folder's mtime and ctime, so a reused listing names exactly the entries there are; the files'
 * own stats (size, times, inode) are still read on every pass, so an edit in place is seen too.
 * One `lstat` instead of an open/getdents/close per folder: re-indexing ten thousand unchanged
 * skills is mostly this. The indexer and the pin check before a skill is served or run
 * (`PinGuard`) each keep one; a pin check that finds a difference forgets the folder's listings in
 * both before the folder is indexed again. Approvals and scans list afresh.
 */
export class ListingCache {
  private readonly listings = new Map<string, { key: string; entries: readonly Dirent[] }>()

  constructor(
    private readonly now: () => number = Date.now,
    private readonly racyMs = RACY_MS,
    private readonly max = 100_000,
  ) {}

  /**
   * The sorted listing of `dir` with file types. Throws when it cannot be read or is not a folder
   * itself (a link to one is not followed).
   */
  read(dir: string): readonly Dirent[] {
    const st = lstatSync(dir)
    if (!st.isDirectory()) {
      this.listings.delete(dir)
      throw Object.assign(new Error(`${dir} is not a folder`), { code: 'ENOTDIR' })
    }
    const key = `${st.ino}:${st.mtimeMs}:${st.ctimeMs}`
    const known = this.listings.get(dir)
    if (known && known.key === key) return known.entries
    const entries = readdirSync(dir, { withFileTypes: true }).sort(byName)
    if (this.now() - Math.max(st.mtimeMs, st.ctimeMs) > this.racyMs) {
      if (this.listings.size >= this.max) this.listings.clear()
      this.listings.set(dir, { key, entries })
    } else {
      this.listings.delete(dir)
    }
    return entries
  }

  /** Drops the listings of `dir` and every folder under it. */
  forget(dir: string): void {
    const prefix = dir.endsWith(sep) ? dir : dir + sep
    for (const path of this.listings.keys()) {
      if (path === dir || path.startsWith(prefix)) this.listings.delete(path)
    }
  }
}
