import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import { AppError } from '../base/appError'
import { fingerprintOfLines, scanSkillFolder } from '../skills/fingerprint'
import { normalizeText, readFrontmatter } from '../skills/frontmatter'

/** SEP-2640 limits: what every conforming host accepts; larger skills are not served. */
export const MAX_SKILL_FILES = 512
export const MAX_SKILL_BYTES = 16 * 1024 * 1024

/** One file of a served skill, as SEP-2640's `resources` manifest describes it. */
export interface ServedFile {
  /** Path inside the skill folder on disk, `/`-separated. */
  path: string
  /** Path in the skill's URI: the same, except the skill file is always `SKILL.md`. */
  uriPath: string
  size: number
  /** `sha256:<64 lowercase hex>` of the raw bytes. */
  digest: string
}

/** A skill's files as they are on disk right now, with digests and the verbatim frontmatter. */
export interface SkillManifest {
  name: string
  dir: string
  files: ServedFile[]
  frontmatter: Record<string, unknown>
  /** The folder fingerprint computed like the indexer's, to tell whether the index is current. */
  fingerprint: string
}

/** Why a skill exceeds the SEP-2640 limits, or null when it is within them. */
export function servingLimitProblem(files: readonly { size: number }[]): string | null {
  if (files.length > MAX_SKILL_FILES) {
    return `it has ${files.length} files, and MCP clients accept at most ${MAX_SKILL_FILES} per skill (SEP-2640)`
  }
  const total = files.reduce((sum, f) => sum + f.size, 0)
  if (total > MAX_SKILL_BYTES) {
    const mib = (total / 1024 / 1024).toFixed(1)
    return `its files total ${mib} MiB, and MCP clients accept at most 16 MiB per skill (SEP-2640)`
  }
  return null
}

const SKILL_FILE = /^skill\.md$/i
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

/**
 * Reads skill folders for the MCP endpoint: manifests with digests (cached per folder until
 * a file's size, mtime or inode changes) and file bytes verified against the manifest.
 */
export class SkillFileStore {
  private readonly cache = new Map<string, { signature: string; manifest: SkillManifest }>()

  /** The manifest of a skill folder as it is now; throws INVALID_SKILL for an unreadable folder. */
  manifest(name: string, dir: string): SkillManifest {
    const scan = scanSkillFolder(dir)
    const cached = this.cache.get(dir)
    if (cached && cached.signature === scan.statSignature && cached.manifest.name === name) {
      return cached.manifest
    }
    const files: ServedFile[] = []
    const lines: string[] = []
    let frontmatter: Record<string, unknown> = {}
    const paths = scan.files.map((f) => f.path)
    const skillFile = paths.includes('SKILL.md') ? 'SKILL.md' : paths.find((p) => SKILL_FILE.test(p))
    for (const file of scan.files) {
      const bytes = readFileSync(join(dir, file.path))
      const hex = sha256(bytes)
      lines.push(`${file.path}:${hex}`)
      const isSkillFile = file.path === skillFile
      if (isSkillFile) frontmatter = readFrontmatter(normalizeText(bytes.toString('utf8'))).data
      files.push({
        path: file.path,
        uriPath: isSkillFile ? 'SKILL.md' : file.path,
        size: bytes.length,
        digest: `sha256:${hex}`,
      })
    }
    const fingerprint = fingerprintOfLines(lines, scan)
    const manifest: SkillManifest = { name, dir, files, frontmatter, fingerprint }
    this.cache.set(dir, { signature: scan.statSignature, manifest })
    return manifest
  }

  /** The bytes of one listed file, exactly those the manifest's digest describes. */
  read(manifest: SkillManifest, file: ServedFile): Buffer {
    const bytes = readFileSync(join(manifest.dir, file.path))
    if (bytes.length !== file.size || `sha256:${sha256(bytes)}` !== file.digest) {
      this.cache.delete(manifest.dir)
      throw new AppError(
        'CONFLICT',
        `${file.uriPath} of ${manifest.name} changed on disk while it was being served; list the skill again.`,
      )
    }
    return bytes
  }

  forget(dir: string): void {
    this.cache.delete(dir)
  }
}

/** `skill://<name>/<path>` with each path segment percent-encoded. */
export function skillUri(name: string, path?: string): string {
  if (path === undefined || path === '') return `skill://${name}`
  return `skill://${name}/${path.split('/').map(encodeURIComponent).join('/')}`
}

/** Splits a `skill://` URI into skill name and decoded path ('' for the skill root); null if it is not one. */
export function parseSkillUri(uri: string): { name: string; path: string } | null {
  const match = /^skill:\/\/([a-z0-9][a-z0-9-]*)(?:\/(.*))?$/.exec(uri)
  if (!match?.[1]) return null
  const rest = match[2] ?? ''
  if (rest === '') return { name: match[1], path: '' }
  try {
    const segments = rest.split('/').map((s) => decodeURIComponent(s))
    if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('/') || s.includes('\0'))) {
      return null
    }
    return { name: match[1], path: segments.join('/') }
  } catch {
    return null
  }
}

/**
 * A relative path inside a skill as a model may give it; null for anything that could leave
 * the skill folder (absolute, `..`, backslashes, drive letters, NUL).
 */
export function safeRelativePath(path: string): string | null {
  if (path.length === 0 || path.length > 1024 || path.includes('\0') || path.includes('\\')) return null
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return null
  const segments = path.split('/').filter((s) => s !== '' && s !== '.')
  if (segments.length === 0 || segments.some((s) => s === '..')) return null
  return segments.join('/')
}

const MIME_TYPES: Record<string, string> = {
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.txt': 'text/plain',
  '.py': 'text/x-python',
  '.json': 'application/json',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.toml': 'application/toml',
  '.csv': 'text/csv',
  '.html': 'text/html',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.cjs': 'text/javascript',
  '.mjs': 'text/javascript',
  '.ts': 'text/x-typescript',
  '.sh': 'text/x-shellscript',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
}

export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** The bytes as text when they are UTF-8 without NUL (re-encoding gives the same bytes), else null. */
export function asText(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null
  try {
    return utf8.decode(bytes)
  } catch {
    return null
  }
}
