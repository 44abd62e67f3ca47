import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { AddedSkill, SkillState } from '../../contract/models'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { AuditRepository } from '../storage/auditRepository'
import type { Db } from '../storage/database'
import type { Assessment } from '../trust/approvalInbox'
import type { SkillRepository } from '../storage/skillRepository'
import { notFound, type SkillCatalog } from './catalog'
import { discoverSkillFolders } from './discover'
import { fingerprintFolder, fingerprintFolderCached, scanSkillFolder } from './fingerprint'
import type { LibraryGit } from './libraryGit'
import { loadSkill, warningMessages } from './manifest'

/**
 * Decides what happens to every new or changed skill: the trust issue's scan and governance.
 * `assess` looks at a folder and writes nothing; `record` writes the outcome for a catalogued skill.
 */
export interface AdmissionGate {
  assess(dir: string, kind: 'import' | 'update'): Promise<Assessment>
  record(
    skill: string,
    assessment: Assessment,
    requester: string,
    reason: string | null,
  ): { state: SkillState }
}

interface Candidate {
  name: string
  dir: string
  fingerprint: string
  files: string[]
  /** What loading it where it came from warned about (a name unlike its folder is only seen there). */
  warnings: string[]
}

export interface LibraryDeps {
  db: Db
  dir: string
  repo: SkillRepository
  audit: AuditRepository
  catalog: SkillCatalog
  git: LibraryGit
  gate: AdmissionGate
  clock: Clock
  /** Runs one batch's assessments, so what they look up once per batch (the keychain) is read once. */
  assessBatch?: <T>(fn: () => Promise<T>) => Promise<T>
}

/** The user's skill library in the data home: imports and removals, all-or-nothing. */
export class SkillLibrary {
  constructor(private readonly deps: LibraryDeps) {
    this.sweepStaging()
  }

  /**
   * Imports one skill or a folder of skills from a local path. Every skill is checked and scanned
   * first; then the files, the index, and each governance outcome land together, or nothing does.
   */
  async add(path: string, actor = 'user', origin?: (dir: string) => string): Promise<AddedSkill[]> {
    return this.install(discoverSkillFolders(resolve(path)), actor, origin ?? ((dir) => `local:${dir}`))
  }

  /**
   * Installs the given skill folders (a fetched source's, or a local import's) through the same
   * check → stage → scan + governance → place path; `origin` names where each came from.
   */
  async install(
    folders: string[],
    actor: string,
    origin: (dir: string) => string,
    /** Called after each skill's scan, for the progress of a large batch (a source sync). */
    onAssessed?: (done: number, total: number) => void,
  ): Promise<AddedSkill[]> {
    const candidates = this.check(folders)
    const staging = this.stage(candidates)
    let added: AddedSkill[]
    try {
      // All at once: the scanner analyses the whole batch's files in one pass (shared Python processes).
      const batch = this.deps.assessBatch ?? ((fn) => fn())
      let assessed = 0
      const assessments: Assessment[] = await batch(() =>
        Promise.all(
          candidates.map(async (c) => {
            const assessment = await this.deps.gate.assess(join(staging, c.name), 'import')
            onAssessed?.(++assessed, candidates.length)
            // The request shows the warnings of the folder as offered as well as of the installed copy.
            return { ...assessment, warnings: [...new Set([...c.warnings, ...assessment.warnings])] }
          }),
        ),
      )
      const placed = this.place(staging, candidates)
      try {
        added = this.deps.db.transaction(() => {
          this.deps.catalog.reindex()
          const now = isoNow(this.deps.clock)
          return candidates.map((c, i) => {
            this.deps.repo.setSource(c.name, origin(c.dir), now)
            const { state } = this.deps.gate.record(c.name, assessments[i]!, actor, null)
            this.deps.audit.append(
              { actor, action: 'skill.add', skillName: c.name, outcome: state, detail: { source: c.dir } },
              now,
            )
            return { name: c.name, state, risk: assessments[i]!.report.risk }
          })
        })()
      } catch (err) {
        for (const dir of placed) rmSync(dir, { recursive: true, force: true })
        this.deps.catalog.reindex()
        throw err
      }
    } finally {
      rmSync(staging, { recursive: true, force: true })
    }
    this.deps.git.commitSkills(
      candidates.map((c) => c.name),
      `Add ${candidates.map((c) => c.name).join(', ')}`,
    )
    return added
  }

  /**
   * Replaces an installed library skill's files with a new version (an update from its source).
   * The new files are staged and scanned first, swapped in, and sent through governance as an
   * `update` in one transaction; on failure the old files come back.
   */
  async replace(
    name: string,
    from: string,
    actor: string,
    /** What the person sees in the request: where the new version came from. */
    reason = 'a new version from its source',
  ): Promise<AddedSkill> {
    const record = this.deps.repo.findSummary(name)
    if (!record || record.origin !== 'library') throw notFound(name)
    const scan = scanSkillFolder(from)
    const candidate: Candidate = {
      name,
      dir: from,
      fingerprint: fingerprintFolder(from, scan),
      files: scan.files.map((f) => f.path),
      warnings: warningMessages(loadSkill(from)),
    }
    const staging = this.stage([candidate])
    const old = join(this.deps.dir, `.previous-${randomBytes(6).toString('hex')}`)
    try {
      const staged = await this.deps.gate.assess(join(staging, name), 'update')
      const assessment = { ...staged, warnings: [...new Set([...candidate.warnings, ...staged.warnings])] }
      renameSync(record.path, old)
      renameSync(join(staging, name), record.path)
      let state: SkillState
      try {
        state = this.deps.db.transaction(() => {
          this.deps.catalog.reindex()
          const now = isoNow(this.deps.clock)
          const outcome = this.deps.gate.record(name, assessment, actor, reason)
          this.deps.audit.append(
            { actor, action: 'skill.update', skillName: name, outcome: outcome.state },
            now,
          )
          return outcome.state
        })()
      } catch (err) {
        rmSync(record.path, { recursive: true, force: true })
        renameSync(old, record.path)
        this.deps.catalog.reindex()
        throw err
      }
      this.deps.git.commitAll(`Update ${name}`)
      return { name, state, risk: assessment.report.risk }
    } finally {
      rmSync(staging, { recursive: true, force: true })
      rmSync(old, { recursive: true, force: true })
    }
  }

