import { lstatSync, readFileSync, realpathSync } from 'node:fs'
import { isAbsolute, join, resolve, sep } from 'node:path'
import type { SkillFileEntry } from '../../contract/files'
import { AppError } from '../base/appError'
import { scanSkillFolder } from './fingerprint'

/** The editor opens text files up to this size; larger ones are listed but not editable. */
export const MAX_EDIT_BYTES = 1024 * 1024

/** Folder names that tools create inside skills and that the editor never reads or writes. */
const RESERVED = new Set(['.git', '__pycache__'])

/**
 * The absolute path of `path` inside `dir`. Refuses absolute paths, `..`, backslashes and tool
 * folders, so no route can reach a file outside the skill.
 */
export function resolveInside(dir: string, path: string): string {
  const parts = path.split('/')
  const bad =
    path.includes('\\') ||
    path.includes('\0') ||
    isAbsolute(path) ||
    parts.some((part) => part === '' || part === '.' || part === '..' || RESERVED.has(part))
  const root = resolve(dir)
  const abs = resolve(join(root, path))
  if (bad || !abs.startsWith(root + sep)) {
    throw new AppError(
      'INVALID_INPUT',
      `"${path}" is not a file inside the skill folder; give a path relative to it, like SKILL.md or scripts/run.py.`,
      { path },
    )
  }
  return abs
}

/** Why a file's bytes cannot be edited as text, or null when they can. */
export function notEditable(bytes: Buffer): string | null {
  if (bytes.length > MAX_EDIT_BYTES) return tooLarge(bytes.length)
  if (bytes.includes(0)) return 'a binary file; the editor opens text files only'
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return 'not UTF-8 text; the editor opens text files only'
  }
  return null
}

function tooLarge(size: number): string {
  return `too large to edit (${Math.ceil(size / 1024)} KB; the editor opens files up to ${MAX_EDIT_BYTES / 1024} KB)`
}

/** The files of a skill folder, each marked editable or not (with the reason). */
export function listSkillFiles(dir: string): SkillFileEntry[] {
  return scanSkillFolder(dir).files.map((file) => {
    const reason =
      file.size > MAX_EDIT_BYTES ? tooLarge(file.size) : notEditable(readFileSync(join(dir, file.path)))
    return { path: file.path, size: file.size, editable: reason === null, reason }
  })
}

/** One file's text; missing, linked, binary and large files are refused with what to do. */
export function readSkillFile(dir: string, path: string): string {
  const abs = resolveInside(dir, path)
  let stat
  try {
    stat = lstatSync(abs)
  } catch {
    throw new AppError('NOT_FOUND', `The skill has no file "${path}".`, { path })
  }
  // A linked folder on the way would lead outside the skill even though the path looks inside.
  if (!stat.isFile() || !realpathSync(abs).startsWith(realpathSync(dir) + sep)) {
    throw new AppError('INVALID_INPUT', `"${path}" is not a regular file; only files can be opened.`, {
      path,
    })
  }
  const reason = stat.size > MAX_EDIT_BYTES ? tooLarge(stat.size) : notEditable(readFileSync(abs))
  if (reason) throw new AppError('INVALID_INPUT', `"${path}" is ${reason}.`, { path })
  return readFileSync(abs, 'utf8')
}
