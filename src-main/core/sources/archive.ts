import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve, sep } from 'node:path'
import { gunzipSync, inflateRawSync } from 'node:zlib'
import { AppError } from '../base/appError'

/** Bounds on what an archive may expand to. */
export interface ArchiveLimits {
  maxEntries: number
  maxTotalBytes: number
  /** Uncompressed ÷ compressed size above which the archive is taken for a bomb (past 1 MB). */
  maxRatio: number
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 2000,
  maxTotalBytes: 50 * 1024 * 1024,
  maxRatio: 100,
}

interface Entry {
  path: string
  kind: 'file' | 'dir'
  data: Buffer
}

/** The longest file name (one path component) and relative path an archive entry may have, in bytes. */
const MAX_NAME_BYTES = 255
const MAX_PATH_BYTES = 1024

const refuse = (why: string) =>
  new AppError('UNSAFE_SOURCE', `Refused archive: ${why}. Nothing was extracted.`)

/** A relative path with no `..`, no absolute or drive prefix and no NUL; `null` for the root itself. */
export function safeEntryPath(raw: string): string | null {
  if (raw.includes('\0')) throw refuse(`entry "${raw}" contains a NUL byte`)
  const path = raw.replace(/\\/g, '/')
  if (isAbsolute(path) || path.startsWith('/') || /^[a-zA-Z]:/.test(path))
    throw refuse(`entry "${raw}" has an absolute path`)
  const parts = path.split('/').filter((p) => p !== '' && p !== '.')
  if (parts.includes('..')) throw refuse(`entry "${raw}" climbs out of the target with ".."`)
  // Refused here, before anything is written, rather than by the file system halfway through.
  if (parts.some((p) => Buffer.byteLength(p) > MAX_NAME_BYTES) || Buffer.byteLength(path) > MAX_PATH_BYTES)
    throw refuse(`entry "${raw.slice(0, 80)}…" has a name too long for the file system`)
  return parts.length === 0 ? null : parts.join('/')
}

function checkTotals(entries: Entry[], compressed: number, limits: ArchiveLimits): void {
  if (entries.length > limits.maxEntries) throw refuse(`more than ${limits.maxEntries} entries`)
  const total = entries.reduce((n, e) => n + e.data.length, 0)
  if (total > limits.maxTotalBytes) throw refuse(`it expands past ${limits.maxTotalBytes} bytes`)
  if (total > 1024 * 1024 && total / Math.max(compressed, 1) > limits.maxRatio) {
    throw refuse(`its compression ratio is above ${limits.maxRatio}:1`)
  }
}

function octal(buf: Buffer, start: number, length: number): number {
  const text = buf
    .subarray(start, start + length)
    .toString('latin1')
    .replace(/\0.*$/s, '')
    .trim()
  return text === '' ? 0 : parseInt(text, 8)
}

function cString(buf: Buffer, start: number, length: number): string {
  const raw = buf.subarray(start, start + length)
  const end = raw.indexOf(0)
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8')
}

/** A tar header's checksum: the byte sum with the checksum field itself read as spaces. */
function checksumMatches(header: Buffer): boolean {
  let unsigned = 0
  let signed = 0
  for (let i = 0; i < 512; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : header[i]!
    unsigned += byte
    signed += byte > 127 ? byte - 256 : byte // some old tars summed signed bytes
  }
  const stored = octal(header, 148, 8)
  return stored === unsigned || stored === signed
}

/** Entries of a (gzipped) tar; only regular files and folders are accepted. */
export function readTar(archive: Buffer, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Entry[] {
  let tar: Buffer
  try {
    tar =
      archive[0] === 0x1f && archive[1] === 0x8b
        ? gunzipSync(archive, { maxOutputLength: limits.maxTotalBytes + 1024 * 1024 })
        : archive
  } catch (err) {
    throw refuse(
      err instanceof RangeError
        ? `it expands past ${limits.maxTotalBytes} bytes`
        : 'it is not a valid gzip file',
    )
  }
  const entries: Entry[] = []
  let offset = 0
  let longName: string | null = null
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512)
    if (header.every((b) => b === 0)) break
    if (!checksumMatches(header)) throw refuse('it is not a valid .zip, .tar or .tar.gz archive')
    const size = octal(header, 124, 12)
    const type = String.fromCharCode(header[156] ?? 0)
    const prefix = header.subarray(257, 263).toString('latin1').startsWith('ustar')
      ? cString(header, 345, 155)
      : ''
    const name = longName ?? (prefix ? `${prefix}/${cString(header, 0, 100)}` : cString(header, 0, 100))
    longName = null
    const body = tar.subarray(offset + 512, offset + 512 + size)
    if (body.length < size) throw refuse('it is truncated')
    offset += 512 + Math.ceil(size / 512) * 512
    if (type === 'L') {
      longName = cString(body, 0, body.length)
      continue
    }
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))
      if (m) longName = m[1]!
      continue
    }
    if (type === 'g') continue
    if (type === '1') throw refuse(`entry "${name}" is a hardlink`)
    if (type === '2') throw refuse(`entry "${name}" is a symlink`)
    if (type !== '0' && type !== '\0' && type !== '5' && type !== '7')
      throw refuse(`entry "${name}" is a device or special file`)
    const path = safeEntryPath(name)
    if (path === null) continue
    entries.push({
      path,
      kind: type === '5' ? 'dir' : 'file',
      data: type === '5' ? Buffer.alloc(0) : Buffer.from(body),
    })
    if (entries.length > limits.maxEntries) throw refuse(`more than ${limits.maxEntries} entries`)
  }
  checkTotals(entries, archive.length, limits)
  return entries
}