  /** Deletes a library skill's folder and its record. Bundled skills can only be disabled. */
  remove(name: string, actor = 'user'): void {
    const record = this.deps.repo.findSummary(name)
    if (!record) throw notFound(name)
    if (record.origin !== 'library') {
      throw new AppError(
        'CONFLICT',
        `${name} is ${record.origin === 'builtin' ? 'bundled with SkillDock' : 'a draft'} and cannot be removed here; ` +
          (record.origin === 'builtin'
            ? `disable it with \`skilldock disable ${name}\`.`
            : 'delete the draft instead.'),
      )
    }
    const trash = join(this.deps.dir, `.trash-${randomBytes(6).toString('hex')}`)
    renameSync(record.path, trash)
    try {
      this.deps.catalog.reindex()
      this.deps.audit.append({ actor, action: 'skill.remove', skillName: name }, isoNow(this.deps.clock))
    } finally {
      rmSync(trash, { recursive: true, force: true })
    }
    this.deps.git.commitAll(`Remove ${name}`)
  }

  private check(folders: string[]): Candidate[] {
    if (folders.length === 0) {
      throw new AppError('INVALID_INPUT', 'No skills found there: no folder with a SKILL.md.')
    }
    const problems: string[] = []
    const candidates: Candidate[] = []
    const names = new Set<string>()
    for (const dir of folders) {
      const parsed = loadSkill(dir)
      const name = parsed.manifest.name
      if (parsed.errors.length > 0 || typeof name !== 'string') {
        problems.push(`${dir}: ${parsed.errors.map((e) => e.message).join('; ')}`)
        continue
      }
      let fingerprint: string
      let files: string[]
      try {
        const scan = scanSkillFolder(dir)
        files = scan.files.map((f) => f.path)
        fingerprint = fingerprintFolderCached(dir, scan)
      } catch (err) {
        problems.push(AppError.from(err).message)
        continue
      }
      if (names.has(name)) problems.push(`${dir}: another skill in this import is also named "${name}".`)
      else if (this.deps.repo.findSummary(name)) {
        problems.push(
          `${name} is already installed. Remove it first (\`skilldock remove ${name}\`) to replace it.`,
        )
      } else if (existsSync(join(this.deps.dir, name))) {
        problems.push(`a folder named ${name} already exists in ${this.deps.dir}; move it away first.`)
      }
      names.add(name)
      candidates.push({ name, dir, fingerprint, files, warnings: warningMessages(parsed) })
    }
    if (problems.length > 0) {
      // One bad folder stops the whole batch: say how to get the good ones in.
      const way =
        folders.length > 1
          ? '\nAn add is all or nothing: fix the folders above, or add the others one folder at a time.'
          : ''
      throw new AppError('INVALID_SKILL', `Nothing was installed:\n- ${problems.join('\n- ')}${way}`, {
        problems,
      })
    }
    return candidates
  }

  /**
   * Removes staging folders left by a SkillDock process that was killed mid-install. A staging
   * folder is named after its owner's pid, so a running app's install in progress is never touched.
   */
  private sweepStaging(): void {
    let names: string[]
    try {
      names = readdirSync(this.deps.dir)
    } catch {
      return
    }
    for (const name of names) {
      const match = /^\.staging-(\d+)-[0-9a-f]+$/.exec(name) ?? /^\.staging-()[0-9a-f]+$/.exec(name)
      if (!match) continue
      const pid = Number(match[1])
      if (match[1] !== '' && (pid === process.pid || processAlive(pid))) continue
      rmSync(join(this.deps.dir, name), { recursive: true, force: true })
    }
  }

  /** Copies every candidate into a hidden staging folder and verifies the copies. */
  private stage(candidates: Candidate[]): string {
    mkdirSync(this.deps.dir, { recursive: true })
    this.sweepStaging()
    const staging = join(this.deps.dir, `.staging-${process.pid}-${randomBytes(6).toString('hex')}`)
    try {
      // Each folder made once: a recursive mkdir per file was most of staging a large batch.
      const made = new Set<string>()
      for (const c of candidates) {
        const target = join(staging, c.name)
        for (const file of c.files) {
          const folder = dirname(join(target, file))
          if (!made.has(folder)) mkdirSync(folder, { recursive: true })
          made.add(folder)
          copyFileSync(join(c.dir, file), join(target, file))
        }
        if (fingerprintFolder(target) !== c.fingerprint) {
          throw new AppError('CONFLICT', `${c.dir} changed while it was being copied. Try again.`)
        }
      }
      return staging
    } catch (err) {
      rmSync(staging, { recursive: true, force: true })
      throw err
    }
  }

  /** Moves the staged skills into the library; on failure, takes back the ones already moved. */
  private place(staging: string, candidates: Candidate[]): string[] {
    const placed: string[] = []
    try {
      for (const c of candidates) {
        const final = join(this.deps.dir, c.name)
        renameSync(join(staging, c.name), final)
        placed.push(final)
      }
      return placed
    } catch (err) {
      for (const dir of placed) rmSync(dir, { recursive: true, force: true })
      throw err
    }
  }
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
