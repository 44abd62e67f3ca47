import type { ToolCallResult } from '../../contract/models'
import type { SkillRuntime } from '../runtime/skillRuntime'

/** Who asked for a call; policies, permissions and the audit log see it. */
export type CallOrigin = 'user' | 'mcp' | 'run' | 'compose' | 'schedule' | 'job' | 'webhook'

export interface CallRequest {
  skill: string
  tool: string
  args: Record<string, unknown>
  /** The client name (an MCP client's registered name, or `user` for the person at the app). */
  client: string
  origin: CallOrigin
  signal?: AbortSignal
}

/**
 * The one path every tool call takes (routes, MCP endpoint, `run`, compositions, schedules, jobs,
 * webhooks): permissions, rate limits and call policies are applied here, then the runtime runs it.
 */
export interface CallPipeline {
  call(request: CallRequest): Promise<ToolCallResult>
}

export function createCallPipeline(deps: { runtime: SkillRuntime }): CallPipeline {
  return {
    call: (request) => deps.runtime.call(request.skill, request.tool, request.args, request.client),
  }
}
