import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { SkillSummary } from '../../contract/models'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { AuditRepository } from '../storage/auditRepository'
import type { SkillRepository } from '../storage/skillRepository'
import type { CoreEvents } from '../events'
import { notFound, type SkillCatalog } from '../skills/catalog'
import { LibraryGit } from '../skills/libraryGit'
import { scanSkillFolder } from '../skills/fingerprint'
import { silentLogger } from '../base/logger'

export interface LifecycleDeps {
  repo: SkillRepository
  audit: AuditRepository
  catalog: SkillCatalog
  git: LibraryGit
  events: CoreEvents
  clock: Clock
}

/** Promotion to builtin and deprecation: decisions a person makes about approved skills. */
export class SkillLifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  /**
   * Commits the approved skill into the library repository, or into `target` (a git repository:
   * the files are copied to `<target>/skills/<name>/`), and marks it builtin.
   */
  promote(name: string, actor: string, target?: string): SkillSummary {
    const record = this.deps.repo.findSummary(name)
    if (!record) throw notFound(name)
    const pins = this.deps.repo.pins(name)
    if (record.origin !== 'library' || record.state !== 'active' || !pins?.approvedFingerprint) {
      throw new AppError(
        'CONFLICT',
        `Only an approved, active library skill can be promoted; ${name} is ${record.origin}, ${record.state}.`,
      )
    }
    if (record.fingerprint !== pins.approvedFingerprint) {
      throw new AppError(
        'CONFLICT',
        `${name} changed since it was approved; approve the change before promoting it.`,
      )
    }
    const message = `feat(skills): promote ${name}`
    const commit = target
      ? this.commitToTarget(target, name, record.path, message)
      : this.deps.git.commitSkill(name, message, { allowEmpty: true })
    if (commit === null)
      throw new AppError(
        'INTERNAL',
        'Promotion needs git to commit into the library repository; run `skilldock doctor`.',
      )
    const now = isoNow(this.deps.clock)
    this.deps.repo.setPromoted(name, now)
    this.deps.audit.append({ actor, action: 'skill.promote', skillName: name, detail: { commit } }, now)
    this.deps.events.emit('skills.changed', { names: [name] })
    return this.summary(name)
  }

  private commitToTarget(target: string, name: string, from: string, message: string): string | null {
    if (!existsSync(join(target, '.git'))) {
      throw new AppError(
        'INVALID_INPUT',
        `${target} is not a git repository; create it with \`git init\` first.`,
      )
    }
    const dest = join(target, 'skills', name)
    rmSync(dest, { recursive: true, force: true })
    for (const file of scanSkillFolder(from).files) {
      mkdirSync(dirname(join(dest, file.path)), { recursive: true })
      copyFileSync(join(from, file.path), join(dest, file.path))
    }
    return new LibraryGit(target, silentLogger).commitSkill(join('skills', name), message, {
      allowEmpty: true,
    })
  }

  deprecate(name: string, reason: string, replacement: string | null, actor: string): SkillSummary {
    if (!this.deps.repo.findSummary(name)) throw notFound(name)
    if (replacement !== null) {
      if (replacement === name) throw new AppError('INVALID_INPUT', 'A skill cannot replace itself.')
      if (!this.deps.repo.findSummary(replacement)) throw notFound(replacement)
    }
    const now = isoNow(this.deps.clock)
    this.deps.repo.setDeprecation(name, reason, replacement, now)
    this.deps.audit.append(
      { actor, action: 'skill.deprecate', skillName: name, detail: { reason, replacement } },
      now,
    )
    this.deps.events.emit('skills.changed', { names: [name] })
    return this.summary(name)
  }

  undeprecate(name: string, actor: string): SkillSummary {
    if (!this.deps.repo.findSummary(name)) throw notFound(name)
    const now = isoNow(this.deps.clock)
    this.deps.repo.setDeprecation(name, null, null, now)
    this.deps.audit.append({ actor, action: 'skill.undeprecate', skillName: name }, now)
    this.deps.events.emit('skills.changed', { names: [name] })
    return this.summary(name)
  }

  private summary(name: string): SkillSummary {
    const found = this.deps.catalog.list().find((s) => s.name === name)
    if (!found) throw notFound(name)
    return found
  }
}
