import type { ToolCallResult } from '../../contract/models'
import type { CallPolicy, RateLimit } from '../../contract/policies'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { CallContext } from '../runtime/skillRuntime'
import type { CallLog } from '../storage/callLog'
import type { AuditRepository } from '../storage/auditRepository'
import type { CallRequestInbox } from './callRequests'
import { globMatches, patternAllowsCall } from './patterns'
import type { PolicyRepository } from './policyRepository'
import { gateRefusal, OWNER_CLIENT, PerSkillCounter, perSkillLimit, type SkillGateRow } from './skillGate'

/** Who asked for a call; policies, permissions and the audit log see it. */
export type CallOrigin = 'user' | 'mcp' | 'run' | 'compose' | 'schedule' | 'job' | 'webhook'

export interface CallRequest {
  skill: string
  tool: string
  args: Record<string, unknown>
  /** The client name (an MCP client's registered name, or `user` for the person at the app). */
  client: string
  origin: CallOrigin
  /** Ends a wait for approval (the held call is marked expired). */
  signal?: AbortSignal
  /**
   * Called when the call is held for approval and then every few seconds while it waits; the MCP
   * endpoint turns it into progress notifications, which keep clients from timing out.
   */
  onWaiting?: (message: string) => void
  /**
   * For a composite's step: the composites it runs inside of. A step takes the outer call's
   * `signal` and `onWaiting` too (its runner passes them), so a step held for approval keeps
   * telling the outer caller (an MCP client's progress) and ends its wait when that caller gives up.
   */
  composites?: readonly string[]
}

/** How often a held call tells its caller it is still waiting. */
export const WAITING_NOTICE_MS = 10_000

/**
 * The one path every tool call takes (routes, MCP endpoint, `run`, compositions, schedules, jobs,
 * webhooks): permissions, rate limits and call policies are applied here, then the runtime runs it.
 */
export interface CallPipeline {
  call(request: CallRequest): Promise<ToolCallResult>
  /**
   * Why a call of the skill by this client would be refused by the skill's own row (unknown,
   * switched off, changed, restricted, deprecated), or null; counts, records and stops nothing.
   */
  refusal(skill: string, client: string, origin: CallOrigin): AppError | null
}

export interface CallPipelineDeps {
  runtime: {
    call(
      skill: string,
      tool: string,
      args: Record<string, unknown>,
      client: string,
      context: CallContext,
    ): Promise<ToolCallResult>
    /** Its process state here: a skill this process disabled after a crash loop says why. */
    status?(skill: string): readonly { state: string; recentCrashes: number; lastError: string | null }[]
  }
  policies: PolicyRepository
  requests: CallRequestInbox
  audit: AuditRepository
  /** Metrics rows: calls a policy stopped count as errors there, without a latency. */
  callLog?: CallLog
  clock: Clock
  /** The skill's row, read on every call (another process may have disabled or changed it). */
  gate: { read(name: string): SkillGateRow | null }
  /** Stops a skill's running process (another process disabled, deprecated or changed it). */
  stop: (skill: string) => Promise<unknown>
}

/** A duration for people: "5 minutes", "1 hour", "90 seconds". */
export function describeSeconds(seconds: number): string {
  const unit = (n: number, name: string) => `${n} ${name}${n === 1 ? '' : 's'}`
  if (seconds % 86_400 === 0) return unit(seconds / 86_400, 'day')
  if (seconds % 3600 === 0) return unit(seconds / 3600, 'hour')
  if (seconds % 60 === 0) return unit(seconds / 60, 'minute')
  return unit(seconds, 'second')
}

/** "per minute", "per 5 minutes". */
export function describeWindow(seconds: number): string {
  const text = describeSeconds(seconds)
  return text.startsWith('1 ') ? `per ${text.slice(2)}` : `per ${text}`
}

/** The policies matching a call; a dry run wins over an approval (nothing runs either way). */
export function matchPolicy(policies: readonly CallPolicy[], skill: string, tool: string): CallPolicy | null {
  const matching = policies.filter((p) => globMatches(p.skill, skill) && globMatches(p.tool, tool))
  return matching.find((p) => p.kind === 'dry_run') ?? matching[0] ?? null
}

