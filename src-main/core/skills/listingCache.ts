import { type Dirent, lstatSync, readdirSync, type Stats, statfsSync } from 'node:fs'
import { sep } from 'node:path'

/**
 * How old (ms) a folder's mtime and ctime must be before its listing may be reused: an entry added
 * within the same clock tick as the listing was read could otherwise leave both unchanged ("racy"
 * listings, as git calls them). Longer than the coarsest timestamps in use (FAT's 2 s) plus a
 * margin for a file system whose clock lags the process's; see `FINE_RACY_MS` for the common case.
 */
export const RACY_MS = 3000

/**
 * The window on local Linux file systems whose times have a fraction of a second: their timestamps
 * come from the kernel's coarse clock, a jiffy (at most 10 ms) apart, on the same clock as ours.
 */
export const FINE_RACY_MS = 100

/** `statfs` types of local Linux file systems that keep sub-second times (ext4, xfs, btrfs, tmpfs, overlayfs, zfs, f2fs). */
const FINE_LOCAL_FS = new Set([
  0xef53, 0x58465342, 0x9123683e, 0x01021994, 0x794c7630, 0x2fc12fc1, 0xf2f52010,
])

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
  /** The racy window of each device (by `st.dev`), from its file system type. */
  private readonly windows = new Map<number, number>()

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
    if (this.now() - Math.max(st.mtimeMs, st.ctimeMs) > this.racyWindow(dir, st)) {
      if (this.listings.size >= this.max) this.listings.clear()
      this.listings.set(dir, { key, entries })
    } else {
      this.listings.delete(dir)
    }
    return entries
  }

  /**
   * `FINE_RACY_MS` for a folder on a local Linux file system whose times carry a fraction of a
   * second; else `racyMs`. Whole-second times (ext3, FAT's two seconds, HFS+, some network file
   * systems) and network or FUSE file systems, whose clock may lag ours, keep the long window.
   */
  private racyWindow(dir: string, st: Stats): number {
    if (st.mtimeMs % 1000 === 0 || st.ctimeMs % 1000 === 0) return this.racyMs
    let window = this.windows.get(st.dev)
    if (window === undefined) {
      window = this.racyMs
      if (process.platform === 'linux') {
        try {
          if (FINE_LOCAL_FS.has(statfsSync(dir).type)) window = Math.min(this.racyMs, FINE_RACY_MS)
        } catch {
          // Unknown: the long window.
        }
      }
      this.windows.set(st.dev, window)
    }
    return window
  }

  /** Drops the listings of `dir` and every folder under it. */
  forget(dir: string): void {
    const prefix = dir.endsWith(sep) ? dir : dir + sep
    for (const path of this.listings.keys()) {
      if (path === dir || path.startsWith(prefix)) this.listings.delete(path)
    }
  }
}
