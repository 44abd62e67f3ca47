import { z } from 'zod'
import type { ToolInfo } from '../../contract/models'
import type { LlmProvider } from '../generator/providers'

/** One option the model may pick. */
export interface ModelCandidate {
  skill: string
  description: string
  tool: ToolInfo | null
}

export interface ModelChoice {
  skill: string
  tool: string | null
  arguments: Record<string, unknown>
  tokens: number
}

/** The model's answer failed a check; routing falls back to the lexical choice. */
export type ModelVerdict =
  { ok: true; choice: ModelChoice; tokens: number } | { ok: false; reason: string; tokens: number }

const Answer = z.object({
  skill: z.string(),
  tool: z.string().nullable().optional(),
  arguments: z.record(z.string(), z.unknown()).optional(),
})

const SYSTEM =
  'You route a user request to exactly one tool of the skills listed. Answer with one JSON object and ' +
  'nothing else: {"skill": "<skill name>", "tool": "<tool name or null>", "arguments": {…}}. ' +
  "Arguments must match the tool's input schema; use only values the request states. " +
  'Use tool null only for a skill that has no tools.'

function describe(candidates: ModelCandidate[]): string {
  return candidates
    .map((c, i) =>
      c.tool
        ? `${i + 1}. skill ${c.skill} — ${c.description.slice(0, 300)}\n   tool ${c.tool.name}: ${c.tool.description.split('\n')[0] ?? ''}\n   input schema: ${JSON.stringify(c.tool.inputSchema)}`
        : `${i + 1}. skill ${c.skill} (no tools, instructions only) — ${c.description.slice(0, 300)}`,
    )
    .join('\n')
}

/** The first `{…}` of a reply, tolerating code fences and prose around it. */
function jsonObject(text: string): unknown {
  const start = text.indexOf('{')
  const end = text.lastIndexOf('}')
  if (start < 0 || end <= start) throw new Error('no JSON object in the reply')
  return JSON.parse(text.slice(start, end + 1))
}

/** Checks arguments against a tool's JSON Schema; returns the problems (none when valid). */
export function schemaProblems(schema: Record<string, unknown>, args: Record<string, unknown>): string[] {
  let validator: z.ZodType
  try {
    validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0])
  } catch {
    // A schema zod cannot read: check the required names at least.
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : []
    return required.filter((r) => args[r] === undefined).map((r) => `${r} is required`)
  }
  const result = validator.safeParse(args)
  return result.success
    ? []
    : result.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`)
}

/** Asks the model to choose among the top candidates and fill the arguments; never trusts the answer unchecked. */
export async function askModel(
  provider: LlmProvider,
  query: string,
  candidates: ModelCandidate[],
  maxTokens: number,
): Promise<ModelVerdict> {
  const reply = await provider.complete(
    SYSTEM,
    [{ role: 'user', content: `Request: ${query}\n\nCandidates:\n${describe(candidates)}` }],
    { maxTokens },
  )
  let answer: z.infer<typeof Answer>
  try {
    answer = Answer.parse(jsonObject(reply.text))
  } catch (err) {
    return {
      ok: false,
      reason: `the answer was not the JSON asked for (${(err as Error).message.slice(0, 120)})`,
      tokens: reply.tokens,
    }
  }
  const tool = answer.tool ?? null
  const match = candidates.find((c) => c.skill === answer.skill && (c.tool?.name ?? null) === tool)
  if (!match) {
    return {
      ok: false,
      reason: `it chose ${answer.skill}/${tool ?? '-'}, which is not one of the candidates`,
      tokens: reply.tokens,
    }
  }
  const args = answer.arguments ?? {}
  const problems = match.tool ? schemaProblems(match.tool.inputSchema, args) : []
  if (problems.length > 0) {
    return {
      ok: false,
      reason: `its arguments do not fit the schema (${problems.slice(0, 3).join('; ')})`,
      tokens: reply.tokens,
    }
  }
  return {
    ok: true,
    choice: { skill: match.skill, tool, arguments: args, tokens: reply.tokens },
    tokens: reply.tokens,
  }
}
