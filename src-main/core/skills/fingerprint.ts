import { createHash } from 'node:crypto'
import { type Dirent, lstatSync, readdirSync, readFileSync } from 'node:fs'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { AppError } from '../base/appError'
import {
  declaredServerFiles,
  type ExternalFile,
  externalLine,
  statExternal,
  UNPINNED_ENTRIES,
} from './serverFiles'
import { byName } from './listingCache'

/**
 * Entries that tools create inside skill folders and that are never part of a skill's content.
 * `__pycache__` is NOT among them: Python can run bytecode found there instead of the scanned
 * source, so a `.pyc` appearing after approval is a change like any other.
 */
const IGNORED = UNPINNED_ENTRIES

export interface FolderLimits {
  maxFiles: number
  maxBytes: number
  maxDepth: number
}

export const DEFAULT_FOLDER_LIMITS: FolderLimits = {
  maxFiles: 2000,
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 12,
}

export interface ScannedFile {
  /** Relative path with forward slashes. */
  path: string
  size: number
  mtimeMs: number
  ctimeMs: number
  ino: number
}

export interface FolderScan {
  files: ScannedFile[]
  /** Files outside the folder that its declared server command runs (pinned with it). */
  external: ExternalFile[]
  /**
   * Cheap signature of paths, sizes, mtimes, ctimes and inodes: unchanged means the content need not
   * be re-hashed. ctime is in it because nobody but root can set it back (mtime can be forged).
   */
  statSignature: string
}

export interface ScanOptions {
  limits?: FolderLimits
  /** A listing of the folder (with file types) the caller already read, so it is not read twice. */
  listing?: readonly Dirent[]
  /**
   * Lists a folder (the skill's own when no `listing` is given), sorted by name: the indexer's and
   * the pin check's `ListingCache`; a fresh `readdir` otherwise.
   */
  readDir?: (abs: string) => readonly Dirent[]
  /** Reads SKILL.md when its declared server must be looked at (the indexer keeps the text). */
  readSkillText?: (file: string) => string
  /**
   * The stat signature the caller holds for this folder (the index's). When the folder's files
   * alone give exactly it, it was taken with no server file outside the folder and SKILL.md (whose
   * stat it covers) is unchanged, so SKILL.md is not read to look for one: a fresh process indexing
   * a thousand unchanged skills reads no SKILL.md.
   */
  expected?: string | null
}

/**
 * Lists the regular files of a skill folder without following links.
 * A symlink or special file (fifo, socket, device) makes the whole folder invalid.
 */
export function scanSkillFolder(dir: string, options: ScanOptions = {}): FolderScan {
  const { limits = DEFAULT_FOLDER_LIMITS, listing, readDir = readSorted, readSkillText, expected } = options
  const files: ScannedFile[] = []
  let total = 0
  const walk = (abs: string, rel: string, depth: number): void => {
    if (depth > limits.maxDepth) {
      throw new AppError(
        'INVALID_SKILL',
        `Skill folder ${dir} is nested deeper than ${limits.maxDepth} levels.`,
      )
    }
    // Entry types come with the listing: only regular files need a stat of their own.
    const entries = depth === 0 && listing ? [...listing].sort(byName) : readDir(abs)
    for (const dirent of entries) {
      const entry = dirent.name
      if (IGNORED.has(entry)) continue
      const entryAbs = join(abs, entry)
      const entryRel = rel ? `${rel}/${entry}` : entry
      const stat = dirent.isFile() || dirent.isDirectory() ? dirent : lstatSync(entryAbs)
      if (stat.isSymbolicLink()) {
        throw new AppError(
          'INVALID_SKILL',
          `${entryRel} in ${dir} is a symbolic link. Skills may only contain regular files; replace the link with a copy.`,
          { path: entryRel },
        )
      }
      if (stat.isDirectory()) {
        walk(entryAbs, entryRel, depth + 1)
      } else if (stat.isFile()) {
        const file = lstatSync(entryAbs)
        if (!file.isFile())
          throw new AppError('INVALID_SKILL', `${entryRel} in ${dir} changed while it was read.`)
        total += file.size
        files.push({
          path: entryRel,
          size: file.size,
          mtimeMs: file.mtimeMs,
          ctimeMs: file.ctimeMs,
          ino: file.ino,
        })
        if (files.length > limits.maxFiles) {
          throw new AppError('INVALID_SKILL', `Skill folder ${dir} has more than ${limits.maxFiles} files.`)
        }
        if (total > limits.maxBytes) {
          throw new AppError(
            'INVALID_SKILL',
            `Skill folder ${dir} is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MiB.`,
          )
        }
      } else {
        throw new AppError(
          'INVALID_SKILL',
          `${entryRel} in ${dir} is not a regular file (a device, socket or pipe). Remove it from the skill.`,
          { path: entryRel },
        )
      }
    }
  }
  walk(dir, '', 0)
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const signature = createHash('sha256')
  for (const f of files) signature.update(`${f.path}\0${f.size}\0${f.mtimeMs}\0${f.ctimeMs}\0${f.ino}\n`)
  if (expected && signature.copy().digest('hex') === expected)
    return { files, external: [], statSignature: expected }
  const external = externalFiles(dir, files, readSkillText)
  for (const e of external) signature.update(`@server-file\0${e.path}\0${e.stat}\n`)
  return { files, external, statSignature: signature.digest('hex') }
}

