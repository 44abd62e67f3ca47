import { randomBytes } from 'node:crypto'
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Approval, ValidationReport } from '../../contract/models'
import type { DraftSaveResult, SkillDiff, SkillFileText, SkillWorkspace } from '../../contract/files'
import { AppError } from '../base/appError'
import type { Handlers } from '../dispatch'
import type { SkillRepository, SkillSummaryRecord } from '../storage/skillRepository'
import { notFound } from './catalog'
import { validateSkillPath } from './manifest'
import { diffSkill, type DiffBase } from './skillDiff'
import { listSkillFiles, notEditable, readSkillFile, resolveInside } from './skillFileAccess'
import { newSkillFiles } from './skillTemplate'

export interface SkillFilesDeps {
  repo: Pick<SkillRepository, 'findSummary' | 'pins'>
  /** The data home's drafts folder. */
  drafts: string
  /** The library folder (a git repository holding approved versions). */
  library: string
  /** Re-reads the skill folders after a draft of a new skill changed. */
  reindex: () => Promise<unknown>
  /** Swaps a library skill's files for new ones and sends them through governance as an update. */
  /** `reason` is what the person deciding reads (the editor's note when none is given). */
  replaceLibrarySkill: (name: string, from: string, reason?: string) => Promise<unknown>
  /** Sends a catalogued skill to scan and governance. */
  request: (name: string, kind: 'generated', reason: string) => Promise<{ approval: Approval }>
  latestApproval: (name: string) => Approval | null
}

/**
 * The skill editor's files. A new skill is a draft in `drafts/<name>/`. Edits of a library or
 * bundled skill go to a draft copy in `drafts/.edits/<name>/` (hidden from the catalog, so the
 * approved copy stays what runs) until they are submitted for approval.
 */
export class SkillFiles {
  constructor(private readonly deps: SkillFilesDeps) {}

  private record(name: string): SkillSummaryRecord {
    const record = this.deps.repo.findSummary(name)
    if (!record) throw notFound(name)
    return record
  }

  private editDir(name: string): string {
    return join(this.deps.drafts, '.edits', name)
  }

  /** Beside the draft copy (never in it): the fingerprint of the skill the copy was made from. */
  private baseFile(name: string): string {
    return join(this.deps.drafts, '.edits', `${name}.base`)
  }

  private removeDraftCopy(name: string): void {
    rmSync(this.editDir(name), { recursive: true, force: true })
    rmSync(this.baseFile(name), { force: true })
  }

  private baseChanged(record: SkillSummaryRecord): boolean {
    if (record.origin === 'draft' || !existsSync(this.baseFile(record.name))) return false
    return readFileSync(this.baseFile(record.name), 'utf8').trim() !== (record.fingerprint ?? '')
  }

  /** The folder edits are read from and saved to, and whether it exists yet. */
  private draftOf(record: SkillSummaryRecord): { dir: string; exists: boolean } {
    if (record.origin === 'draft') return { dir: record.path, exists: true }
    const dir = this.editDir(record.name)
    return { dir, exists: existsSync(dir) }
  }

  workspace(name: string): SkillWorkspace {
    const record = this.record(name)
    const draft = this.draftOf(record)
    const dir = draft.exists ? draft.dir : record.path
    return {
      name,
      origin: record.origin,
      hasDraft: draft.exists,
      dir,
      files: listSkillFiles(dir),
      baseChanged: draft.exists && this.baseChanged(record),
      canSubmit: record.origin !== 'builtin' && draft.exists,
    }
  }

  read(name: string, path: string): SkillFileText {
    const record = this.record(name)
    const draft = this.draftOf(record)
    return { path, content: readSkillFile(draft.exists ? draft.dir : record.path, path) }
  }

  /** Writes the files into the draft copy (made from the skill on first save) and validates it. */
  async saveDraft(name: string, files: readonly SkillFileText[]): Promise<DraftSaveResult> {
    const record = this.record(name)
    const draft = this.draftOf(record)
    // Every path and size is checked before anything is written: a refused save changes nothing.
    const current = draft.exists ? draft.dir : record.path
    for (const file of files) {
      requireWritable(current, file.path)
      const reason = notEditable(Buffer.from(file.content, 'utf8'))
      if (reason) throw new AppError('INVALID_INPUT', `${file.path} is ${reason}.`, { path: file.path })
    }
    if (!draft.exists) {
      this.copyToDraft(record.path, draft.dir)
      writeAtomically(this.baseFile(name), `${record.fingerprint ?? ''}\n`)
    }
    for (const file of files) writeAtomically(resolveInside(draft.dir, file.path), file.content)
    if (record.origin === 'draft') await this.deps.reindex()
    const report = validateSkillPath(draft.dir)
    if (!this.deps.repo.findSummary(name)) {
      // A new skill's draft is catalogued under the name its SKILL.md gives.
      throw new AppError(
        'CONFLICT',
        `Saved. SKILL.md now names the skill "${report.name ?? '?'}", so it is listed under that name; ` +
          `open ${report.name ?? 'it'} in the editor to go on (or set name: ${name} again there).`,
        { name: report.name },
      )
    }
    return { workspace: this.workspace(name), report }
  }

  /** Copies the skill into a staging folder, then renames it into place (no half copy is ever seen). */
  private copyToDraft(from: string, to: string): void {
    const staging = `${to}.staging-${randomBytes(4).toString('hex')}`
    mkdirSync(dirname(to), { recursive: true })
    try {
      cpSync(from, staging, {
        recursive: true,
        filter: (source) => !['.git', '__pycache__'].includes(basename(source)),
      })
      renameSync(staging, to)
    } finally {
      rmSync(staging, { recursive: true, force: true })
    }
  }

