import { randomBytes } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { ExportTarget } from '../../contract/sources'
import { AppError } from '../base/appError'
import { fingerprintFolder, scanSkillFolder } from '../skills/fingerprint'
import { loadSkill } from '../skills/manifest'
import { DESCRIPTION_MAX_LENGTH } from '../skills/validate'

/** The marker SkillDock leaves in every folder it exports; folders without it are never touched. */
export const ORIGIN_MARKER = '.skilldock-origin.json'

/**
 * Where each agent reads skills: `~/.claude/skills`, `~/.codex/skills`, `.cursor/skills` in the
 * current project, `~/.agents/skills`.
 */
export function defaultExportDir(target: ExportTarget, env: NodeJS.ProcessEnv, cwd = process.cwd()): string {
  const home = env.HOME || homedir()
  switch (target) {
    case 'claude-code':
      return join(home, '.claude', 'skills')
    case 'codex':
      return join(home, '.codex', 'skills')
    case 'cursor':
      return join(cwd, '.cursor', 'skills')
    case 'agents':
      return join(home, '.agents', 'skills')
  }
}

export interface ExportableSkill {
  name: string
  path: string
  fingerprint: string
}

export interface ExportResult {
  dir: string
  written: string[]
  unchanged: string[]
  removed: string[]
  skipped: { name: string; reason: string }[]
  /** Skills written (or already there) that the target agent's own loader refuses to load. */
  warnings: { name: string; reason: string }[]
}

/**
 * The skills the target agent will not load even though they were exported: Codex skips a skill whose
 * description is over 1,024 characters (hosts like Claude Code load it), so the export says so.
 */
export function refusedByAgent(
  target: ExportTarget,
  skills: readonly ExportableSkill[],
): { name: string; reason: string }[] {
  if (target !== 'codex') return []
  const refused: { name: string; reason: string }[] = []
  for (const skill of skills) {
    const description = loadSkill(skill.path).manifest.description ?? ''
    const length = [...description].length
    if (length > DESCRIPTION_MAX_LENGTH) {
      refused.push({
        name: skill.name,
        reason: `Codex skips it: its description is ${length} characters, over Codex's limit of ${DESCRIPTION_MAX_LENGTH}. Shorten the description to use it there.`,
      })
    }
  }
  return refused
}

function readMarker(folder: string): { fingerprint?: string } | null {
  try {
    return JSON.parse(readFileSync(join(folder, ORIGIN_MARKER), 'utf8')) as { fingerprint?: string }
  } catch {
    return null
  }
}

/**
 * Copies skills into an agent's skills folder. A folder SkillDock exported before is replaced
 * when the skill changed and removed when the skill is no longer exported (only on a full export);
 * anything else in the folder belongs to the user and is left alone.
 */
export function exportSkills(
  skills: ExportableSkill[],
  dir: string,
  full: boolean,
  now: string,
  target?: ExportTarget,
): ExportResult {
  const root = resolve(dir)
  mkdirSync(root, { recursive: true })
  const warnings = target ? refusedByAgent(target, skills) : []
  const result: ExportResult = { dir: root, written: [], unchanged: [], removed: [], skipped: [], warnings }
  for (const skill of skills) {
    const target = join(root, skill.name)
    const marker = existsSync(target) ? readMarker(target) : null
    if (existsSync(target) && !marker) {
      result.skipped.push({ name: skill.name, reason: `${target} exists and was not put there by SkillDock` })
      continue
    }
    if (marker?.fingerprint === skill.fingerprint) {
      result.unchanged.push(skill.name)
      continue
    }
    const temp = join(root, `.skilldock-${randomBytes(6).toString('hex')}`)
    try {
      for (const file of scanSkillFolder(skill.path).files) {
        mkdirSync(dirname(join(temp, file.path)), { recursive: true })
        copyFileSync(join(skill.path, file.path), join(temp, file.path))
      }
      if (fingerprintFolder(temp) !== skill.fingerprint) {
        throw new AppError('CONFLICT', `${skill.name} changed while it was exported; run the export again.`)
      }
      writeFileSync(
        join(temp, ORIGIN_MARKER),
        JSON.stringify(
          { exportedBy: 'skilldock', name: skill.name, fingerprint: skill.fingerprint, exportedAt: now },
          null,
          2,
        ) + '\n',
      )
      rmSync(target, { recursive: true, force: true })
      renameSync(temp, target)
      result.written.push(skill.name)
    } finally {
      rmSync(temp, { recursive: true, force: true })
    }
  }
  if (full) {
    const exported = new Set(skills.map((s) => s.name))
    for (const entry of readdirSync(root)) {
      const folder = join(root, entry)
      if (exported.has(entry) || entry.startsWith('.') || !readMarker(folder)) continue
      rmSync(folder, { recursive: true, force: true })
      result.removed.push(entry)
    }
  }
  return result
}
