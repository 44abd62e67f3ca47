import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseDocument } from 'yaml'
import type { GoldenCase, GoldenReport, OptimizeFigures, OptimizeResult } from '../../contract/routing'
import { AppError } from '../base/appError'
import type { LlmProvider } from '../generator/providers'
import type { RoutingModel } from './queryRouter'

/** Measures routing on golden cases with one skill's description replaced (null: as it is). */
export type GoldenMeasure = (cases: GoldenCase[], description: string | null) => Promise<GoldenReport>

const MAX_DESCRIPTION = 1024

function figures(description: string, report: GoldenReport): OptimizeFigures {
  return {
    description,
    hitRate: report.hitRate,
    precision: report.precision,
    recall: report.recall,
    hits: report.hits,
    total: report.total,
  }
}

/** Better means: more precise first (a wrong answer costs more than no answer), then more hits. */
function better(a: OptimizeFigures, b: OptimizeFigures): boolean {
  const eps = 1e-9
  if (a.precision > b.precision + eps) return true
  if (a.precision < b.precision - eps) return false
  return a.hitRate > b.hitRate + eps
}

/** SKILL.md with only `description` changed (the rest of the frontmatter and the body as they were). */
export function withDescription(skillMd: string, description: string): string {
  const match = /^(---\r?\n)([\s\S]*?)(\r?\n---\r?\n?)([\s\S]*)$/.exec(skillMd)
  if (!match) throw new AppError('INVALID_SKILL', 'SKILL.md has no frontmatter to put the description in.')
  const doc = parseDocument(match[2]!)
  doc.set('description', description)
  return `${match[1]}${doc.toString().replace(/\n$/, '')}${match[3]}${match[4]}`
}

/**
 * Measures the skill's current description and each variant on the golden queries, each in a view of
 * the catalog where only that description differs, and picks the best variant when it beats the
 * current one. Nothing is written here.
 */
export async function optimizeDescription(input: {
  skill: string
  skillDir: string
  current: string
  cases: GoldenCase[]
  variants: string[]
  measure: GoldenMeasure
}): Promise<OptimizeResult> {
  const variants = [...new Set(input.variants.map((v) => v.trim()))].filter((v) => v !== '')
  const invalid = variants.find((v) => v.length > MAX_DESCRIPTION)
  if (invalid !== undefined) {
    throw new AppError(
      'INVALID_INPUT',
      `A variant is ${invalid.length} characters long; descriptions may have at most ${MAX_DESCRIPTION}. Shorten it.`,
    )
  }
  if (variants.length === 0)
    throw new AppError('INVALID_INPUT', 'No variant to measure: give at least one non-empty description.')
  const baseline = figures(input.current, await input.measure(input.cases, null))
  const measured: OptimizeFigures[] = []
  for (const v of variants) measured.push(figures(v, await input.measure(input.cases, v)))
  let winner: number | null = null
  for (const [i, m] of measured.entries()) {
    if (better(m, winner === null ? baseline : measured[winner]!)) winner = i
  }
  const skillMd =
    winner === null
      ? null
      : withDescription(readFileSync(join(input.skillDir, 'SKILL.md'), 'utf8'), measured[winner]!.description)
  return { skill: input.skill, baseline, variants: measured, winner, skillMd }
}

/** Asks the model for `count` rewrites of a skill's description, aimed at the golden queries. */
export async function askForVariants(
  model: RoutingModel,
  skill: { name: string; description: string },
  cases: GoldenCase[],
  count: number,
): Promise<string[]> {
  const mine = cases.filter((c) => c.expected?.split('/')[0] === skill.name).map((c) => c.query)
  const others = cases.filter((c) => c.expected?.split('/')[0] !== skill.name).map((c) => c.query)
  const system =
    'You rewrite the description of an agent skill so that a router picks it for the requests it serves ' +
    'and never for others. Say what it does and when to use it, in plain words, at most 1024 characters. ' +
    `Answer with a JSON array of exactly ${count} strings and nothing else.`
  const user = [
    `Skill: ${skill.name}`,
    `Current description: ${skill.description}`,
    `Requests it must serve:\n${mine.map((q) => `- ${q}`).join('\n') || '- (none given)'}`,
    `Requests it must NOT serve:\n${
      others
        .slice(0, 40)
        .map((q) => `- ${q}`)
        .join('\n') || '- (none given)'
    }`,
  ].join('\n\n')
  const answer = await (model.provider as LlmProvider).complete(system, [{ role: 'user', content: user }], {
    maxTokens: Math.min(4000, model.allowance()),
  })
  model.record(answer.tokens)
  const json = /\[[\s\S]*\]/.exec(answer.text)?.[0]
  let parsed: unknown
  try {
    parsed = json ? JSON.parse(json) : null
  } catch {
    parsed = null
  }
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) {
    throw new AppError(
      'LLM_UNAVAILABLE',
      `${model.provider.label} did not answer with a JSON list of descriptions; try again, or give --variant-file.`,
    )
  }
  return (parsed as string[]).slice(0, count)
}
