import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../base/appError'
import { findSkillFile } from './manifest'

const SKIP = new Set(['node_modules', '.git', '__pycache__'])

/**
 * The skill folders inside a local path: the path itself when it holds a SKILL.md (or is one),
 * else every folder below it that does, to a sane depth, without descending into a skill.
 */
export function discoverSkillFolders(path: string, maxDepth = 4): string[] {
  if (!existsSync(path)) {
    throw new AppError(
      'NOT_FOUND',
      `${path} does not exist. Give the path of a skill folder or a folder of skills.`,
    )
  }
  const stat = statSync(path)
  if (stat.isFile()) {
    if (/^skill\.md$/i.test(basename(path))) return [dirname(path)]
    throw new AppError('INVALID_INPUT', `${path} is a file, not a skill. Give a folder containing SKILL.md.`)
  }
  if (findSkillFile(path) !== null) return [path]
  const found: string[] = []
  const walk = (dir: string, depth: number): void => {
    if (depth > maxDepth) return
    for (const entry of readdirSync(dir).sort()) {
      if (SKIP.has(entry) || entry.startsWith('.')) continue
      const child = join(dir, entry)
      if (!lstatSync(child).isDirectory()) continue
      if (findSkillFile(child) !== null) found.push(child)
      else walk(child, depth + 1)
    }
  }
  walk(path, 1)
  return found
}
