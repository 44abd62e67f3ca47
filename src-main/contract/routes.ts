import { z } from 'zod'
import {
  AddedSkill,
  Approval,
  ApprovalKind,
  ApprovalStatus,
  BulkApproval,
  Governance,
  GovernanceMode,
  ScanReport,
  TrustLevel,
  AuditEntry,
  RuntimeStatus,
  SecretName,
  SkillTestReport,
  ToolCallInput,
  ToolCallResult,
  ToolInfo,
  AppInfo,
  DoctorCheck,
  IndexStats,
  SearchHit,
  SkillDetail,
  SkillFile,
  SkillState,
  SkillSummary,
  ValidationReport,
  RiskLevel,
} from './models'
import { clientRoutes } from './clients'
import { marketplaceRoutes, sourceRoutes } from './sources'
import { generatorRoutes } from './generator'
import { activityRoutes } from './activity'
import { policyRoutes } from './policies'
import { automationRoutes } from './automation'
import { routingRoutes } from './routing'
import { fileRoutes, SkillFileText } from './files'
import { teamRoutes } from './team'

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
  /** The folders and files of the data home (Settings → Paths). */
  'app.paths': {
    input: z.object({}).strict(),
    output: z.object({
      home: z.string(),
      library: z.string(),
      drafts: z.string(),
      sources: z.string(),
      logs: z.string(),
      database: z.string(),
      settings: z.string(),
    }),
  },
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
  /**
   * Delete a library skill (bundled skills can only be disabled), and its credentials with it, so a
   * later skill of the same name does not inherit them. `credentialsRemoved` names what was deleted;
   * `warning` says when the keychain could not be cleaned.
   */
  'skills.remove': {
    input: z.object({ name: SkillName }).strict(),
    output: z.object({
      removed: z.string(),
      credentialsRemoved: z.array(z.string()),
      warning: z.string().optional(),
    }),
  },
  /** Re-read the skill folders from disk; unchanged skills are not re-parsed. */
  'skills.reindex': { input: z.object({}).strict(), output: IndexStats },
  /** The skill's MCP tools: cached from the last handshake; `refresh` starts the server to ask it. */
  'runtime.tools': {
    input: z.object({ name: SkillName, refresh: z.boolean().optional() }).strict(),
    output: z.array(ToolInfo),
  },
  /** Calls one tool of a skill (starting its server when needed). */
  'runtime.call': { input: ToolCallInput, output: ToolCallResult },
  /** Server state of one skill, or of every skill that was started. */
  'runtime.status': {
    input: z.object({ name: SkillName.optional() }).strict(),
    output: z.array(RuntimeStatus),
  },
  'runtime.start': { input: z.object({ name: SkillName }).strict(), output: RuntimeStatus },
  'runtime.stop': { input: z.object({ name: SkillName }).strict(), output: RuntimeStatus },
  /** Recent stderr of the skill's server and its call audit. */
  'runtime.logs': {
    input: z.object({ name: SkillName, lines: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.object({ stderr: z.array(z.string()), audit: z.array(AuditEntry) }),
  },
  /** Manifest, syntax, handshake, declared vs served tools, and the skill's own examples. */
  'skills.test': { input: z.object({ name: SkillName }).strict(), output: SkillTestReport },
  /**
   * One text file of the skill as installed: the copy that runs and was scanned, never a draft (a staged
   * proposal's files: `approvals.readFile`). Paths outside the folder, links, binary and large files are refused.
   */
  'skills.readFile': {
    input: z.object({ name: SkillName, path: z.string().min(1).max(500) }).strict(),
    output: SkillFileText,
  },
  /** Stores a credential of a skill in the OS keychain. */
  'secrets.set': {
    input: z
      .object({ skill: SkillName, name: z.string().min(1).max(200), value: z.string().min(1).max(65536) })
      .strict(),
    output: SecretName,
  },
  /** The credentials a skill declares (manifest), each with whether one is stored (never values). */
  'secrets.declared': {
    input: z.object({ skill: SkillName }).strict(),
    output: z.array(
      z.object({ name: z.string(), required: z.boolean(), description: z.string(), stored: z.boolean() }),
    ),
  },
  /** Names of stored credentials (never values). */
  'secrets.list': { input: z.object({ skill: SkillName.optional() }).strict(), output: z.array(SecretName) },
  'secrets.delete': {
    input: z.object({ skill: SkillName, name: z.string().min(1).max(200) }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
  /**
   * The approval inbox, newest first. Paged when `limit` is given: pass the last id of a page as
   * `cursor` for the next one (an empty page is the end). Filters: source name, exact risk, or risk up
   * to `maxRisk` (unscanned requests left out).
   */
  'approvals.list': {
    input: z
      .object({
        status: ApprovalStatus.optional(),
        source: z.string().min(1).max(200).optional(),
        risk: RiskLevel.optional(),
        maxRisk: RiskLevel.optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        cursor: z.string().min(1).max(100).optional(),
      })
      .strict(),
    output: z.array(Approval),
  },
  /** How many requests of a status (default pending) each source and risk has: the inbox's groups. */
  'approvals.groups': {
    input: z.object({ status: ApprovalStatus.optional() }).strict(),
    output: z.array(
      z.object({ source: z.string().nullable(), risk: RiskLevel.nullable(), count: z.number() }),
    ),
  },
  /**
   * One decision for many requests (chosen by id, or every pending one of a source up to a risk), each
   * recorded on its own. CRITICAL and unscanned requests are never approved in bulk, nor is `trusted`
   * granted (requests asking for it are left for one-by-one review when no trust is given).
   * `dryRun` lists what would be approved and changes nothing.
   */
  'approvals.approveMany': {
    input: z
      .object({
        ids: z.array(z.string().min(1).max(100)).min(1).max(5000).optional(),
        source: z.string().min(1).max(200).optional(),
        maxRisk: RiskLevel.optional(),
        trust: TrustLevel.optional(),
        allowedClients: z.array(z.string().min(1).max(100)).max(100).optional(),
        notes: z.string().max(2000).optional(),
        dryRun: z.boolean().optional(),
      })
      .strict(),
    output: BulkApproval,
  },
  'approvals.get': { input: z.object({ id: z.string().min(1) }).strict(), output: Approval },
  /**
   * The files a request asks to approve: a pending staged proposal's own folder (what approving
   * installs), otherwise the skill as it is now.
   */
  'approvals.files': { input: z.object({ id: z.string().min(1) }).strict(), output: z.array(SkillFile) },
  /** One text file of those; the same refusals as `skills.readFile`. */
  'approvals.readFile': {
    input: z.object({ id: z.string().min(1), path: z.string().min(1).max(500) }).strict(),
    output: SkillFileText,
  },
  /**
   * A person's decision. Not reachable from the MCP endpoint. Approving a CRITICAL request needs
   * `acknowledgeCritical: true`; rejecting needs `notes` saying why.
   */
  'approvals.decide': {
    input: z
      .object({
        id: z.string().min(1),
        approve: z.boolean(),
        trust: TrustLevel.optional(),
        allowedClients: z.array(z.string().min(1).max(100)).max(100).optional(),
        rateLimitPerMinute: z.number().int().min(1).max(100_000).optional(),
        /** Sandbox limits for a sandboxed or restricted (or bundled) skill; unset ones keep the defaults. */
        limits: z
          .object({
            cpuSeconds: z.number().int().min(1).max(86_400).optional(),
            memoryMb: z.number().int().min(64).max(1_048_576).optional(),
            processes: z.number().int().min(8).max(65_536).optional(),
          })
          .strict()
          .optional(),
        notes: z.string().max(2000).optional(),
        /** The person read the CRITICAL findings and approves anyway (required to approve a CRITICAL skill). */
        acknowledgeCritical: z.boolean().optional(),
      })
      .strict(),
    output: Approval,
  },
  /** Sends a skill (a draft, or an edited or updated one) to scan and governance: approved, waiting, or refused. */
  'skills.submit': {
    input: z
      .object({ name: SkillName, kind: ApprovalKind.optional(), reason: z.string().max(2000).optional() })
      .strict(),
    output: Approval,
  },
  'governance.get': { input: z.object({}).strict(), output: Governance },
  /** The optional LLM review of scans (off by default; fails closed unless fail-open is chosen). */
  'scan.settings': {
    input: z.object({ llmReview: z.boolean().optional(), reviewFailOpen: z.boolean().optional() }).strict(),
    output: z.object({ llmReview: z.boolean(), reviewFailOpen: z.boolean() }),
  },
  /** Changes governance. Only the UI and CLI reach this route. */
  'governance.set': {
    input: z
      .object({
        mode: GovernanceMode.optional(),
        defaultTrust: TrustLevel.optional(),
        gapDetection: z.boolean().optional(),
        selfGeneration: z.boolean().optional(),
      })
      .strict(),
    output: Governance,
  },
  /** Security scan of an installed skill (by name) or of any folder (by path). */
  'skills.scan': {
    input: z
      .object({
        name: SkillName.optional(),
        path: z.string().min(1).optional(),
        sarif: z.boolean().optional(),
      })
      .strict()
      .refine((v) => (v.name === undefined) !== (v.path === undefined), 'give exactly one of name or path'),
    output: ScanReport.extend({ sarif: z.record(z.string(), z.unknown()).optional() }),
  },
  /** Promotes an approved library skill to builtin: committed in the library repository. */
  'skills.promote': {
    input: z.object({ name: SkillName, target: z.string().min(1).optional() }).strict(),
    output: SkillSummary,
  },
  'skills.deprecate': {
    input: z
      .object({ name: SkillName, reason: z.string().min(1).max(2000), replacement: SkillName.optional() })
      .strict(),
    output: SkillSummary,
  },
  'skills.undeprecate': { input: z.object({ name: SkillName }).strict(), output: SkillSummary },
  /** The `<available_skills>` block for eligible active skills. */
  'skills.prompt': { input: z.object({}).strict(), output: z.object({ xml: z.string() }) },
  /** Clients of the MCP endpoint and their configuration snippets (contract/clients.ts). */
  ...clientRoutes,
  /** Skill sources, updates and export (contract/sources.ts). */
  ...sourceRoutes,
  /** Marketplace catalogs: browse, show and install their entries (contract/sources.ts). */
  ...marketplaceRoutes,
  /** The skill generator, its model provider and capability gaps (contract/generator.ts). */
  ...generatorRoutes,
  /** The audit log and call metrics (contract/activity.ts). */
  ...activityRoutes,
  /** Call policies, roles, client permissions and rate limits (contract/policies.ts). */
  ...policyRoutes,
  /** Compositions, schedules, jobs and webhooks (contract/automation.ts). */
  ...automationRoutes,
  /** Routing queries to skills, feedback (contract/routing.ts). */
  ...routingRoutes,
  /** The skill editor's files, drafts, diff and templates (contract/files.ts). */
  ...fileRoutes,
  /** Team mode and the managed policy (contract/team.ts). */
  ...teamRoutes,
} satisfies Record<string, Route>

export type Routes = typeof routes
export type RouteName = keyof Routes
export type RouteInput<N extends RouteName> = z.input<Routes[N]['input']>
export type RouteOutput<N extends RouteName> = z.infer<Routes[N]['output']>
