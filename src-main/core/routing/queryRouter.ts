import type { SkillSummary, ToolInfo } from '../../contract/models'
import type { RouteCandidate, RouteFeedback, RouteMode, RoutePlan, RouteStep } from '../../contract/routing'
import { AppError } from '../base/appError'
import type { LlmProvider } from '../generator/providers'
import { parameters } from './argumentExtractor'
import { givenArgumentsFit } from './givenArguments'
import type { ModelCandidate } from './modelChooser'
import { rankSkills, rankTools, type RankedSkill, type SkillDocument } from './ranker'
import { argumentFit, confidenceOf, consult, extract, pipedArgument, round } from './stepScoring'

/** What the router reads of the catalog and the runtime. */
export interface RouterSources {
  /** Switched-on, valid, eligible, non-deprecated skills. */
  usable(): SkillSummary[]
  /**
   * Switched-on, valid, non-deprecated skills whose requirements are missing here (a binary not on
   * PATH…), with why. They are ranked with the rest so a query they fit answers "no match" naming
   * them, instead of the next-best skill that does something else; they are never planned to run.
   */
  unavailable(): { skill: SkillSummary; reason: string }[]
  search(query: string, limit: number): { name: string; score: number }[]
  instructions(name: string): { instructions: string; declaredTools: string[] }
  cachedTools(names: string[]): Map<string, ToolInfo[]>
  /** Asks the skill's server for its tools (one handshake; cached afterwards). */
  discoverTools(name: string): Promise<ToolInfo[]>
  feedback(): RouteFeedback[]
}

/** A model to consult, with its token allowance for this request. */
export interface RoutingModel {
  provider: LlmProvider
  /** Tokens this request may spend; throws BUDGET_EXCEEDED when a budget is spent. */
  allowance(): number
  record(tokens: number): void
}

export interface PlanOptions {
  mode?: RouteMode
  tags?: string[]
  arguments?: Record<string, unknown>
  model?: RoutingModel | null
  /** Why a configured model could not be asked (no key…); shown as a reason of every step. */
  modelUnavailable?: string
  /** A role's view of the catalog: only what it allows is a candidate. */
  role?: { name: string; allowSkill(skill: string): boolean; allowTool(skill: string, tool: string): boolean }
}

/**
 * Below this confidence (the share of the query's words a skill's own texts cover) routing answers
 * "no skill fits" instead of a guess. Measured on resources/routing/golden.json: the queries no
 * bundled skill serves reach at most 0.33, the ones a skill serves at least 0.38.
 */
export const MATCH_THRESHOLD = 0.35

/** A part no candidate fits: the nearest ones. */
interface NoFit {
  noFit: true
  closest: RouteCandidate[]
  /** The skill that fits best but cannot run here, and why. */
  blocked?: { skill: string; reason: string }
}

/** One skill/tool pair considered for a step. */
interface Option {
  skill: RankedSkill
  tool: ToolInfo | null
  score: number
  matched: string[]
}

/** Skills whose tools are looked at closely (and started once when their tools are unknown). */
const SHORTLIST = 3
/** Above this many usable skills, only the catalog search's hits (and feedback targets) are scored. */
const LARGE_CATALOG = 60
/** Candidates (skill/tool pairs) offered to the model. */
const MODEL_CANDIDATES = 6

/** Splits a query into the parts of a pipeline ("then", "and then", "|") or of a parallel run. */
export function splitQuery(query: string, mode: RouteMode): string[] {
  if (mode === 'single') return [query.trim()]
  const separator =
    mode === 'pipeline'
      ? /\s*(?:\|(?!\|)|;|,?\s+and then\s+|,?\s+then\s+)\s*/i
      : /\s*(?:\|(?!\|)|;|\n|,?\s+and also\s+|,?\s+and\s+)\s*/i
  return query
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
}

/** Finds the best skill and tool for plain-language queries. */
export class QueryRouter {
  constructor(private readonly sources: RouterSources) {}

