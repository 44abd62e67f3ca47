import { z } from 'zod'

/** Lifecycle states of docs/ARCHITECTURE.md §9. */
export const SkillState = z.enum([
  'draft',
  'pending',
  'active',
  'disabled',
  'installed',
  'builtin',
  'rejected',
  'changed',
  'deprecated',
])
export type SkillState = z.infer<typeof SkillState>

/** Where a skill's folder lives: bundled with the app, in the user's library, or a draft. */
export const SkillOrigin = z.enum(['builtin', 'library', 'draft'])
export type SkillOrigin = z.infer<typeof SkillOrigin>

export const TrustLevel = z.enum(['trusted', 'monitored', 'sandboxed', 'restricted'])
export type TrustLevel = z.infer<typeof TrustLevel>

export const RiskLevel = z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'])
export type RiskLevel = z.infer<typeof RiskLevel>

/** One problem found by the validator; `line` is 1-based in SKILL.md when known. */
export const ValidationIssue = z.object({
  code: z.string(),
  message: z.string(),
  line: z.number().int().positive().optional(),
  field: z.string().optional(),
})
export type ValidationIssue = z.infer<typeof ValidationIssue>

export const ValidationReport = z.object({
  path: z.string(),
  name: z.string().nullable(),
  valid: z.boolean(),
  errors: z.array(ValidationIssue),
  warnings: z.array(ValidationIssue),
})
export type ValidationReport = z.infer<typeof ValidationReport>

/** What the catalog lists: enough for a row in the browser and for `skilldock list --json`. */
export const SkillSummary = z.object({
  name: z.string(),
  version: z.string().nullable(),
  description: z.string(),
  state: SkillState,
  origin: SkillOrigin,
  trust: TrustLevel,
  source: z.string(),
  eligible: z.boolean(),
  ineligibleReasons: z.array(z.string()),
  risk: RiskLevel.nullable(),
  valid: z.boolean(),
  hasServer: z.boolean(),
  tags: z.array(z.string()),
  category: z.string().nullable(),
  emoji: z.string().nullable(),
  deprecation: z.object({ reason: z.string(), replacement: z.string().nullable() }).nullable(),
})
export type SkillSummary = z.infer<typeof SkillSummary>

export const SkillFile = z.object({ path: z.string(), size: z.number().int().nonnegative() })
export type SkillFile = z.infer<typeof SkillFile>

export const ToolInfo = z.object({
  name: z.string(),
  description: z.string(),
  inputSchema: z.record(z.string(), z.unknown()),
})
export type ToolInfo = z.infer<typeof ToolInfo>

/** Everything about one skill (`skilldock show`, the detail page). */
export const SkillDetail = SkillSummary.extend({
  path: z.string(),
  fingerprint: z.string().nullable(),
  files: z.array(SkillFile),
  tools: z.array(ToolInfo),
  declaredTools: z.array(z.string()),
  frontmatter: z.record(z.string(), z.unknown()),
  instructions: z.string(),
  errors: z.array(ValidationIssue),
  warnings: z.array(ValidationIssue),
  /** The latest approval request or decision for this skill. */
  approval: z.lazy(() => Approval).nullable(),
  pinnedFingerprint: z.string().nullable(),
  license: z.string().nullable(),
  homepage: z.string().nullable(),
  indexedAt: z.string(),
  /**
   * How its server actually runs, in words (contract/runMode.ts): the trust level alone misleads for
   * bundled skills. Computed by the core so `show` and the skill page say the same.
   */
  runsAs: z.string(),
})
export type SkillDetail = z.infer<typeof SkillDetail>

export const SearchHit = z.object({ name: z.string(), score: z.number(), description: z.string() })
export type SearchHit = z.infer<typeof SearchHit>

export const IndexStats = z.object({
  scanned: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  removed: z.number().int(),
  failed: z.number().int(),
})
export type IndexStats = z.infer<typeof IndexStats>

export const AddedSkill = z.object({ name: z.string(), state: SkillState, risk: RiskLevel.nullable() })
export type AddedSkill = z.infer<typeof AddedSkill>

export const AppInfo = z.object({
  version: z.string(),
  home: z.string(),
  skillCount: z.number().int(),
})
export type AppInfo = z.infer<typeof AppInfo>

/** One line of `skilldock doctor`: what was checked, how it went, and how to fix it. */
export const DoctorCheck = z.object({
  id: z.string(),
  label: z.string(),
  status: z.enum(['ok', 'warn', 'fail']),
  detail: z.string(),
  fix: z.string().optional(),
})
export type DoctorCheck = z.infer<typeof DoctorCheck>

/** The life of a skill's server process (docs/ARCHITECTURE.md §10). */
export const RuntimeState = z.enum(['stopped', 'starting', 'running', 'crashed', 'backoff', 'disabled'])
export type RuntimeState = z.infer<typeof RuntimeState>

export const RuntimeStatus = z.object({
  skill: z.string(),
  state: RuntimeState,
  pid: z.number().int().nullable(),
  startedAt: z.string().nullable(),
  inFlight: z.number().int(),
  /** Server processes running now: more than 1 for a skill with a pool (metadata.skilldock.processes). */
  processes: z.number().int().optional(),
  recentCrashes: z.number().int(),
  lastError: z.string().nullable(),
})
export type RuntimeStatus = z.infer<typeof RuntimeStatus>

/** An MCP CallToolResult as returned by the skill (content blocks, structuredContent, isError). */
export const ToolCallResult = z
  .object({
    content: z.array(z.record(z.string(), z.unknown())),
    structuredContent: z.record(z.string(), z.unknown()).optional(),
    isError: z.boolean().optional(),
  })
  .passthrough()
