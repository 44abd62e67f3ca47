import { z } from 'zod'

/** A skill or tool pattern: exact names, or globs where `*` matches any run of characters. */
export const NamePattern = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.*-]+$/, 'letters, digits, "_", ".", "-" and the wildcard "*"')

/** A permission pattern: `*`, `<skill>`, `<skill>/*` or `<skill>/<tool>` (globs allowed in both parts). */
export const PermissionPattern = z
  .string()
  .min(1)
  .max(401)
  .regex(
    /^[A-Za-z0-9_.*-]+(\/[A-Za-z0-9_.*-]+)?$/,
    'a pattern such as "*", "skill", "skill/*" or "skill/tool" (globs with "*")',
  )

/** What a call policy does to the calls it matches. */
export const PolicyKind = z.enum(['requires_approval', 'dry_run'])
export type PolicyKind = z.infer<typeof PolicyKind>

/** A call policy: every call whose skill and tool match the patterns gets the policy's treatment. */
export const CallPolicy = z.object({
  id: z.number().int(),
  skill: z.string(),
  tool: z.string(),
  kind: PolicyKind,
  /** How long a call under `requires_approval` waits for a decision. */
  timeoutSeconds: z.number().int(),
  createdAt: z.string(),
})
export type CallPolicy = z.infer<typeof CallPolicy>

/** A named permission set assigned to MCP clients. */
export const Role = z.object({
  name: z.string(),
  allow: z.array(z.string()),
  /** The clients this role is assigned to. */
  clients: z.array(z.string()),
  createdAt: z.string(),
})
export type Role = z.infer<typeof Role>

/** An MCP client and its role (null: no role, the client sees what the skills' exposure allows). */
export const ClientRole = z.object({ client: z.string(), mode: z.string(), role: z.string().nullable() })
export type ClientRole = z.infer<typeof ClientRole>

export const LimitScope = z.enum(['skill', 'client'])
export type LimitScope = z.infer<typeof LimitScope>

/** At most `maxCalls` calls per `windowSeconds` for one skill (all clients) or one client (all skills). */
export const RateLimit = z.object({
  id: z.number().int(),
  scope: LimitScope,
  target: z.string(),
  maxCalls: z.number().int(),
  windowSeconds: z.number().int(),
  createdAt: z.string(),
})
export type RateLimit = z.infer<typeof RateLimit>

export const CallRequestStatus = z.enum(['pending', 'approved', 'denied', 'expired'])
export type CallRequestStatus = z.infer<typeof CallRequestStatus>

/** A call held by a `requires_approval` policy, with its arguments for the person deciding. */
export const CallRequest = z.object({
  id: z.string(),
  skill: z.string(),
  tool: z.string(),
  arguments: z.record(z.string(), z.unknown()),
  client: z.string(),
  origin: z.string(),
  policyId: z.number().int().nullable(),
  status: CallRequestStatus,
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
})
export type CallRequest = z.infer<typeof CallRequest>

export const RoleName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, "_" and "-", starting with a letter or digit')

/** Call policies, roles and client permissions, rate limits, pending call approvals; spread into the route map. */
export const policyRoutes = {
  /** Every call policy, oldest first. */
  'policies.list': { input: z.object({}).strict(), output: z.array(CallPolicy) },
  /** Adds a policy for calls whose skill and tool match the patterns (tool defaults to `*`). */
  'policies.add': {
    input: z
      .object({
        skill: NamePattern,
        tool: NamePattern.optional(),
        kind: PolicyKind,
        timeoutSeconds: z.number().int().min(1).max(86_400).optional(),
      })
      .strict(),
    output: CallPolicy,
  },
  /** Removes a policy; calls already waiting keep waiting. */
  'policies.remove': {
    input: z.object({ id: z.number().int() }).strict(),
    output: z.object({ removed: z.number().int() }),
  },
  /** Every role with its allow patterns and the clients it is assigned to. */
  'roles.list': { input: z.object({}).strict(), output: z.array(Role) },
  /** Creates a role, or replaces the patterns of an existing one with `replace`. */
  'roles.add': {
    input: z
      .object({
        name: RoleName,
        allow: z.array(PermissionPattern).min(1).max(200),
        replace: z.boolean().optional(),
      })
      .strict(),
    output: Role,
  },
  /** Deletes a role no client uses (assign those clients another role or none first). */
  'roles.remove': {
    input: z.object({ name: z.string().min(1).max(64) }).strict(),
    output: z.object({ removed: z.string() }),
  },
  /** Every MCP client with its role. */
  'roles.clients': { input: z.object({}).strict(), output: z.array(ClientRole) },
  /** Assigns a role to an MCP client, or removes its role with `role: null`. */
  'roles.assign': {
    input: z
      .object({ client: z.string().min(1).max(100), role: z.string().min(1).max(64).nullable() })
      .strict(),
    output: ClientRole,
  },
  /** Every rate limit. */
  'limits.list': { input: z.object({}).strict(), output: z.array(RateLimit) },
  /** Sets (creates or replaces) the limit of a skill or a client. */
  'limits.set': {
    input: z
      .object({
        scope: LimitScope,
        target: z.string().min(1).max(200),
        maxCalls: z.number().int().min(1).max(1_000_000),
        windowSeconds: z
          .number()
          .int()
          .min(1)
          .max(31 * 86_400),
      })
      .strict(),
    output: RateLimit,
  },
  /** Removes the limit of a skill or a client. */
  'limits.remove': {
    input: z.object({ scope: LimitScope, target: z.string().min(1).max(200) }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
  /** Calls held for approval, newest first (all statuses unless one is given). */
  'calls.list': {
    input: z
      .object({ status: CallRequestStatus.optional(), limit: z.number().int().min(1).max(500).optional() })
      .strict(),
    output: z.array(CallRequest),
  },
  /** Approves (the call runs) or denies a pending call; `id` may be a unique prefix of at least 4 characters. */
  'calls.decide': {
    input: z
      .object({
        id: z.string().min(4).max(64),
        approve: z.boolean(),
        reason: z.string().max(2000).optional(),
        by: z.string().min(1).max(64).optional(),
      })
      .strict(),
    output: CallRequest,
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

/** Events of held calls: the desktop shell notifies, the Approvals page refreshes. */
export const policyEvents = {
  /** A call waits for a person's approval. */
  'calls.pending': z.object({ id: z.string(), skill: z.string(), tool: z.string(), client: z.string() }),
  /** A held call was approved, denied or expired. */
  'calls.decided': z.object({ id: z.string(), status: CallRequestStatus }),
}
