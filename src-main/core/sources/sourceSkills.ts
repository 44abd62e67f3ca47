import { existsSync, readFileSync } from 'node:fs'
import { relative, resolve, sep } from 'node:path'
import { discoverSkillFolders } from '../skills/discover'
import { fingerprintFolder } from '../skills/fingerprint'
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
export function findSourceSkillFolders(root: string): string[] {
  const marketplace = resolve(root, '.claude-plugin', 'marketplace.json')
  if (!existsSync(marketplace)) return discoverSkillFolders(root)
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

/** Names, descriptions and fingerprints of a source's skills (an unreadable one carries its error). */
export function offeredSkills(root: string): OfferedSkill[] {
  if (!existsSync(root)) return []
  return findSourceSkillFolders(root).map((dir) => {
    const parsed = loadSkill(dir)
    const name = typeof parsed.manifest.name === 'string' ? parsed.manifest.name : relative(root, dir)
    const description = typeof parsed.manifest.description === 'string' ? parsed.manifest.description : ''
    let fingerprint: string | null = null
    let error = parsed.errors.length > 0 ? parsed.errors.map((e) => e.message).join('; ') : null
    try {
      fingerprint = fingerprintFolder(dir)
    } catch (err) {
      error = err instanceof Error ? err.message : String(err)
    }
    const warnings = warningMessages(parsed)
    return { name, description, dir, path: relative(root, dir) || '.', fingerprint, error, warnings }
  })
}
