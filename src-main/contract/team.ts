import { z } from 'zod'
import { GovernanceMode, TrustLevel } from './models'
import { NamePattern, PermissionPattern, PolicyKind, RoleName } from './policies'

/** One skill's approval in a team repository's `.skilldock/approvals.json` (set by a signed commit). */
export const TeamApprovalEntry = z.object({
  /** The folder fingerprint the admin approved (`sha256:…`); other files stay pending. */
  fingerprint: z.string().min(1),
  trust: TrustLevel,
  allowedClients: z.array(z.string()).nullable().default(null),
  rateLimitPerMinute: z.number().int().min(1).nullable().default(null),
  notes: z.string().max(2000).nullable().default(null),
  approvedBy: z.string().nullable().default(null),
  approvedAt: z.string().nullable().default(null),
})
export type TeamApprovalEntry = z.infer<typeof TeamApprovalEntry>

/**
 * One entry of a team repository's `.skilldock/policies.json` (set by a signed commit): a call
 * policy, a role (its allow patterns; clients are assigned locally), or a team skill's sandbox limits.
 */
export const SharedEntry = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('policy'),
      skill: NamePattern,
      tool: NamePattern.default('*'),
      kind: PolicyKind,
      timeoutSeconds: z.number().int().min(1).max(86_400).default(300),
    })
    .strict(),
  z
    .object({ type: z.literal('role'), name: RoleName, allow: z.array(PermissionPattern).min(1).max(200) })
    .strict(),
  z
    .object({
      type: z.literal('limits'),
      skill: z.string().min(1).max(200),
      cpuSeconds: z.number().int().optional(),
      memoryMb: z.number().int().optional(),
      processes: z.number().int().optional(),
    })
    .strict(),
])
export type SharedEntry = z.infer<typeof SharedEntry>

/** A shared policy, role or limit of a team and whether this machine applies it (and why not). */
export const SharedStatus = z.object({
  /** `policy:<skill>/<tool>:<kind>`, `role:<name>` or `limits:<skill>`. */
  key: z.string(),
  applied: z.boolean(),
  signer: z.string().nullable(),
  commit: z.string().nullable(),
  reason: z.string(),
})
export type SharedStatus = z.infer<typeof SharedStatus>

/** Why a team skill is or is not active on this machine. */
export const TeamSkillStatus = z.object({
  team: z.string(),
  name: z.string(),
  /** The library state (`active`, `pending`, `changed`…), or null when not installed. */
  state: z.string().nullable(),
  /** True when it runs on the strength of the team's signed approval. */
  teamApproved: z.boolean(),
  trust: TrustLevel.nullable(),
  signer: z.string().nullable(),
  commit: z.string().nullable(),
  reason: z.string(),
})
export type TeamSkillStatus = z.infer<typeof TeamSkillStatus>

export const TeamInfo = z.object({
  name: z.string(),
  url: z.string(),
  ref: z.string().nullable(),
  /** The git source that carries the team's skills. */
  source: z.string(),
  /** The first self-signed commit of allowed_signers, pinned at join. */
  genesis: z.string().nullable(),
  head: z.string().nullable(),
  /** The principals of the verified allowed_signers at the head: whose signatures members trust. */
  admins: z.array(z.string()),
  /** Shared policies, roles and limits: the signed ones applied, the others ignored with the reason. */
  shared: z.array(SharedStatus),
  problems: z.array(z.string()),
})
export type TeamInfo = z.infer<typeof TeamInfo>

export const TeamStatus = z.object({
  teams: z.array(TeamInfo),
  skills: z.array(TeamSkillStatus),
  /** Team sources the managed policy requires that are not joined. */
  missingRequired: z.array(z.string()),
})
export type TeamStatus = z.infer<typeof TeamStatus>

/** A skill published for approval: a `request/<skill>` branch of the team repository. */
export const TeamRequest = z.object({
  team: z.string(),
  branch: z.string(),
  skill: z.string(),
  commit: z.string(),
  author: z.string(),
  date: z.string(),
  fingerprint: z.string().nullable(),
})
export type TeamRequest = z.infer<typeof TeamRequest>

/** The machine-wide managed policy, as read (null fields: not enforced). */
export const ManagedPolicy = z.object({
  /** Where it was read from; null when no file is present. */
  path: z.string().nullable(),
  governanceMode: GovernanceMode.nullable(),
  requiredTeams: z.array(
    z.object({
      name: z.string(),
      url: z.string(),
      ref: z.string().nullable(),
      /** The repository is on a private or loopback host, or a local path. */
      allowLocal: z.boolean(),
    }),
  ),
  /** URL prefixes a source must start with; null: any source. */
  allowedSources: z.array(z.string()).nullable(),
  /** False: only team skills may run. */
  personalSkills: z.boolean(),
  problems: z.array(z.string()),
})
export type ManagedPolicy = z.infer<typeof ManagedPolicy>

const TeamName = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and "-"')

/** Team mode routes; spread into the route map. */
export const teamRoutes = {
  /** Joins a team: adds its repository as a git source `team-<name>`, syncs it and verifies its signatures. */
  'team.join': {
    input: z
      .object({
        url: z.string().min(1).max(4096),
        ref: z.string().min(1).max(255).optional(),
        name: TeamName.optional(),
        allowLocal: z.boolean().optional(),
      })
      .strict(),
    output: TeamStatus,
  },
  /** Each team skill and why it is or is not active (no fetch). */
  'team.status': { input: z.object({}).strict(), output: TeamStatus },
  /** Fetches every team (or one), syncs its source and applies its signed approvals. */
  'team.sync': { input: z.object({ name: z.string().optional() }).strict(), output: TeamStatus },
  /** Forgets a team: its source is removed (installed skills stay, orphaned) with its mirrors. */
  'team.leave': { input: z.object({ name: z.string().min(1) }).strict(), output: TeamStatus },
  /** Admin: signs an approval of a team skill's current files (with `key` or git's signing key). */
  'team.approve': {
    input: z
      .object({
        skill: z.string().min(1).max(200),
        team: z.string().optional(),
        trust: TrustLevel.optional(),
        allowedClients: z.array(z.string().min(1)).optional(),
        rateLimitPerMinute: z.number().int().min(1).max(100_000).optional(),
        notes: z.string().max(2000).optional(),
        key: z.string().min(1).optional(),
        push: z.boolean().optional(),
      })
      .strict(),
    output: z.object({
      team: z.string(),
      skill: z.string(),
      commit: z.string(),
      pushed: z.boolean(),
      entry: TeamApprovalEntry,
    }),
  },
  /** Admin: signs a shared policy, role or sandbox limits into the team repository (or its removal). */
  'team.share': {
    input: z
      .object({
        entry: SharedEntry.optional(),
        /** The key of an entry to withdraw instead (`role:readers`…). */
        remove: z.string().min(1).max(500).optional(),
        team: z.string().optional(),
        key: z.string().min(1).optional(),
        push: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ team: z.string(), key: z.string(), commit: z.string(), pushed: z.boolean() }),
  },
  /** Copies a local skill into the team repository on a `request/<skill>` branch and pushes it; never approves. */
  'team.publish': {
    input: z.object({ skill: z.string().min(1).max(200), team: z.string().optional() }).strict(),
    output: z.object({ team: z.string(), branch: z.string(), commit: z.string() }),
  },
  /** Admin: approval requests waiting on `request/*` branches. */
  'team.requests': {
    input: z.object({ team: z.string().optional() }).strict(),
    output: z.array(TeamRequest),
  },
  /** The managed policy in force on this machine. */
  'policy.managed': { input: z.object({}).strict(), output: ManagedPolicy },
}