function readSorted(abs: string): Dirent[] {
  return readdirSync(abs, { withFileTypes: true }).sort(byName)
}

/** What the SKILL.md's declared server runs from outside the folder, with each file's stat. */
function externalFiles(
  dir: string,
  files: readonly ScannedFile[],
  readSkillText?: (file: string) => string,
): ExternalFile[] {
  const skillFile = files.find((f) => f.path === 'SKILL.md') ?? files.find((f) => /^skill\.md$/i.test(f.path))
  if (!skillFile) return []
  const key = `${skillFile.size}\0${skillFile.mtimeMs}\0${skillFile.ctimeMs}\0${skillFile.ino}`
  const root = resolve(dir)
  return declaredServerFiles(dir, join(dir, skillFile.path), key, readSkillText).map((path) => {
    const file = statExternal(path)
    // Under an unpinned entry of the folder itself (`.git/…`, `.DS_Store`): named relative to it.
    const rel = relative(root, path)
    return rel.startsWith('..') || isAbsolute(rel)
      ? file
      : { ...file, label: `./${rel.split(sep).join('/')}` }
  })
}

/**
 * The fingerprint over `path:sha256` lines of the folder's files, plus, for a skill whose declared
 * server runs files outside the folder, a line per such file (absent otherwise, so an ordinary
 * skill's fingerprint is sha256 over its own files only).
 */
export function fingerprintOfLines(fileLines: readonly string[], scan: FolderScan): string {
  const lines = [...fileLines, ...scan.external.map(externalLine)]
  return 'sha256:' + createHash('sha256').update(lines.join('\n')).digest('hex')
}

/** sha256 of a file's bytes, hex. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

/**
 * The content fingerprint of a skill folder: sha256 over its sorted `path:sha256` lines,
 * written `sha256:<hex>`. Identical content gives an identical fingerprint on every machine.
 */
export function fingerprintFolder(dir: string, scan: FolderScan = scanSkillFolder(dir)): string {
  const fingerprint = fingerprintOfLines(
    scan.files.map((f) => `${f.path}:${sha256File(join(dir, f.path))}`),
    scan,
  )
  remember(scan.statSignature, fingerprint)
  return fingerprint
}

/**
 * Fingerprints hashed in this process, by stat signature. The signature names every file's path,
 * size, mtime, ctime and inode, so it identifies these very file versions wherever the folder is
 * (a staged copy renamed into the library keeps its inodes): the indexer's rule for skipping a
 * re-hash, applied within one process so a sync does not hash each skill five times over.
 */
const hashed = new Map<string, string>()
const MAX_REMEMBERED = 50_000

function remember(signature: string, fingerprint: string): void {
  if (hashed.size >= MAX_REMEMBERED) hashed.clear()
  hashed.set(signature, fingerprint)
}

/**
 * `fingerprintFolder`, reusing a hash made in this process of the same file versions. For the
 * install path (sync, staging, scan, index), never for the checks before a skill runs, which hash.
 */
export function fingerprintFolderCached(dir: string, scan: FolderScan = scanSkillFolder(dir)): string {
  return hashed.get(scan.statSignature) ?? fingerprintFolder(dir, scan)
}
