import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { AddedSkill } from '../../contract/models'
import type { AdoptableSkill, ExportTarget } from '../../contract/sources'
import { type Clock, isoNow } from '../base/clock'
import { fingerprintFolder } from '../skills/fingerprint'
import type { SkillLibrary } from '../skills/library'
import { loadSkill } from '../skills/manifest'
import type { SkillRepository } from '../storage/skillRepository'
import { ORIGIN_MARKER } from './agentExport'
import type { Lockfile } from './lockfile'

export interface AdoptionDeps {
  skills: SkillRepository
  library: SkillLibrary
  lockfile: Lockfile
  clock: Clock
}

interface Found extends AdoptableSkill {
  /** The folder itself (a symlinked skill folder resolved to where it really lives). */
  dir: string
}

/**
 * Skills the user already keeps in an agent's skills folder that SkillDock did not put there, and
 * their import into the library through the normal install path (scan + governance).
 */
export class SkillAdoption {
  constructor(private readonly deps: AdoptionDeps) {}

  /** Every skill folder directly inside `dir` without SkillDock's origin marker. */
  list(dir: string): AdoptableSkill[] {
    return this.find(dir).map(({ dir: _dir, ...skill }) => skill)
  }

  /**
   * Imports the named skills (or every adoptable one) from `dir`. Ones that cannot be adopted are
   * reported as skipped with the reason; the rest are installed together and recorded in the lockfile.
   */
  async adopt(
    target: ExportTarget,
    dir: string,
    names: string[] | null,
  ): Promise<{ dir: string; adopted: AddedSkill[]; skipped: { name: string; reason: string }[] }> {
    const root = resolve(dir)
    const found = this.find(root)
    const skipped: { name: string; reason: string }[] = []
    for (const name of names ?? []) {
      if (!found.some((f) => f.name === name))
        skipped.push({ name, reason: `no skill named ${name} in ${root} that SkillDock did not put there` })
    }
    const chosen: Found[] = []
    for (const f of found) {
      if (names && !names.includes(f.name)) continue
      if (f.problem) skipped.push({ name: f.name, reason: f.problem })
      else chosen.push(f)
    }
    if (chosen.length === 0) return { dir: root, adopted: [], skipped }
    const adopted = await this.deps.library.install(
      chosen.map((f) => f.dir),
      'user',
      (d) => `adopt:${target}:${d}`,
    )
    const now = isoNow(this.deps.clock)
    this.deps.lockfile.update((doc) => {
      for (const f of chosen) {
        doc.skills[f.name] = {
          source: `adopt:${target}`,
          sourceType: 'local',
          url: root,
          ref: null,
          commit: null,
          archiveSha256: null,
          path: f.path,
          fingerprint: fingerprintFolder(f.dir),
          installedAt: now,
          approvedFingerprint: this.deps.skills.pins(f.name)?.approvedFingerprint ?? null,
          upstreamFingerprint: null,
          status: 'unchanged',
        }
      }
    })
    return { dir: root, adopted, skipped }
  }

  private find(dir: string): Found[] {
    const root = resolve(dir)
    if (!existsSync(root)) return []
    const found: Found[] = []
    for (const entry of readdirSync(root).sort()) {
      if (entry.startsWith('.')) continue
      let folder: string
      try {
        folder = realpathSync(join(root, entry))
        if (!statSync(folder).isDirectory()) continue
      } catch {
        continue
      }
      if (!existsSync(join(folder, 'SKILL.md')) && !existsSync(join(folder, 'skill.md'))) continue
      if (existsSync(join(folder, ORIGIN_MARKER))) continue
      const parsed = loadSkill(folder)
      const name = typeof parsed.manifest.name === 'string' ? parsed.manifest.name : entry
      const description = typeof parsed.manifest.description === 'string' ? parsed.manifest.description : ''
      let problem: string | null = null
      if (parsed.errors.length > 0) problem = `invalid: ${parsed.errors.map((e) => e.message).join('; ')}`
      else if (this.deps.skills.findSummary(name)) problem = `SkillDock already has a skill named ${name}`
      found.push({ name, description, path: entry, dir: folder, valid: parsed.errors.length === 0, problem })
    }
    return found
  }
}
