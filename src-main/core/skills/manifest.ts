import { type Dirent, readdirSync, readFileSync, statSync, type Stats } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import type { ValidationIssue, ValidationReport } from '../../contract/models'
import { normalizeText, readFrontmatter } from './frontmatter'
import { IssueCollector } from './issues'
import { emptyManifestFields, readManifestFields } from './validate'

/** OpenClaw gating requirements, normalized from `metadata.openclaw` / `metadata.clawdbot`. */
export interface GatingRequirements {
  os: string[]
  bins: string[]
  anyBins: string[]
  env: string[]
  config: string[]
}

export interface SkillCredential {
  name: string
  description: string
  required: boolean
}

/** A SKILL.md as loaded leniently: every field present, null/empty when absent or unusable. */
export interface SkillManifest {
  name: string | null
  description: string | null
  version: string | null
  license: string | null
  compatibility: string | null
  allowedTools: string[]
  tools: string[]
  triggers: string[]
  tags: string[]
  category: string | null
  /** `metadata` as a map (an inline-JSON string is parsed). */
  metadata: Record<string, unknown>
  requires: GatingRequirements
  primaryEnv: string | null
  emoji: string | null
  homepage: string | null
  credentials: SkillCredential[]
  network: string[]
  /**
   * Folders or files outside its own the skill reads (metadata.skilldock.read: absolute or `~/…`).
   * Readable in the sandbox only once a person approved the skill with them.
   */
  readPaths: string[]
  server: { command: string; args: string[] } | null
  timeoutSeconds: number | null
  /**
   * Server processes calls may be spread over (metadata.skilldock.processes, 1–4; 1 when not declared):
   * a skill whose tools are safe to run side by side in separate processes gets a small pool.
   */
  processes: number
  /** The frontmatter exactly as parsed (after lenient retries). */
  frontmatter: Record<string, unknown>
  /** The Markdown instructions after the frontmatter, LF line endings. */
  body: string
}

export interface ParsedSkill {
  manifest: SkillManifest
  errors: ValidationIssue[]
  warnings: ValidationIssue[]
}

/** The file names a skill folder may use, in order of preference. */
export const SKILL_FILE_NAMES = ['SKILL.md', 'skill.md'] as const

/** SKILL.md files above this size are refused unread. */
export const MAX_SKILL_MD_BYTES = 1024 * 1024

/**
 * Breaches of the Agent Skills spec that the hosts people use (Claude Code, claude.ai) still load:
 * loading keeps the skill with a warning, `validate` reports them as errors. (A name that differs
 * from its folder and unknown keys are warnings in both.)
 */
export const TOLERATED_AT_LOAD: ReadonlySet<string> = new Set(['DESCRIPTION_TOO_LONG'])

const TOLERATED_NOTE =
  ' Loaded anyway, as Claude Code does; Codex skips such a skill, and `skilldock validate` reports it as an error.'

/** Lenient loading: the tolerated errors become warnings that say so. */
function tolerate(parsed: ParsedSkill): ParsedSkill {
  const tolerated = parsed.errors.filter((e) => TOLERATED_AT_LOAD.has(e.code))
  if (tolerated.length === 0) return parsed
  const issues = new IssueCollector()
  issues.errors.push(...parsed.errors.filter((e) => !TOLERATED_AT_LOAD.has(e.code)))
  issues.warnings.push(
    ...parsed.warnings,
    ...tolerated.map((e) => ({ ...e, message: e.message + TOLERATED_NOTE })),
  )
  return { manifest: parsed.manifest, ...issues.sorted() }
}

/** The warnings of a loaded skill as one sentence each, for records that carry plain text (browse, inbox). */
export function warningMessages(parsed: Pick<ParsedSkill, 'warnings'>): string[] {
  return parsed.warnings.map((w) => w.message)
}

interface Analysis {
  parsed: ParsedSkill
  /** 1-based line of a top-level key, when present. */
  keyLine(key: string): number | undefined
}

/** Parses SKILL.md text leniently and validates it strictly. Never throws on bad content. */
export function parseSkillMd(text: string, options: { folderName?: string } = {}): ParsedSkill {
  return analyzeSkillMd(text, options.folderName, new IssueCollector()).parsed
}

function analyzeSkillMd(text: string, folderName: string | undefined, issues: IssueCollector): Analysis {
  const frontmatter = readFrontmatter(normalizeText(text))
  issues.errors.push(...frontmatter.errors)
  issues.warnings.push(...frontmatter.warnings)
  const fields =
    frontmatter.status === 'present'
      ? readManifestFields(frontmatter.entries, issues, {
          folderName,
          unreadableKeys: frontmatter.unreadableKeys,
        })
      : emptyManifestFields()
  if (frontmatter.status === 'present' && frontmatter.body.trim() === '') {
    const message =
      'SKILL.md has no instructions after the frontmatter. Add Markdown telling the agent how to use the skill.'
    issues.warning('BODY_EMPTY', message, undefined, frontmatter.bodyLine)
  }
  const manifest: SkillManifest = { ...fields, frontmatter: frontmatter.data, body: frontmatter.body }
  return {
    parsed: { manifest, ...issues.sorted() },
    keyLine: (key) => frontmatter.entries.find((entry) => entry.key === key)?.line,
  }
}

