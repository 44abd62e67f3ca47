import { createHash } from 'node:crypto'
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { normalizeText, readFrontmatter } from './frontmatter'

/**
 * A file outside the skill folder that its declared server command (`metadata.skilldock.server`)
 * runs, e.g. the script of an MCP source's stdio server. Editing it changes what the approved
 * skill does, so it is pinned with the folder: its stat is in the folder's stat signature and
 * its bytes in the fingerprint.
 */
export interface ExternalFile {
  /** Absolute path, links resolved. */
  path: string
  /** `size\0mtime\0ctime\0ino`, or `missing` / `not-a-file`. */
  stat: string
  /**
   * The name in the fingerprint line when it is not `path`: a path inside the folder (under an
   * unpinned entry) is named relative to it, so a copy of the folder has the same fingerprint.
   */
  label?: string
}

/** Larger files (an interpreter named by path) are pinned by their stat, not hashed on every check. */
const MAX_HASHED_BYTES = 16 * 1024 * 1024
const SCRIPT_EXTENSION = /\.(py|pyw|js|mjs|cjs|ts|mts|sh|bash|rb|pl|php|jar|lua|r)$/i

/**
 * Entries that tools create inside skill folders and that the folder's fingerprint leaves out (and
 * imports do not copy). A declared server naming a path through one of them runs a file the folder's
 * pin does not cover, so such a path is pinned like a file outside the folder.
 */
export const UNPINNED_ENTRIES: ReadonlySet<string> = new Set(['.git', '.DS_Store', 'Thumbs.db'])

/** The declared server's files per SKILL.md (keyed by its stat): SKILL.md is not parsed on every check. */
const declaredCache = new Map<string, string[]>()
// Room for a source of ten thousand skills: a smaller cache emptied itself over and over in one sync.
const MAX_CACHED = 50_000

/** Empties the per-process cache above, as a new process starts (tests). */
export function forgetDeclaredServerFiles(): void {
  declaredCache.clear()
}

/**
 * The files outside `dir` that the skill's declared server names: its command when given as a
 * path, and each argument (or `--flag=value` value) that is a path or looks like a script.
 * `skillFile` is the SKILL.md path inside `dir`; `statKey` its stat, for the cache.
 */
export function declaredServerFiles(
  dir: string,
  skillFile: string,
  statKey: string,
  /** Reads SKILL.md; the indexer passes one that keeps the text for parsing the skill right after. */
  readText: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): string[] {
  const key = `${skillFile}\0${statKey}`
  const cached = declaredCache.get(key)
  if (cached) return cached
  let files: string[] = []
  try {
    const text = readText(skillFile)
    // Most skills declare no server: no YAML is parsed for them.
    if (/\bserver\b/.test(text)) files = externalPaths(dir, serverOf(text))
  } catch {
    // An unreadable SKILL.md makes the skill invalid on its own; it names nothing here.
  }
  if (declaredCache.size >= MAX_CACHED) declaredCache.clear()
  declaredCache.set(key, files)
  return files
}

/** The stat part of an external file for the folder's stat signature. */
export function statExternal(path: string): ExternalFile {
  try {
    const st = statSync(path)
    if (!st.isFile()) return { path, stat: 'not-a-file' }
    return { path, stat: `${st.size}\0${st.mtimeMs}\0${st.ctimeMs}\0${st.ino}` }
  } catch {
    return { path, stat: 'missing' }
  }
}

/** The fingerprint line of an external file: its sha256, or its stat when it is very large or absent. */
export function externalLine(file: ExternalFile): string {
  let digest = file.stat.includes('\0') ? '' : file.stat
  if (digest === '') {
    const size = Number(file.stat.split('\0')[0])
    try {
      digest =
        size > MAX_HASHED_BYTES
          ? `stat:${file.stat.replace(/\0/g, ':')}`
          : createHash('sha256').update(readFileSync(file.path)).digest('hex')
    } catch {
      digest = 'missing'
    }
  }
  return `@server-file:${file.label ?? file.path}:${digest}`
}

function serverOf(text: string): { command: string; args: string[] } | null {
  const data = readFrontmatter(normalizeText(text)).data
  let metadata: unknown = data.metadata
  if (typeof metadata === 'string') {
    try {
      metadata = JSON.parse(metadata) as unknown
    } catch {
      return null
    }
  }
  const skilldock = isObject(metadata) ? metadata.skilldock : undefined
  const server = isObject(skilldock) ? skilldock.server : undefined
  if (!isObject(server) || typeof server.command !== 'string') return null
  const args = Array.isArray(server.args) ? server.args.filter((a): a is string => typeof a === 'string') : []
  return { command: server.command, args }
}

function externalPaths(dir: string, server: { command: string; args: string[] } | null): string[] {
  if (!server) return []
  const candidates: string[] = []
  if (server.command.includes('/') || UNPINNED_ENTRIES.has(server.command)) candidates.push(server.command)
  for (const arg of server.args) {
    const value = arg.startsWith('-') && arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : arg
    if (value.startsWith('-') || value === '') continue
    if (
      isAbsolute(value) ||
      value.includes('/') ||
      SCRIPT_EXTENSION.test(value) ||
      UNPINNED_ENTRIES.has(value)
    )
      candidates.push(value)
  }
  const root = resolve(dir)
  const out = new Set<string>()
  for (const candidate of candidates) {
    // The server runs with the skill folder as its working directory.
    const real = realOrSelf(resolve(root, candidate))
    const rel = relative(root, real)
    // Files inside the folder are pinned with it already, unless an unpinned entry holds them.
    const inside =
      rel !== '' &&
      rel !== '..' &&
      !rel.startsWith(`..${sep}`) &&
      !isAbsolute(rel) &&
      !rel.split(sep).some((part) => UNPINNED_ENTRIES.has(part))
    if (!inside) out.add(real)
  }
  return [...out].sort()
}

function realOrSelf(path: string): string {
  try {
    lstatSync(path)
    return realpathSync(path)
  } catch {
    return path
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
