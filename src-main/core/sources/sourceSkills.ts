import { type Dirent, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, relative, resolve, sep } from 'node:path'
import { discoverSkillFolders } from '../skills/discover'
import { type FolderScan, fingerprintFolderCached, scanSkillFolder } from '../skills/fingerprint'
import { loadSkill, warningMessages } from '../skills/manifest'

/** A skill folder a source offers. */
export interface OfferedSkill {
  name: string
  description: string
  dir: string
  /** Folder relative to the source root ('.' for the root itself). */
  path: string
  fingerprint: string | null
  error: string | null
  /** Breaches hosts tolerate (e.g. a description over 1,024 characters): it still installs, with these. */
  warnings: string[]
}

const inside = (root: string, path: string) => path === root || path.startsWith(root + sep)

/**
 * The skill folders of a fetched source: where `.claude-plugin/marketplace.json` says (each plugin's
 * `source` folder, or its listed `skills`), else every SKILL.md folder (following `skills/<name>/`).
 */
export function findSourceSkillFolders(
  root: string,
  /** Filled with the listings read on the way (see `discoverSkillFolders`). */
  listings?: Map<string, Dirent[]>,
): string[] {
  const marketplace = resolve(root, '.claude-plugin', 'marketplace.json')
  if (!existsSync(marketplace)) return discoverSkillFolders(root, undefined, listings)
  const found = new Set<string>()
  let plugins: unknown[]
  try {
    const doc = JSON.parse(readFileSync(marketplace, 'utf8')) as { plugins?: unknown[] }
    plugins = Array.isArray(doc.plugins) ? doc.plugins : []
  } catch {
    return discoverSkillFolders(root)
  }
  for (const plugin of plugins) {
    if (typeof plugin !== 'object' || plugin === null) continue
    const p = plugin as { source?: unknown; skills?: unknown }
    const base = typeof p.source === 'string' ? resolve(root, p.source) : root
    if (!inside(root, base) || !existsSync(base)) continue
    const listed = Array.isArray(p.skills) ? p.skills.filter((s): s is string => typeof s === 'string') : null
    const dirs = listed
      ? listed.map((s) => resolve(base, s)).filter((d) => inside(root, d) && existsSync(d))
      : [base]
    for (const dir of dirs) for (const f of discoverSkillFolders(dir)) found.add(f)
  }
  return [...found].sort()
}

/** What reading one offered folder found, kept with the stat signature it was read at. */
type Remembered = Omit<OfferedSkill, 'dir' | 'path'> & { signature: string }

function readMemo(file: string | undefined): Record<string, Remembered> {
  if (!file) return {}
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown
    return typeof doc === 'object' && doc !== null ? (doc as Record<string, Remembered>) : {}
  } catch {
    return {}
  }
}

/**
 * Names, descriptions and fingerprints of a source's skills (an unreadable one carries its error).
 * With `memoFile`, a folder whose files have the stat signature it had when last read (paths,
 * sizes, mtimes, ctimes, inodes: the indexer's rule) is not re-parsed or re-hashed, so a re-sync of
 * thousands of unchanged skills costs a listing, not a read of every file.
 */
export function offeredSkills(root: string, memoFile?: string): OfferedSkill[] {
  if (!existsSync(root)) return []
  const memo = readMemo(memoFile)
  const next: Record<string, Remembered> = {}
  let changed = false
  const listings = new Map<string, Dirent[]>()
  const offered = findSourceSkillFolders(root, listings).map((dir): OfferedSkill => {
    const path = relative(root, dir) || '.'
    let scan: FolderScan | null = null
    let error: string | null = null
    try {
      scan = scanSkillFolder(dir, { listing: listings.get(dir) })
    } catch (err) {
      error = err instanceof Error ? err.message : String(err)
    }
    const known = Object.hasOwn(memo, path) ? memo[path] : undefined
    if (scan && known?.signature === scan.statSignature) {
      next[path] = known
      const { signature: _signature, ...offer } = known
      return { ...offer, dir, path }
    }
    const parsed = loadSkill(dir)
    const name = typeof parsed.manifest.name === 'string' ? parsed.manifest.name : relative(root, dir)
    const description = typeof parsed.manifest.description === 'string' ? parsed.manifest.description : ''
    if (parsed.errors.length > 0) error ??= parsed.errors.map((e) => e.message).join('; ')
    let fingerprint: string | null = null
    try {
      if (scan) fingerprint = fingerprintFolderCached(dir, scan)
    } catch (err) {
      error = err instanceof Error ? err.message : String(err)
    }
    const warnings = warningMessages(parsed)
    const offer = { name, description, fingerprint, error, warnings }
    // Only what was read whole is remembered: an unreadable folder is read again next time.
    if (scan && fingerprint !== null) next[path] = { ...offer, signature: scan.statSignature }
    changed = true
    return { ...offer, dir, path }
  })
  if (memoFile && (changed || Object.keys(memo).length !== Object.keys(next).length))
    writeMemo(memoFile, next)
  return offered
}

/** Written whole to a temp file and renamed: a kill leaves the old memo or the new one. */
function writeMemo(file: string, memo: Record<string, Remembered>): void {
  try {
    mkdirSync(dirname(file), { recursive: true })
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify(memo))
    renameSync(temp, file)
  } catch {
    // Only a speed-up: without it the next sync reads every folder again.
  }
}
