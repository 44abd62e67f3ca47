import { performance } from 'node:perf_hooks'
import type { ToolCallResult } from '../../contract/models'
import type { RoutePlan, RouteRun, RouteStep, RouteTraceStep } from '../../contract/routing'
import { AppError } from '../base/appError'
import type { CallPipeline } from '../policy/callPipeline'

/** The text of a tool result, as the next pipeline step receives it. */
export function resultText(result: ToolCallResult): string {
  const text = result.content
    .filter((block) => block.type === 'text')
    .map((block) => String(block.text))
    .join('\n')
  if (text !== '') return text
  return result.structuredContent ? JSON.stringify(result.structuredContent) : ''
}

/** Why a step cannot run as planned, or null when it can. */
function blocker(step: RouteStep, args: Record<string, unknown>): string | null {
  if (step.tool === null) {
    return `${step.skill} has no tools; it is guidance for an agent. Read it with \`skilldock show ${step.skill}\`.`
  }
  const missing = step.missing.filter((m) => args[m] === undefined)
  if (missing.length > 0) {
    return `The query does not say ${missing.join(', ')} for ${step.skill}/${step.tool}; add it to the query or pass --args '{"${missing[0]}": …}'.`
  }
  return null
}

/** Runs a plan through the call pipeline (origin `run`, client `user`) and traces every step. */
export class PlanRunner {
  constructor(private readonly calls: CallPipeline) {}

  async run(plan: RoutePlan): Promise<RouteRun> {
    // No skill fits: nothing is called, not even a runner-up.
    if (!plan.match) return { plan, trace: [], ok: false, result: null }
    const trace: RouteTraceStep[] = []
    if (plan.mode === 'parallel') {
      trace.push(...(await Promise.all(plan.steps.map((step, i) => this.step(i, step, step.arguments)))))
    } else {
      let previous: ToolCallResult | null = null
      for (const [i, step] of plan.steps.entries()) {
        if (trace.some((t) => t.outcome !== 'ok')) {
          trace.push(skipped(i, step))
          continue
        }
        const args: Record<string, unknown> =
          step.piped !== null && previous !== null
            ? { ...step.arguments, [step.piped]: resultText(previous) }
            : step.arguments
        const done = await this.step(i, step, args)
        trace.push(done)
        previous = done.result
      }
    }
    const ok = trace.every((t) => t.outcome === 'ok')
    const last = plan.mode === 'parallel' ? null : (trace[trace.length - 1]?.result ?? null)
    return { plan, trace, ok, result: last }
  }

  private async step(index: number, step: RouteStep, args: Record<string, unknown>): Promise<RouteTraceStep> {
    const base = { index, skill: step.skill, tool: step.tool, arguments: args }
    const blocked = blocker(step, args)
    if (blocked) return { ...base, durationMs: 0, outcome: 'error', error: blocked, result: null }
    const started = performance.now()
    try {
      const result = await this.calls.call({
        skill: step.skill,
        tool: step.tool!,
        args,
        client: 'user',
        origin: 'run',
      })
      const durationMs = Math.round((performance.now() - started) * 10) / 10
      return {
        ...base,
        durationMs,
        outcome: result.isError ? 'error' : 'ok',
        error: result.isError ? resultText(result).slice(0, 2000) : null,
        result,
      }
    } catch (err) {
      const durationMs = Math.round((performance.now() - started) * 10) / 10
      return { ...base, durationMs, outcome: 'error', error: AppError.from(err).message, result: null }
    }
  }
}

function skipped(index: number, step: RouteStep): RouteTraceStep {
  return {
    index,
    skill: step.skill,
    tool: step.tool,
    arguments: step.arguments,
    durationMs: 0,
    outcome: 'skipped',
    error: 'an earlier step failed',
    result: null,
  }
}