/** The SKILL.md (preferred) or skill.md inside a folder, or null. */
export function findSkillFile(dir: string): string | null {
  let entries: Dirent[]
  try {
    // Compare exact names: on case-insensitive disks, statting "SKILL.md" would also find skill.md.
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return null
  }
  return findSkillFileIn(dir, entries)
}

/** `findSkillFile` over a listing of `dir` the caller already has. */
export function findSkillFileIn(dir: string, entries: readonly Dirent[]): string | null {
  for (const name of SKILL_FILE_NAMES) {
    const entry = entries.find((e) => e.name === name)
    if (!entry) continue
    const file = join(dir, name)
    // A regular file needs no stat; a link (or an unknown type) is followed as before.
    if (entry.isFile() || (!entry.isDirectory() && statOrNull(file)?.isFile())) return file
  }
  return null
}

/**
 * Loads a skill folder or a SKILL.md path from disk. Missing file / unreadable → an error issue, never
 * a throw. Lenient unless `strict`: breaches hosts tolerate (TOLERATED_AT_LOAD) are warnings.
 */
export function loadSkill(
  pathToFolderOrFile: string,
  options: {
    strict?: boolean
    /** SKILL.md's text as the caller just read it (the indexer, for its server check), not read again. */
    text?: { file: string; text: string }
  } = {},
): ParsedSkill & { file: string | null; folder: string } {
  const target = resolve(pathToFolderOrFile)
  const issues = new IssueCollector()
  const stat = statOrNull(target)
  const isFile = stat?.isFile() ?? false
  const looksLikeFile = (SKILL_FILE_NAMES as readonly string[]).includes(basename(target))
  const folder = isFile || (!stat && looksLikeFile) ? dirname(target) : target
  const failed = (): ParsedSkill & { file: string | null; folder: string } => ({
    manifest: { ...emptyManifestFields(), frontmatter: {}, body: '' },
    ...issues.sorted(),
    file: isFile ? target : null,
    folder,
  })
  if (!stat || (!isFile && !stat.isDirectory())) {
    issues.error('PATH_NOT_FOUND', `${target} does not exist or is not a file or folder. Check the path.`)
    return failed()
  }
  const file = isFile ? target : findSkillFile(target)
  if (file === null) {
    issues.error(
      'SKILL_MD_MISSING',
      `no SKILL.md in ${folder}. Add a SKILL.md with name and description frontmatter.`,
    )
    return failed()
  }
  const size = statOrNull(file)?.size ?? 0
  if (size > MAX_SKILL_MD_BYTES) {
    const mib = (size / MAX_SKILL_MD_BYTES).toFixed(1)
    const message = `${basename(file)} is ${mib} MiB; the limit is 1 MiB. Move long reference material into files under references/.`
    issues.error('SKILL_MD_TOO_LARGE', message)
    return { ...failed(), file }
  }
  let text: string
  try {
    text = options.text?.file === file ? options.text.text : readFileSync(file, 'utf8')
  } catch (err) {
    const reason = err instanceof Error && 'code' in err ? String(err.code) : String(err)
    issues.error('SKILL_MD_UNREADABLE', `${file} could not be read (${reason}). Check its permissions.`)
    return { ...failed(), file }
  }
  const analysis = analyzeSkillMd(text, basename(folder), issues)
  const { manifest } = analysis.parsed
  if (
    manifest.tools.length > 0 &&
    manifest.server === null &&
    !statOrNull(join(folder, 'skill.py'))?.isFile()
  ) {
    const message =
      'tools are declared but the folder has no skill.py and metadata.skilldock.server is not set, so they cannot run. Add skill.py or declare a server.'
    issues.warning('TOOLS_WITHOUT_SERVER', message, 'tools', analysis.keyLine('tools'))
  }
  const strict = { manifest, ...issues.sorted() }
  return { ...(options.strict ? strict : tolerate(strict)), file, folder }
}

/** For `skilldock validate` and the `skills.validate` route: strict (spec limits are errors). */
export function validateSkillPath(path: string): ValidationReport {
  const loaded = loadSkill(path, { strict: true })
  return report(loaded.file ?? resolve(path), loaded)
}

/** Validates SKILL.md text that is not on disk (the editor, generated drafts). */
export function validateSkillText(text: string, folderName?: string): ValidationReport {
  return report('<inline>', parseSkillMd(text, { folderName }))
}

function report(path: string, parsed: ParsedSkill): ValidationReport {
  const { errors, warnings, manifest } = parsed
  return { path, name: manifest.name, valid: errors.length === 0, errors, warnings }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path, { throwIfNoEntry: false }) ?? null
  } catch {
    return null
  }
}
