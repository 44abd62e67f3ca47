import { z } from 'zod'
import {
  Approval,
  ScanFinding,
  SkillOrigin,
  SkillTestReport,
  ToolCallInput,
  ToolCallResult,
  ToolInfo,
  ValidationReport,
} from './models'

/** A file of a skill as the editor sees it: text files small enough to edit are `editable`. */
export const SkillFileEntry = z.object({
  /** Path relative to the skill folder, with forward slashes. */
  path: z.string(),
  size: z.number().int().nonnegative(),
  editable: z.boolean(),
  /** Why the file cannot be edited (binary, too large), or null. */
  reason: z.string().nullable(),
})
export type SkillFileEntry = z.infer<typeof SkillFileEntry>

/**
 * A skill opened for editing. Edits are saved to a draft copy under the data home's `drafts/`
 * folder; the approved library copy is only replaced through an approval request.
 */
export const SkillWorkspace = z.object({
  name: z.string(),
  origin: SkillOrigin,
  /** True when saved edits exist in a draft copy (or the skill itself is a draft). */
  hasDraft: z.boolean(),
  /** The folder the files below are read from: the draft copy when there is one. */
  dir: z.string(),
  files: z.array(SkillFileEntry),
  /**
   * True when the skill itself changed (an update, a re-install) after its draft copy was made:
   * submitting the draft would replace those changes.
   */
  baseChanged: z.boolean(),
  /** Whether the draft can be sent for approval (bundled skills are read-only). */
  canSubmit: z.boolean(),
})
export type SkillWorkspace = z.infer<typeof SkillWorkspace>

/** One file's text. */
export const SkillFileText = z.object({
  path: z.string().min(1).max(500),
  /** Generous here; the core refuses files over its edit limit with a clear message. */
  content: z.string().max(4_000_000),
})
export type SkillFileText = z.infer<typeof SkillFileText>

/** What "save as draft" did: the draft's files and its validation (errors carry their line). */
export const DraftSaveResult = z.object({
  workspace: SkillWorkspace,
  report: ValidationReport,
})
export type DraftSaveResult = z.infer<typeof DraftSaveResult>

/** The draft against the approved version, as a unified git diff. */
export const SkillDiff = z.object({
  /**
   * What the draft is compared with: the commit pinned at approval, the installed copy (never
   * approved), the bundled copy, or nothing (a new skill).
   */
  base: z.enum(['approved', 'installed', 'bundled', 'none']),
  commit: z.string().nullable(),
  diff: z.string(),
})
export type SkillDiff = z.infer<typeof SkillDiff>

/** A mistake in a file that stops it working (a Python or JSON syntax error), for the author. */
export const DraftProblem = z.object({
  file: z.string(),
  line: z.number().int().positive().nullable(),
  message: z.string(),
})
export type DraftProblem = z.infer<typeof DraftProblem>

/** What the editor's live checks found in the unsaved text, kept apart by kind. */
export const DraftCheck = z.object({
  /** Syntax errors: the file would not load. */
  problems: z.array(DraftProblem),
  /** Security findings of the draft as typed (advice; the approval inbox decides on them). */
  findings: z.array(ScanFinding),
})
export type DraftCheck = z.infer<typeof DraftCheck>

const SkillName = z.string().min(1).max(200)
const NewSkillName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single "-" between them')

/** Routes of the skill editor: files, drafts, diff, templates; spread into the route map. */
export const fileRoutes = {
  /** The skill's files, from its draft copy when one exists. */
  'files.list': { input: z.object({ name: SkillName }).strict(), output: SkillWorkspace },
  /** One text file of the skill (draft copy first). Paths outside the folder, binary and large files are refused. */
  'files.read': {
    input: z.object({ name: SkillName, path: z.string().min(1).max(500) }).strict(),
    output: SkillFileText,
  },
  /** Writes edited files into the skill's draft copy (never the library copy) and validates it. */
  'files.saveDraft': {
    input: z
      .object({
        name: SkillName,
        files: z.array(SkillFileText).min(1).max(200),
      })
      .strict(),
    output: DraftSaveResult,
  },
  /**
   * Checks the editor's unsaved text without saving it: syntax of Python and JSON files, and a
   * static security scan of the draft with those edits laid over it.
   */
  'files.check': {
    input: z
      .object({
        name: SkillName,
        files: z.array(SkillFileText).max(200),
      })
      .strict(),
    output: DraftCheck,
  },
  /**
   * `skilldock test` checks against the editor's saved draft (not the approved version), always in
   * the OS sandbox with no network or stored credentials, in a process apart from the approved one.
   */
  'files.test': { input: z.object({ name: SkillName }).strict(), output: SkillTestReport },
  /** The tools the saved draft serves (started sandboxed like `files.test`). */
  'files.tools': { input: z.object({ name: SkillName }).strict(), output: z.array(ToolInfo) },
  /** One tool call against the saved draft (sandboxed like `files.test`; never served over MCP). */
  'files.call': { input: ToolCallInput, output: ToolCallResult },
  /** Throws away the draft copy of a library or bundled skill. */
  'files.discardDraft': {
    input: z.object({ name: SkillName }).strict(),
    output: SkillWorkspace,
  },
  /** The draft (or the skill as it is) against the approved version. */
  'files.diff': { input: z.object({ name: SkillName }).strict(), output: SkillDiff },
  /** A new skill from the template (SKILL.md, and skill.py using the bundled kit when asked), as a draft. */
  'files.create': {
    input: z
      .object({
        name: NewSkillName,
        description: z.string().trim().min(1).max(1024).optional(),
        withServer: z.boolean().optional(),
      })
      .strict(),
    output: SkillWorkspace,
  },
  /** Sends the draft to the approval inbox: a new skill as `generated`, an edited library skill as `update`. */
  'files.submit': {
    input: z.object({ name: SkillName, reason: z.string().max(2000).optional() }).strict(),
    output: Approval,
  },
}