const errorResult = (text: string): ToolCallResult => ({ content: [{ type: 'text', text }], isError: true })

export function createCallPipeline(deps: CallPipelineDeps): CallPipeline {
  const audit = (request: CallRequest, outcome: string, detail: Record<string, unknown>) => {
    const at = isoNow(deps.clock)
    deps.callLog?.record(
      { skill: request.skill, tool: request.tool, client: request.client, outcome, durationMs: null },
      at,
    )
    deps.audit.append(
      {
        actor: request.client,
        action: 'tool.call',
        skillName: request.skill,
        client: request.client,
        outcome,
        detail: { tool: request.tool, durationMs: 0, origin: request.origin, ...detail },
      },
      at,
    )
  }

  const perSkill = new PerSkillCounter()

  /** The supervisor's account of a crash loop that disabled the skill in this process, if that is why. */
  const crashLoopError = (skill: string): AppError | null => {
    const [status] = deps.runtime.status?.(skill) ?? []
    if (status?.state !== 'disabled') return null
    return new AppError(
      'SKILL_START_FAILED',
      `${skill} was disabled after ${status.recentCrashes} crashes: ${status.lastError ?? 'unknown error'}. ` +
        `Fix it, then run \`skilldock enable ${skill}\`.`,
    )
  }

  /**
   * The skill's state, pins, allow-list and deprecation, from its row in the shared database: for
   * every origin, and for each step of a composite with the client that called the composite.
   * A skill that may not run any more has its process stopped before the call is refused.
   */
  const checkSkill = async (request: CallRequest): Promise<SkillGateRow> => {
    const row = deps.gate.read(request.skill)
    const refusal = gateRefusal(row, request)
    if (!refusal) return row as SkillGateRow
    if (row?.state === 'disabled') refusal.error = crashLoopError(request.skill) ?? refusal.error
    audit(request, 'denied', { reason: refusal.reason })
    if (refusal.stop) await deps.stop(request.skill).catch(() => undefined)
    throw refusal.error
  }

  /** The skill's own calls-per-minute budget of each client (restricted skills have one by default). */
  const checkSkillLimit = (request: CallRequest, row: SkillGateRow) => {
    const limit = perSkillLimit(row)
    // The person's own calls are not limited; their jobs, schedules and composites are.
    if (limit === null || (request.origin === 'user' && request.client === OWNER_CLIENT)) return
    const retry = perSkill.admit(row.name, request.client, limit, deps.clock.now().getTime())
    if (retry === null) return
    audit(request, 'rate_limited', { limitPerMinute: limit })
    throw new AppError(
      'RATE_LIMITED',
      `Rate limit exceeded: ${row.name} allows ${limit} call${limit === 1 ? '' : 's'} per minute for client "${request.client}". Try again in ${retry} s.`,
      { skill: row.name, limitPerMinute: limit, retryAfterSeconds: retry },
    )
  }

  const checkPermission = (request: CallRequest) => {
    const role = deps.policies.roleOf(request.client)
    if (!role || role.allow.some((p) => patternAllowsCall(p, request.skill, request.tool))) return
    audit(request, 'denied', { reason: 'permission', role: role.name })
    throw new AppError(
      'UNAUTHORIZED',
      `Client '${request.client}' may not call ${request.skill}/${request.tool}: its role '${role.name}' does not allow it. ` +
        `Ask the owner to allow it (\`skilldock role add ${role.name} --allow ${request.skill}/${request.tool} --replace …\`).`,
      { client: request.client, role: role.name },
    )
  }

  const checkLimits = (request: CallRequest) => {
    const limits = deps.policies.limitsFor(request.skill, request.client)
    if (limits.length === 0) return
    const now = deps.clock.now().getTime()
    const spent = deps.policies.admit(limits, now)
    if (!spent) return
    const retry = Math.max(1, Math.ceil((spent.oldestMs + spent.limit.windowSeconds * 1000 - now) / 1000))
    audit(request, 'rate_limited', { limitId: spent.limit.id })
    throw new AppError('RATE_LIMITED', limitMessage(spent.limit, retry), {
      scope: spent.limit.scope,
      target: spent.limit.target,
      maxCalls: spent.limit.maxCalls,
      windowSeconds: spent.limit.windowSeconds,
      retryAfterSeconds: retry,
    })
  }

  const dryRun = (request: CallRequest, policy: CallPolicy): ToolCallResult => {
    audit(request, 'dry_run', { policyId: policy.id })
    const plan = {
      dryRun: true,
      skill: request.skill,
      tool: request.tool,
      arguments: request.args,
      policy: { id: policy.id, skill: policy.skill, tool: policy.tool, kind: policy.kind },
    }
    const text = [
      `Dry run: the call to ${request.skill}/${request.tool} was not executed (policy #${policy.id}, ${policy.skill}/${policy.tool}).`,
      `It would run with the arguments: ${JSON.stringify(request.args)}`,
    ].join('\n')
    return { content: [{ type: 'text', text }], structuredContent: plan }
  }

  const awaitApproval = async (request: CallRequest, policy: CallPolicy): Promise<ToolCallResult | null> => {
    const started = deps.clock.now().getTime()
    const held = deps.requests.create({
      skill: request.skill,
      tool: request.tool,
      args: request.args,
      client: request.client,
      origin: request.origin,
      policyId: policy.id,
      timeoutSeconds: policy.timeoutSeconds,
    })
    deps.audit.append(
      {
        actor: request.client,
        action: 'call.held',
        skillName: request.skill,
        client: request.client,
        outcome: 'pending',
        detail: { tool: request.tool, requestId: held.id, policyId: policy.id },
      },
      isoNow(deps.clock),
    )
    const short = held.id.slice(0, 8)
    const notice = () =>
      request.onWaiting?.(
        `Waiting for a person to approve the call to ${request.skill}/${request.tool} ` +
          `(\`skilldock calls approve ${short}\`, or the Approvals page).`,
      )
    notice()
    const ticker = request.onWaiting ? setInterval(notice, WAITING_NOTICE_MS) : null
    const decided = await deps.requests.wait(held.id, request.signal).finally(() => {
      if (ticker) clearInterval(ticker)
    })
    const waited = { requestId: held.id, waitedMs: deps.clock.now().getTime() - started }
    if (decided?.status === 'approved') return null
    const name = `${request.skill}/${request.tool}`
    if (decided?.status === 'denied') {
      audit(request, 'denied', { ...waited, reason: 'approval', by: decided.decidedBy })
      const reason = decided.reason ? `: ${decided.reason}` : ' (no reason given)'
      return errorResult(`The call to ${name} was denied by ${decided.decidedBy ?? 'the owner'}${reason}`)
    }
    audit(request, 'expired', waited)
    return errorResult(
      `The call to ${name} was not approved within ${describeSeconds(policy.timeoutSeconds)}; call again and ask ` +
        'the owner to approve pending calls with `skilldock calls approve <id>` while it waits.',
    )
  }

  const call = async (request: CallRequest): Promise<ToolCallResult> => {
    const row = await checkSkill(request)
    checkPermission(request)
    const policy = matchPolicy(deps.policies.policies(), request.skill, request.tool)
    if (policy?.kind === 'dry_run') return dryRun(request, policy)
    checkSkillLimit(request, row)
    checkLimits(request)
    // The person at the app is the approver: their own calls are not held for themselves.
    if (policy?.kind === 'requires_approval' && request.origin !== 'user') {
      const refused = await awaitApproval(request, policy)
      if (refused) return refused
      // The wait may have been long: what was true of the skill before it may not be now.
      await checkSkill(request)
    }
    // The request carries the call's context (origin, signal, waiting notices, composites) itself.
    return deps.runtime.call(request.skill, request.tool, request.args, request.client, request)
  }

  return {
    refusal: (skill, client, origin) =>
      gateRefusal(deps.gate.read(skill), { skill, client, origin })?.error ?? null,
    call,
  }
}

function limitMessage(limit: RateLimit, retryAfterSeconds: number): string {
  const who = limit.scope === 'client' ? `client '${limit.target}'` : `skill '${limit.target}'`
  return (
    `Rate limit of ${limit.maxCalls} call${limit.maxCalls === 1 ? '' : 's'} ${describeWindow(limit.windowSeconds)} ` +
    `for ${who} reached; try again in ${retryAfterSeconds} s.`
  )
}