  async plan(query: string, options: PlanOptions = {}): Promise<RoutePlan> {
    const mode = options.mode ?? 'single'
    const parts = splitQuery(query, mode)
    if (parts.length === 0) throw new AppError('INVALID_INPUT', 'The query is empty; say what you want done.')
    const candidates = this.candidates(options.tags, options.role)
    const blocked = this.blocked(options.tags, options.role)
    const feedback = this.sources.feedback()
    const steps: RouteStep[] = []
    const base = { query, mode, model: options.model ? options.model.provider.label : null }
    const role = options.role?.name ?? null
    for (const [index, part] of parts.entries()) {
      // The person's --args pick among tools only when the query is one step (across steps each takes its own).
      const givenNames = parts.length === 1 ? Object.keys(options.arguments ?? {}) : []
      const planned = await this.planStep(
        part,
        candidates,
        blocked,
        feedback,
        options.model ?? null,
        options.role,
        givenNames,
      )
      if ('noFit' in planned) {
        const which = parts.length > 1 ? `part ${index + 1} ("${part}")` : `"${part}"`
        return {
          ...base,
          match: false,
          reason: planned.blocked
            ? `${planned.blocked.skill} fits ${which} but is not usable here: ${planned.blocked.reason}. Nothing will run. Provide what it needs (\`skilldock show ${planned.blocked.skill}\`) and ask again.`
            : `No skill fits ${which} well enough (confidence below ${MATCH_THRESHOLD}). Nothing will run. Rephrase it with the names of things a skill works on, pick one with --args after \`skilldock search\`, or record a capability gap with \`skilldock gaps add\`.`,
          closest: planned.closest,
          steps: [],
          role,
        }
      }
      const { accepts, ...step } = planned
      const piped = mode === 'pipeline' && index > 0 ? pipedArgument(step) : null
      // In a single step the person's arguments all apply; across several, each step takes the ones its tool has.
      const given = Object.entries(options.arguments ?? {}).filter(
        ([name]) => parts.length === 1 || accepts(name),
      )
      const args = { ...step.arguments, ...Object.fromEntries(given) }
      if (options.modelUnavailable)
        step.reasons.unshift(`the model was not asked: ${options.modelUnavailable}`)
      steps.push({
        ...step,
        arguments: args,
        piped,
        missing: step.missing.filter((m) => m !== piped && args[m] === undefined),
      })
    }
    return { ...base, match: true, reason: null, closest: [], steps, role }
  }

  private candidates(tags: string[] | undefined, role: PlanOptions['role']): SkillSummary[] {
    const usable = this.sources.usable().filter((s) => !role || role.allowSkill(s.name))
    const wanted = tags?.map((t) => t.toLowerCase())
    const matching = wanted
      ? usable.filter((s) => s.tags.some((t) => wanted.includes(t.toLowerCase())))
      : usable
    if (matching.length === 0) {
      throw new AppError(
        'NOT_FOUND',
        role && usable.length === 0
          ? `Role ${role.name} allows no usable skill. Run \`skilldock role list\` to see what it allows.`
          : wanted
            ? `No usable skill is tagged ${wanted.join(' or ')}. Run \`skilldock list\` to see skills and their tags.`
            : 'No skill is switched on and usable here. Run `skilldock list` and enable one.',
      )
    }
    return matching
  }

  /** Unavailable skills the person could otherwise use (role and tags applied), name -> why. */
  private blocked(
    tags: string[] | undefined,
    role: PlanOptions['role'],
  ): Map<string, SkillSummary & { why: string }> {
    const wanted = tags?.map((t) => t.toLowerCase())
    return new Map(
      this.sources
        .unavailable()
        .filter(({ skill }) => !role || role.allowSkill(skill.name))
        .filter(({ skill }) => !wanted || skill.tags.some((t) => wanted.includes(t.toLowerCase())))
        .map(({ skill, reason }) => [skill.name, { ...skill, why: reason }]),
    )
  }

