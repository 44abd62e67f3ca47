import { closeSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs'
import { join } from 'node:path'
import type { ScanFinding } from '../../../contract/models'
import { makeFinding } from './findings'

/** Files above this size are reported and not read. */
export const MAX_SCANNED_BYTES = 5 * 1024 * 1024
/**
 * Same entries the fingerprint ignores: tool droppings, never part of a skill's content.
 * `__pycache__` is scanned: bytecode planted there is reported (folder.binary) with the change.
 */
const IGNORED = new Set(['.git', '.DS_Store', 'Thumbs.db'])
const MAX_DEPTH = 12
const MAX_FILES = 2000
const HEAD_BYTES = 512

export type FileNature = 'binary' | 'archive' | 'shebang' | 'other'

/** A regular file of the skill folder, with what its first bytes say it is. */
export interface SkillFileEntry {
  /** Relative path with forward slashes. */
  path: string
  abs: string
  size: number
  mode: number
  nature: FileNature
  head: Buffer
}

export interface FolderInspection {
  files: SkillFileEntry[]
  findings: ScanFinding[]
}

const SCRIPT_EXTENSIONS = new Set([
  'sh',
  'bash',
  'zsh',
  'py',
  'js',
  'mjs',
  'cjs',
  'ts',
  'ps1',
  'bat',
  'cmd',
  'rb',
  'pl',
])
const ARCHIVE_EXTENSIONS = new Set([
  'zip',
  'gz',
  'tgz',
  'tar',
  '7z',
  'rar',
  'jar',
  'whl',
  'xz',
  'bz2',
  'docx',
  'xlsx',
  'pptx',
  'odt',
  'ods',
  'epub',
  'apk',
  'egg',
])
const NATIVE_EXTENSIONS = new Set([
  'so',
  'dylib',
  'dll',
  'exe',
  'node',
  'pyd',
  'pyc',
  'pyo',
  'bin',
  'o',
  'a',
  'com',
  'scr',
  'msi',
])
const IMAGE_MAGIC: Record<string, (head: Buffer) => boolean> = {
  png: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  jpg: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
  jpeg: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
  gif: (h) => h.subarray(0, 4).toString('latin1') === 'GIF8',
  webp: (h) =>
    h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
  ico: (h) => h[0] === 0 && h[1] === 0 && (h[2] === 1 || h[2] === 2) && h[3] === 0,
  pdf: (h) => h.subarray(0, 5).toString('latin1') === '%PDF-',
}

export function extensionOf(path: string): string {
  return /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? ''
}

function natureOf(head: Buffer): FileNature {
  const magic4 = head.subarray(0, 4).toString('hex')
  if (
    magic4 === '7f454c46' || // ELF
    ['feedface', 'feedfacf', 'cefaedfe', 'cffaedfe', 'cafebabe'].includes(magic4) || // Mach-O (and fat binaries)
    isPortableExecutable(head) ||
    magic4 === '0061736d' // WebAssembly
  ) {
    return 'binary'
  }
  if (
    magic4 === '504b0304' ||
    head.subarray(0, 2).toString('hex') === '1f8b' ||
    head.subarray(0, 6).toString('hex') === '377abcaf271c' ||
    head.subarray(0, 4).toString('latin1') === 'Rar!' ||
    head.subarray(257, 262).toString('latin1') === 'ustar'
  ) {
    return 'archive'
  }
  return head.subarray(0, 2).toString('latin1') === '#!' ? 'shebang' : 'other'
}

/** Windows executables: "MZ", then a "PE\0\0" header where e_lfanew points, or at least binary bytes. */
function isPortableExecutable(head: Buffer): boolean {
  if (head[0] !== 0x4d || head[1] !== 0x5a || head.length < 64) return false
  const offset = head.readUInt32LE(0x3c)
  if (offset + 4 <= head.length) return head.subarray(offset, offset + 4).toString('hex') === '50450000'
  return head.includes(0)
}

function readHead(path: string, size: number): Buffer {
  const buffer = Buffer.alloc(Math.min(HEAD_BYTES, size))
  if (buffer.length === 0) return buffer
  const fd = openSync(path, 'r')
  try {
    const read = readSync(fd, buffer, 0, buffer.length, 0)
    return buffer.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

/**
 * Walks a skill folder without following links: lists its regular files and reports links, special
 * files, binaries, files whose content contradicts their extension, hidden and oversized files and
 * unexpected executable bits. Never throws for what the folder contains.
 */
export function inspectFolder(dir: string): FolderInspection {
  const files: SkillFileEntry[] = []
  const findings: ScanFinding[] = []
  const walk = (abs: string, rel: string, depth: number): void => {
    if (depth > MAX_DEPTH || files.length >= MAX_FILES) return
    let entries: string[]
    try {
      entries = readdirSync(abs).sort()
    } catch {
      return
    }
    for (const name of entries) {
      if (IGNORED.has(name)) continue
      const entryAbs = join(abs, name)
      const path = rel ? `${rel}/${name}` : name
      let stat
      try {
        stat = lstatSync(entryAbs)
      } catch {
        continue
      }
      if (name.startsWith('.') && name !== '.gitignore')
        findings.push(hiddenFinding(path, stat.isDirectory()))
      if (stat.isSymbolicLink())
        findings.push(makeFinding('folder.symlink', 'CRITICAL', path, null, SYMLINK, path))
      else if (stat.isDirectory()) walk(entryAbs, path, depth + 1)
      else if (!stat.isFile())
        findings.push(makeFinding('folder.special-file', 'CRITICAL', path, null, SPECIAL, path))
      else if (files.length < MAX_FILES) {
        let head: Buffer
        try {
          head = readHead(entryAbs, stat.size)
        } catch {
          head = Buffer.alloc(0)
        }
        const file: SkillFileEntry = {
          path,
          abs: entryAbs,
          size: stat.size,
          mode: stat.mode,
          nature: natureOf(head),
          head,
        }
        files.push(file)
        findings.push(...fileFindings(file))
      }
    }
  }
  walk(dir, '', 0)
  return { files, findings }
}

const SYMLINK =
  'Is a symbolic link. Links can point at files outside the skill (your keys, your documents), so SkillDock refuses folders that contain them. Replace the link with a copy of the file.'
const SPECIAL =
  'Is not a regular file (a device, socket or pipe). Skills may only contain regular files; remove it.'

function hiddenFinding(path: string, directory: boolean): ScanFinding {
  return makeFinding(
    'folder.hidden-file',
    'MEDIUM',
    path,
    null,
    `Is a hidden ${directory ? 'folder' : 'file'} (its name starts with a dot), so it does not show up in most file browsers. Check what it holds; a skill rarely needs hidden files.`,
    path,
  )
}

function fileFindings(file: SkillFileEntry): ScanFinding[] {
  const out: ScanFinding[] = []
  const ext = extensionOf(file.path)
  const add = (rule: string, severity: ScanFinding['severity'], message: string): void => {
    out.push(makeFinding(rule, severity, file.path, null, message, `${file.path} (${file.size} bytes)`))
  }
  if (file.size > MAX_SCANNED_BYTES) {
    add(
      'folder.oversized',
      'MEDIUM',
      `Is ${(file.size / 1024 / 1024).toFixed(1)} MiB, too large to scan (limit 5 MiB). Large files can hide payloads; ask the author why the skill needs it.`,
    )
  }
  const disguisedAs = ext !== '' && !ARCHIVE_EXTENSIONS.has(ext) && !NATIVE_EXTENSIONS.has(ext)
  if (file.nature === 'binary' && disguisedAs) {
    add(
      'folder.disguised',
      'CRITICAL',
      `Is named like a .${ext} file but is actually a compiled program. Disguising a program as a harmless file is a malware technique: do not approve this skill.`,
    )
  } else if (file.nature === 'binary' || NATIVE_EXTENSIONS.has(ext)) {
    add(
      'folder.binary',
      'HIGH',
      'Is a compiled program or library. Nobody can review what compiled code does; only approve it if you trust the author and know why the skill ships it.',
    )
  } else if (file.nature === 'archive' && !ARCHIVE_EXTENSIONS.has(ext)) {
    add(
      'folder.disguised',
      'HIGH',
      `Is named like a ${ext ? `.${ext}` : 'plain'} file but is actually an archive, which can smuggle files past review. Ask the author why.`,
    )
  } else if (file.nature === 'archive') {
    add(
      'folder.archive',
      'MEDIUM',
      'Is an archive whose contents are not scanned. Ask the author to ship the files unpacked.',
    )
  } else if (file.nature === 'shebang' && ext !== '' && !SCRIPT_EXTENSIONS.has(ext)) {
    add(
      'folder.disguised',
      'HIGH',
      `Is named like a .${ext} file but starts with "#!", so it is really a script that can be run. Ask the author why it is disguised.`,
    )
  } else if (IMAGE_MAGIC[ext] && file.size > 0 && !IMAGE_MAGIC[ext](file.head)) {
    add(
      'folder.disguised',
      'MEDIUM',
      `Is named like a .${ext} file but its content is something else. Ask the author what it is.`,
    )
  }
  const executable = process.platform !== 'win32' && (file.mode & 0o111) !== 0
  if (
    executable &&
    !(file.path.startsWith('scripts/') && file.nature === 'shebang') &&
    file.nature !== 'binary'
  ) {
    add(
      'folder.executable',
      'MEDIUM',
      'Is marked executable although it is not a script under scripts/ that starts with "#!". Ask the author why it needs to be runnable.',
    )
  }
  return out
}
