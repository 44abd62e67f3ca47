import type { policyRoutes } from '../../contract/policies'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { Handlers } from '../dispatch'
import type { CoreEvents } from '../events'
import type { CallLog } from '../storage/callLog'
import type { AuditRepository } from '../storage/auditRepository'
import type { Db } from '../storage/database'
import { type CallPipeline, type CallPipelineDeps, createCallPipeline } from './callPipeline'
import { CallRequestInbox } from './callRequests'
import { ClientPermissions } from './permissions'
import { PolicyRepository } from './policyRepository'
import { SkillGate, type SkillGateRow } from './skillGate'

export { type CallPipeline, type CallOrigin, type CallRequest } from './callPipeline'
export { ClientPermissions } from './permissions'
export { DEFAULT_RESTRICTED_RATE_PER_MINUTE, SkillGate } from './skillGate'

/** The default wait of a call under `requires_approval`. */
export const DEFAULT_APPROVAL_TIMEOUT_SECONDS = 300

export interface PoliciesDeps {
  db: Db
  runtime: CallPipelineDeps['runtime']
  /** Stops a skill's running process (it was disabled, deprecated or changed by another process). */
  stop: CallPipelineDeps['stop']
  audit: AuditRepository
  callLog?: CallLog
  events: CoreEvents
  clock: Clock
  /** Why a machine-wide rule keeps a skill from running (read at every call), or null. */
  blocked?: (row: SkillGateRow) => string | null
}

/** The policy module as the core wires it: the call pipeline, client permissions and their routes. */
export function createPoliciesModule(deps: PoliciesDeps): {
  calls: CallPipeline
  permissions: ClientPermissions
  handlers: Pick<Handlers, keyof typeof policyRoutes>
} {
  const policies = new PolicyRepository(deps.db)
  const requests = new CallRequestInbox(deps.db, deps.events, deps.clock)
  const calls = createCallPipeline({
    runtime: deps.runtime,
    policies,
    requests,
    audit: deps.audit,
    callLog: deps.callLog,
    clock: deps.clock,
    gate: blockable(new SkillGate(deps.db), deps.blocked),
    stop: deps.stop,
  })
  const now = () => isoNow(deps.clock)
  // Open MCP sessions re-read their lists when what clients may see changed (no skill changed itself).
  const rolesChanged = () => deps.events.emit('skills.changed', { names: [] })
  const record = (action: string, detail: Record<string, unknown>, actor = 'user', skill?: string) =>
    deps.audit.append({ actor, action, skillName: skill, outcome: 'ok', detail }, now())

  const handlers: Pick<Handlers, keyof typeof policyRoutes> = {
    'policies.list': () => [...policies.policies()],
    'policies.add': (input) => {
      const policy = policies.addPolicy(
        {
          skill: input.skill,
          tool: input.tool ?? '*',
          kind: input.kind,
          timeoutSeconds: input.timeoutSeconds ?? DEFAULT_APPROVAL_TIMEOUT_SECONDS,
        },
        now(),
      )
      record('policy.add', { id: policy.id, skill: policy.skill, tool: policy.tool, kind: policy.kind })
      return policy
    },
    'policies.remove': ({ id }) => {
      if (!policies.removePolicy(id)) {
        throw new AppError(
          'NOT_FOUND',
          `No policy has the id ${id}. List them with \`skilldock policy list\`.`,
        )
      }
      record('policy.remove', { id })
      return { removed: id }
    },
    'roles.list': () => policies.roles(),
    'roles.add': ({ name, allow, replace }) => {
      if (policies.role(name) && !replace) {
        throw new AppError('CONFLICT', `A role named ${name} exists; add --replace to change its patterns.`)
      }
      policies.saveRole(name, [...new Set(allow)], now())
      record('role.save', { role: name, allow })
      rolesChanged()
      return policies.role(name) as NonNullable<ReturnType<typeof policies.role>>
    },
    'roles.remove': ({ name }) => {
      const role = policies.role(name)
      if (!role)
        throw new AppError('NOT_FOUND', `No role is named ${name}. List them with \`skilldock role list\`.`)
      if (role.clients.length > 0) {
        // Removing the role would give these clients everything their exposure allows.
        throw new AppError(
          'CONFLICT',
          `The role ${name} is assigned to ${role.clients.join(', ')}; give them another role (or --none) with ` +
            '`skilldock clients role <client> <role>` first.',
        )
      }
      policies.removeRole(name)
      record('role.remove', { role: name })
      return { removed: name }
    },
    'roles.clients': () => policies.clientRoles(),
    'roles.assign': ({ client, role }) => {
      if (!policies.clientExists(client)) {
        throw new AppError(
          'NOT_FOUND',
          `No MCP client is named ${client}. List them with \`skilldock clients list\`.`,
        )
      }
      if (role !== null && !policies.role(role)) {
        throw new AppError(
          'NOT_FOUND',
          `No role is named ${role}. Create it with \`skilldock role add ${role} --allow …\`.`,
        )
      }
      policies.assignRole(client, role, now())
      record('client.role', { client, role })
      rolesChanged()
      return policies.clientRoles().find((c) => c.client === client) ?? { client, mode: 'catalog', role }
    },
    'limits.list': () => policies.limits(),
    'limits.set': (input) => {
      const limit = policies.setLimit(input, now())
      record('limit.set', { scope: limit.scope, target: limit.target, maxCalls: limit.maxCalls })
      return limit
    },
    'limits.remove': ({ scope, target }) => {
      const removed = policies.removeLimit(scope, target)
      if (removed) record('limit.remove', { scope, target })
      return { removed }
    },
    'calls.list': ({ status, limit }) => requests.list(status, limit),
    'calls.decide': ({ id, approve, reason, by }) => {
      const decided = requests.decide(id, approve, by ?? 'user', reason)
      record(
        approve ? 'call.approve' : 'call.deny',
        { requestId: decided.id, tool: decided.tool, client: decided.client },
        decided.decidedBy ?? 'user',
        decided.skill,
      )
      return decided
    },
  }
  return { calls, permissions: new ClientPermissions(policies), handlers }
}

/** The gate with a machine-wide rule applied to each row it reads. */
function blockable(
  gate: SkillGate,
  blocked: PoliciesDeps['blocked'],
): { read(name: string): SkillGateRow | null } {
  if (!blocked) return gate
  return {
    read(name) {
      const row = gate.read(name)
      return row ? { ...row, blockedBy: blocked(row) } : null
    },
  }
}