  private async planStep(
    query: string,
    usable: SkillSummary[],
    blocked: Map<string, SkillSummary & { why: string }>,
    feedback: RouteFeedback[],
    model: RoutingModel | null,
    role: PlanOptions['role'],
    given: string[],
  ): Promise<(Omit<RouteStep, 'piped'> & { accepts: (name: string) => boolean }) | NoFit> {
    const candidates = [...usable, ...blocked.values()]
    const hits = new Map(this.sources.search(query, 50).map((h) => [h.name, h.score]))
    // A large catalog: read closely only what the search found and what people pointed queries to.
    const pointed = new Set(feedback.map((f) => f.skill))
    const pool =
      candidates.length > LARGE_CATALOG
        ? candidates.filter((s) => hits.has(s.name) || pointed.has(s.name))
        : candidates
    const docs: SkillDocument[] = pool.map((s) => ({
      name: s.name,
      description: s.description,
      tags: s.tags,
      category: s.category,
      ...this.sources.instructions(s.name),
      searchScore: hits.get(s.name) ?? 0,
    }))
    const ranked = rankSkills(query, docs, feedback)
    const shortlist = ranked.slice(0, SHORTLIST)
    const tools = await this.toolsOf(
      shortlist.map((r) => r.name),
      (name) => blocked.has(name),
    )
    const options = shortlist.flatMap((skill): Option[] => {
      const skillTools = (tools.get(skill.name) ?? []).filter(
        (t) => !role || role.allowTool(skill.name, t.name),
      )
      if (skillTools.length === 0) return [{ skill, tool: null, score: skill.score, matched: [] }]
      return rankTools(
        query,
        skillTools,
        (tool) => argumentFit(query, tool),
        skill.feedback?.tool ?? null,
      ).map((t) => ({ skill, tool: t.tool, score: skill.score + 0.5 * t.score, matched: t.matched }))
    })
    // Among skills that fit the query: tools that take exactly the given arguments first, then those
    // that take them all, then by score (a skill below the threshold is never lifted by its arguments).
    const fit = (o: Option) =>
      given.length === 0 ? 0 : confidenceOf(o.skill) < MATCH_THRESHOLD ? -1 : givenArgumentsFit(o.tool, given)
    options.sort((a, b) => fit(b) - fit(a) || b.score - a.score)
    const best = options[0]
    if (!best || confidenceOf(best.skill) < MATCH_THRESHOLD || blocked.has(best.skill.name)) {
      const stopped = best && blocked.get(best.skill.name)
      return {
        noFit: true,
        blocked:
          stopped && confidenceOf(best.skill) >= MATCH_THRESHOLD
            ? { skill: stopped.name, reason: stopped.why }
            : undefined,
        // Only skills that matched something: a zero or negative score is no lead to follow.
        closest: options
          .filter((o) => o.score > 0 && confidenceOf(o.skill) > 0)
          .slice(0, 3)
          .map((o) => ({
            query,
            skill: o.skill.name,
            tool: o.tool?.name ?? null,
            score: round(o.score),
            confidence: round(confidenceOf(o.skill)),
          })),
      }
    }
    const runnable = options.filter((o) => !blocked.has(o.skill.name))
    const alternatives = runnable
      .slice(1, 4)
      .map((o) => ({ skill: o.skill.name, tool: o.tool?.name ?? null, score: round(o.score) }))
    const reasons = [`matched ${best.skill.matched.join(', ') || 'the catalog search'}`]
    if (best.tool && best.matched.length > 0)
      reasons.push(`tool ${best.tool.name} matched ${best.matched.join(', ')}`)
    if (best.tool && fit(best) === 2)
      reasons.push(`tool ${best.tool.name} takes exactly the given arguments (${given.join(', ')})`)
    if (best.skill.feedback)
      reasons.push(`feedback: "${best.skill.feedback.query}" belongs to ${best.skill.name}`)
    let source: RouteStep['source'] = best.skill.feedback ? 'feedback' : 'lexical'
    let choice = { skill: best.skill.name, tool: best.tool, ...extract(query, best.tool) }

    if (model) {
      const offered: ModelCandidate[] = runnable.slice(0, MODEL_CANDIDATES).map((o) => ({
        skill: o.skill.name,
        description: candidates.find((c) => c.name === o.skill.name)?.description ?? '',
        tool: o.tool,
      }))
      const verdict = await consult(model, query, offered)
      if (verdict.ok) {
        const tool =
          offered.find((o) => o.skill === verdict.choice.skill && o.tool?.name === verdict.choice.tool)
            ?.tool ?? null
        const required = tool ? parameters(tool.inputSchema, tool.description).filter((p) => p.required) : []
        choice = {
          skill: verdict.choice.skill,
          tool,
          arguments: verdict.choice.arguments,
          missing: required.filter((p) => verdict.choice.arguments[p.name] === undefined).map((p) => p.name),
        }
        source = 'model'
        reasons.unshift(`the model (${model.provider.label}) chose it among ${offered.length} candidates`)
      } else {
        reasons.unshift(`the model's answer was not used: ${verdict.reason}; the lexical choice stands`)
      }
    }
    const score =
      options.find((o) => o.skill.name === choice.skill && o.tool?.name === choice.tool?.name)?.score ??
      best.score
    return {
      query,
      skill: choice.skill,
      tool: choice.tool?.name ?? null,
      arguments: choice.arguments,
      missing: choice.missing,
      score: round(score),
      confidence: round(
        confidenceOf(options.find((o) => o.skill.name === choice.skill)?.skill ?? best.skill),
      ),
      source,
      reasons,
      alternatives,
      accepts: (name) => {
        const props = choice.tool?.inputSchema.properties
        return !props || typeof props !== 'object' || Object.keys(props).length === 0 || name in props
      },
    }
  }

  /**
   * Cached tools; a skill with a server that never ran is asked once (its tools are cached
   * afterwards), except one that cannot run here (`unstartable`): it is ranked on its declared names.
   */
  private async toolsOf(
    names: string[],
    unstartable: (name: string) => boolean,
  ): Promise<Map<string, ToolInfo[]>> {
    const cached = this.sources.cachedTools(names)
    for (const name of names) {
      if ((cached.get(name) ?? []).length > 0) continue
      const declared = this.sources.instructions(name).declaredTools
      if (declared.length === 0) continue
      try {
        if (unstartable(name)) throw new Error('not started')
        cached.set(name, await this.sources.discoverTools(name))
      } catch {
        // The server would not start: route on the declared names; running it will report why.
        cached.set(
          name,
          declared.map((tool) => ({ name: tool, description: '', inputSchema: { type: 'object' } })),
        )
      }
    }
    return cached
  }
}