export type ToolCallResult = z.infer<typeof ToolCallResult>

/** One tool call of a skill: `runtime.call` (the approved version) and `files.call` (its saved draft). */
export const ToolCallInput = z
  .object({
    name: z.string().min(1).max(200),
    tool: z.string().min(1).max(200),
    arguments: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()

export const AuditEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  client: z.string().nullable(),
  outcome: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** One check of `skilldock test`. */
export const SkillTestCheck = z.object({
  id: z.string(),
  label: z.string(),
  status: z.enum(['pass', 'fail', 'skip']),
  detail: z.string(),
})
export type SkillTestCheck = z.infer<typeof SkillTestCheck>

export const SkillTestReport = z.object({
  skill: z.string(),
  passed: z.boolean(),
  checks: z.array(SkillTestCheck),
})
export type SkillTestReport = z.infer<typeof SkillTestReport>

export const SecretName = z.object({ skill: z.string(), name: z.string() })
export type SecretName = z.infer<typeof SecretName>

/** One thing the security scanner found (docs/ARCHITECTURE.md §9, the trust issue). */
export const ScanFinding = z.object({
  /** Stable rule id, e.g. `py.exec.subprocess`, `text.prompt-injection`. */
  rule: z.string(),
  severity: RiskLevel,
  /** Path relative to the skill folder. */
  file: z.string(),
  line: z.number().int().positive().nullable(),
  /** What was found and what to do about it, for a non-expert. */
  message: z.string(),
  /** The offending text, shortened (never a secret value). */
  evidence: z.string(),
})
export type ScanFinding = z.infer<typeof ScanFinding>

export const ScanReport = z.object({
  /** The highest severity found; LOW when nothing was found. */
  risk: RiskLevel,
  findings: z.array(ScanFinding),
  /** `complete`, or `needs-review` when a required part (e.g. an LLM review) could not run. */
  status: z.enum(['complete', 'needs-review']),
  fingerprint: z.string().nullable(),
  scannedAt: z.string(),
})
export type ScanReport = z.infer<typeof ScanReport>

export const GovernanceMode = z.enum(['full_auto', 'semi_auto', 'locked'])
export type GovernanceMode = z.infer<typeof GovernanceMode>

/** Set only by a person (UI or CLI), never by an MCP client. */
export const Governance = z.object({
  mode: GovernanceMode,
  defaultTrust: TrustLevel,
  gapDetection: z.boolean(),
  selfGeneration: z.boolean(),
  updatedAt: z.string(),
})
export type Governance = z.infer<typeof Governance>

/** Why a skill needs a decision. */
export const ApprovalKind = z.enum([
  'import',
  'update',
  'generated',
  'external-edit',
  'tools-changed',
  'enable',
])
export type ApprovalKind = z.infer<typeof ApprovalKind>

export const ApprovalStatus = z.enum(['pending', 'approved', 'rejected', 'superseded'])
export type ApprovalStatus = z.infer<typeof ApprovalStatus>

/** A request in the approval inbox, with what a person needs to decide. */
/** What a person should know before deciding a request, beyond the scan. */
export const ApprovalDetails = z.object({
  /**
   * Credential names already in the keychain under this skill's name: approving hands them to this
   * skill. null when the keychain could not be read.
   */
  storedCredentials: z.array(z.string()).nullable(),
  /** Why the LLM review could not run when it is set to fail open (judged on the static scan alone). */
  reviewFailure: z.string().nullable(),
  /**
   * What loading the SKILL.md warned about: breaches hosts tolerate (a description over 1,024
   * characters, a name unlike its folder, unknown keys). Absent on requests made before they were kept.
   */
  warnings: z.array(z.string()).optional(),
  /**
   * True for a proposed update (optimize) whose files wait apart from the library: the approved
   * version keeps serving until the request is decided; approving swaps the files in.
   */
  staged: z.boolean().optional(),
})
export type ApprovalDetails = z.infer<typeof ApprovalDetails>

export const Approval = z.object({
  id: z.string(),
  skill: z.string(),
  kind: ApprovalKind,
  status: ApprovalStatus,
  requester: z.string(),
  reason: z.string().nullable(),
  fingerprint: z.string().nullable(),
  risk: RiskLevel.nullable(),
  findings: z.array(ScanFinding),
  requestedTrust: TrustLevel.nullable(),
  diff: z.string().nullable(),
  trust: TrustLevel.nullable(),
  allowedClients: z.array(z.string()).nullable(),
  rateLimitPerMinute: z.number().int().nullable(),
  notes: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  /** The configured source the skill came from (its name), or null; set by the core's lists. */
  source: z.string().nullable().optional(),
  /** Always set by the core (optional only for requests built elsewhere, e.g. UI fakes). */
  details: ApprovalDetails.optional(),
})
export type Approval = z.infer<typeof Approval>

/** What one bulk approval did (or, as a dry run, would do) with each request it looked at. */
export const BulkApproval = z.object({
  dryRun: z.boolean(),
  items: z.array(
    z.object({
      id: z.string(),
      skill: z.string(),
      source: z.string().nullable(),
      risk: RiskLevel.nullable(),
      outcome: z.enum(['approved', 'would-approve', 'skipped', 'failed']),
      /** The trust it was (or would be) approved at. */
      trust: TrustLevel.nullable(),
      /** Why it was skipped or failed. */
      reason: z.string().nullable(),
    }),
  ),
})
export type BulkApproval = z.infer<typeof BulkApproval>