/** Entries of a zip (also `.skill`), read from its central directory. */
export function readZip(archive: Buffer, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Entry[] {
  let eocd = -1
  for (let i = archive.length - 22; i >= Math.max(0, archive.length - 65557); i--) {
    if (archive.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw refuse('it is not a valid zip file')
  const count = archive.readUInt16LE(eocd + 10)
  if (count > limits.maxEntries) throw refuse(`more than ${limits.maxEntries} entries`)
  let p = archive.readUInt32LE(eocd + 16)
  const entries: Entry[] = []
  let total = 0
  for (let i = 0; i < count; i++) {
    if (p + 46 > archive.length || archive.readUInt32LE(p) !== 0x02014b50)
      throw refuse('its directory is corrupt')
    const method = archive.readUInt16LE(p + 10)
    const compressedSize = archive.readUInt32LE(p + 20)
    const size = archive.readUInt32LE(p + 24)
    const nameLength = archive.readUInt16LE(p + 28)
    const extraLength = archive.readUInt16LE(p + 30)
    const commentLength = archive.readUInt16LE(p + 32)
    const mode = archive.readUInt32LE(p + 38) >>> 16
    const local = archive.readUInt32LE(p + 42)
    const name = archive.subarray(p + 46, p + 46 + nameLength).toString('utf8')
    p += 46 + nameLength + extraLength + commentLength
    const fileType = mode & 0o170000
    if (fileType === 0o120000) throw refuse(`entry "${name}" is a symlink`)
    if (fileType !== 0 && fileType !== 0o100000 && fileType !== 0o040000)
      throw refuse(`entry "${name}" is a special file`)
    const path = safeEntryPath(name)
    if (path === null) continue
    if (name.endsWith('/')) {
      entries.push({ path, kind: 'dir', data: Buffer.alloc(0) })
      continue
    }
    total += size
    if (total > limits.maxTotalBytes) throw refuse(`it expands past ${limits.maxTotalBytes} bytes`)
    if (archive.readUInt32LE(local) !== 0x04034b50) throw refuse('its entries are corrupt')
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28)
    const raw = archive.subarray(start, start + compressedSize)
    let data: Buffer
    try {
      if (method === 0) data = Buffer.from(raw)
      else if (method === 8) data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) })
      else throw refuse(`entry "${name}" uses an unsupported compression method`)
    } catch (err) {
      if (err instanceof AppError) throw err
      throw refuse(`entry "${name}" expands past its declared size or is corrupt`)
    }
    if (data.length !== size) throw refuse(`entry "${name}" does not match its declared size`)
    entries.push({ path, kind: 'file', data })
  }
  checkTotals(entries, archive.length, limits)
  return entries
}

/**
 * Refuses an archive whose entries collide: the same file twice (the second would silently win), or a
 * file where another entry needs a folder. Checked before anything is written.
 */
function checkLayout(entries: Entry[]): void {
  const files = new Set<string>()
  const dirs = new Set<string>()
  for (const e of entries) {
    if (files.has(e.path) || (e.kind === 'file' && dirs.has(e.path)))
      throw refuse(`entry "${e.path}" appears more than once`)
    if (e.kind === 'file') files.add(e.path)
    else dirs.add(e.path)
    const parts = e.path.split('/')
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/')
      if (files.has(parent)) throw refuse(`entry "${e.path}" is inside "${parent}", which is a file`)
      dirs.add(parent)
    }
  }
}

/**
 * Extracts a `.zip`/`.skill` or `.tar`/`.tar.gz` archive into `target` after checking every entry:
 * nothing is written unless the whole archive is safe, and nothing lands outside `target`.
 */
export function extractArchive(
  archive: Buffer,
  target: string,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): string[] {
  const isZip = archive.readUInt32LE(0) === 0x04034b50 || archive.readUInt32LE(0) === 0x06054b50
  const entries = isZip ? readZip(archive, limits) : readTar(archive, limits)
  checkLayout(entries)
  const root = resolve(target)
  const written: string[] = []
  for (const e of entries) {
    const dest = resolve(root, e.path)
    if (!dest.startsWith(root + sep)) throw refuse(`entry "${e.path}" points outside the target`)
    if (e.kind === 'dir') {
      mkdirSync(dest, { recursive: true })
      continue
    }
    mkdirSync(dirname(dest), { recursive: true })
    // `wx`: never write through something already there (a duplicate entry is refused, not merged).
    writeFileSync(dest, e.data, { flag: 'wx', mode: 0o644 })
    written.push(e.path)
  }
  return written.map((p) => join(p))
}
