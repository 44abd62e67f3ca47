import type { ToolInfo } from '../../contract/models'
import type { RouteStep } from '../../contract/routing'
import { AppError } from '../base/appError'
import { extractArguments, parameters } from './argumentExtractor'
import { askModel, type ModelCandidate, type ModelVerdict } from './modelChooser'
import type { RoutingModel } from './queryRouter'
import type { RankedSkill } from './ranker'

/** How one planned step is scored, filled in and checked with the model (QueryRouter's helpers). */

/** Asks the model; a spent budget or an unreachable provider is a reason to stay lexical, not a failure. */
export async function consult(
  model: RoutingModel,
  query: string,
  offered: ModelCandidate[],
): Promise<ModelVerdict> {
  try {
    const verdict = await askModel(model.provider, query, offered, Math.min(1024, model.allowance()))
    model.record(verdict.tokens)
    return verdict
  } catch (err) {
    return { ok: false, reason: AppError.from(err).message, tokens: 0 }
  }
}

export function extract(
  query: string,
  tool: ToolInfo | null,
): { arguments: Record<string, unknown>; missing: string[] } {
  if (!tool) return { arguments: {}, missing: [] }
  return extractArguments(query, parameters(tool.inputSchema, tool.description))
}

/** How well the query supplies a tool's arguments: 1 when every required one is found (0–1). */
export function argumentFit(query: string, tool: ToolInfo): number {
  const params = parameters(tool.inputSchema, tool.description)
  const required = params.filter((p) => p.required)
  const { arguments: args } = extractArguments(query, params)
  // Each value of the query a tool can use speaks for it: a table name for the tool that takes one.
  const used = Object.keys(args).length * 0.3
  if (required.length === 0) return used
  // Required inputs the query lacks count against a tool as much as the ones it has count for it.
  const present = required.filter((p) => args[p.name] !== undefined).length
  return (2 * present - required.length) / required.length + used
}

/** The argument a pipeline step takes the previous output in: the first required text-like one still missing. */
export function pipedArgument(step: Omit<RouteStep, 'piped'>): string | null {
  return step.missing[0] ?? null
}

/** A person's correction is certain; otherwise how much of the query the skill's own texts cover. */
export function confidenceOf(skill: RankedSkill): number {
  return skill.feedback ? 1 : skill.coverage
}

export const round = (n: number) => Math.round(n * 100) / 100
