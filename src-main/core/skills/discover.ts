import { type Dirent, existsSync, lstatSync, readdirSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../base/appError'
import { findSkillFile, findSkillFileIn } from './manifest'

const SKIP = new Set(['node_modules', '.git', '__pycache__'])

/**
 * The skill folders inside a local path: the path itself when it holds a SKILL.md (or is one),
 * else every folder below it that does, to a sane depth, without descending into a skill.
 */
export function discoverSkillFolders(
  path: string,
  maxDepth = 4,
  /** Filled with each found folder's listing, so a caller scanning the folders need not read them again. */
  listings?: Map<string, Dirent[]>,
): string[] {
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
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )
    for (const entry of entries) {
      if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue
      const child = join(dir, entry.name)
      // The listing's type is the link's own, as lstat says; an unknown type is statted.
      const isDirectory =
        entry.isDirectory() || (!entry.isFile() && !entry.isSymbolicLink() && lstatSync(child).isDirectory())
      if (!isDirectory) continue
      let listing: Dirent[]
      try {
        listing = readdirSync(child, { withFileTypes: true })
      } catch {
        // Unreadable: walked into as before, which reports it (or stops at the depth limit).
        walk(child, depth + 1)
        continue
      }
      if (findSkillFileIn(child, listing) !== null) {
        found.push(child)
        listings?.set(child, listing)
      } else walk(child, depth + 1)
    }
  }
  walk(path, 1)
  return found
}