  /** Drops any draft copy of a skill that was removed, so a later skill of that name starts clean. */
  forget(name: string): void {
    this.removeDraftCopy(name)
  }

  discardDraft(name: string): SkillWorkspace {
    const record = this.record(name)
    if (record.origin === 'draft') {
      throw new AppError(
        'INVALID_INPUT',
        `${name} is a new skill: its draft is the skill itself. Nothing to discard.`,
      )
    }
    this.removeDraftCopy(name)
    return this.workspace(name)
  }

  diff(name: string): SkillDiff {
    const record = this.record(name)
    const commit = record.origin === 'library' ? (this.deps.repo.pins(name)?.commit ?? null) : null
    const base: DiffBase =
      record.origin === 'draft'
        ? { kind: 'none' }
        : commit
          ? { kind: 'commit', repo: this.deps.library, commit }
          : { kind: 'folder', dir: record.path }
    const kind: SkillDiff['base'] =
      base.kind === 'none'
        ? 'none'
        : base.kind === 'commit'
          ? 'approved'
          : record.origin === 'builtin'
            ? 'bundled'
            : 'installed'
    return { base: kind, commit, diff: diffSkill(name, base, this.workspace(name).dir) }
  }

  /** A new skill from the template, as a draft. */
  async create(name: string, withServer: boolean, description?: string): Promise<SkillWorkspace> {
    const target = join(this.deps.drafts, name)
    if (this.deps.repo.findSummary(name) || existsSync(target) || existsSync(join(this.deps.library, name))) {
      throw new AppError('CONFLICT', `A skill named ${name} already exists; pick another name.`)
    }
    const staging = join(this.deps.drafts, `.new-${name}-${randomBytes(4).toString('hex')}`)
    try {
      for (const [path, content] of Object.entries(newSkillFiles(name, withServer, description))) {
        writeAtomically(join(staging, path), content)
      }
      renameSync(staging, target)
    } finally {
      rmSync(staging, { recursive: true, force: true })
    }
    await this.deps.reindex()
    return this.workspace(name)
  }

  /** Sends the draft for approval; refuses drafts with validation errors and bundled skills. */
  async submit(name: string, reason: string | undefined): Promise<Approval> {
    const record = this.record(name)
    if (record.origin === 'builtin') {
      throw new AppError(
        'CONFLICT',
        `${name} is bundled with SkillDock and cannot be replaced. Create a new skill and copy your changes into it.`,
      )
    }
    const draft = this.draftOf(record)
    if (!draft.exists) {
      throw new AppError('CONFLICT', `${name} has no saved draft to submit; save your edits first.`)
    }
    requireValid(name, validateSkillPath(draft.dir))
    if (record.origin === 'draft') {
      return (await this.deps.request(name, 'generated', reason ?? 'submitted from the editor')).approval
    }
    await this.deps.replaceLibrarySkill(name, draft.dir, reason)
    this.removeDraftCopy(name)
    const approval = this.deps.latestApproval(name)
    if (!approval) throw new AppError('INTERNAL', `${name} was updated but no approval request was recorded.`)
    return approval
  }
}

function requireValid(name: string, report: ValidationReport): void {
  if (report.valid) return
  const first = report.errors[0]
  const where = first?.line ? `line ${first.line}: ` : ''
  throw new AppError(
    'INVALID_SKILL',
    `${name} has ${report.errors.length} validation error${report.errors.length === 1 ? '' : 's'} ` +
      `(${where}${first?.message ?? 'invalid'}); fix ${report.errors.length === 1 ? 'it' : 'them'}, save, then submit.`,
    { errors: report.errors },
  )
}

/** Refuses a path that leaves the folder, or whose file or parent folders exist as something else. */
function requireWritable(dir: string, path: string): void {
  resolveInside(dir, path)
  const parts = path.split('/')
  for (let i = 1; i <= parts.length; i++) {
    const abs = join(dir, ...parts.slice(0, i))
    if (!existsSync(abs)) return
    const stat = lstatSync(abs)
    const ok = i === parts.length ? stat.isFile() : stat.isDirectory()
    if (!ok) {
      throw new AppError(
        'INVALID_INPUT',
        `${parts.slice(0, i).join('/')} already exists as something else; pick another path.`,
        {
          path,
        },
      )
    }
  }
}

/** Writes through a temp file and a rename, so a crash never leaves a half-written file. */
function writeAtomically(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`
  writeFileSync(temp, content)
  renameSync(temp, file)
}

type FileRouteName =
  | 'files.list'
  | 'files.read'
  | 'files.saveDraft'
  | 'files.discardDraft'
  | 'files.diff'
  | 'files.create'
  | 'files.submit'

/** The editor's routes (contract/files.ts). */
export function fileHandlers(files: SkillFiles): Pick<Handlers, FileRouteName> {
  return {
    'files.list': ({ name }) => files.workspace(name),
    'files.read': ({ name, path }) => files.read(name, path),
    'files.saveDraft': ({ name, files: edited }) => files.saveDraft(name, edited),
    'files.discardDraft': ({ name }) => files.discardDraft(name),
    'files.diff': ({ name }) => files.diff(name),
    'files.create': ({ name, withServer, description }) =>
      files.create(name, withServer === true, description),
    'files.submit': ({ name, reason }) => files.submit(name, reason),
  }
}
