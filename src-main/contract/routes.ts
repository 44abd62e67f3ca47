import { z } from 'zod'
import {
  AddedSkill,
  AppInfo,
  DoctorCheck,
  IndexStats,
  SearchHit,
  SkillDetail,
  SkillState,
  SkillSummary,
  ValidationReport,
} from './models'

/** A route: its input and output schemas. Input is validated in main; output is typed. */
export interface Route {
  input: z.ZodType
  output: z.ZodType
}

const SkillName = z.string().min(1).max(200)

/**
 * The route map: the single source of truth for IPC (desktop) and HTTP (serve mode).
 * The CLI calls the same handlers in-process.
 */
export const routes = {
  /** Version, data home and skill count. */
  'app.info': { input: z.object({}).strict(), output: AppInfo },
  /** Checks python3, git, the keychain, the sandbox tools and the data home. */
  'app.doctor': {
    input: z.object({ port: z.number().int().min(0).max(65535).optional() }).strict(),
    output: z.array(DoctorCheck),
  },
  /** The catalog, optionally filtered by a search query and a state. */
  'skills.list': {
    input: z.object({ query: z.string().max(500).optional(), state: SkillState.optional() }).strict(),
    output: z.array(SkillSummary),
  },
  /** Everything about one skill. */
  'skills.get': { input: z.object({ name: SkillName }).strict(), output: SkillDetail },
  /** Full-text search over names, descriptions, tags and instructions, best first. */
  'skills.search': {
    input: z
      .object({ query: z.string().min(1).max(500), limit: z.number().int().min(1).max(200).optional() })
      .strict(),
    output: z.array(SearchHit),
  },
  /** Validate a skill folder or SKILL.md on disk, or SKILL.md text given inline. */
  'skills.validate': {
    input: z
      .object({
        path: z.string().min(1).optional(),
        content: z.string().max(1_000_000).optional(),
        folderName: z.string().optional(),
      })
      .strict()
      .refine(
        (v) => (v.path === undefined) !== (v.content === undefined),
        'give exactly one of path or content',
      ),
    output: ValidationReport,
  },
  /** Enable (activate) or disable a skill. */
  'skills.setEnabled': {
    input: z.object({ name: SkillName, enabled: z.boolean() }).strict(),
    output: SkillSummary,
  },
  /** Import one skill or a folder of skills from a local path into the library. */
  'skills.add': {
    input: z.object({ path: z.string().min(1) }).strict(),
    output: z.object({ skills: z.array(AddedSkill) }),
  },
  /** Delete a library skill (bundled skills can only be disabled). */
  'skills.remove': {
    input: z.object({ name: SkillName }).strict(),
    output: z.object({ removed: z.string() }),
  },
  /** Re-read the skill folders from disk; unchanged skills are not re-parsed. */
  'skills.reindex': { input: z.object({}).strict(), output: IndexStats },
  /** The `<available_skills>` block for eligible active skills. */
  'skills.prompt': { input: z.object({}).strict(), output: z.object({ xml: z.string() }) },
} satisfies Record<string, Route>

export type Routes = typeof routes
export type RouteName = keyof Routes
export type RouteInput<N extends RouteName> = z.input<Routes[N]['input']>
export type RouteOutput<N extends RouteName> = z.infer<Routes[N]['output']>
