import { join } from 'node:path'
import type { Approval } from '../../contract/models'
import type { GoldenCase, GoldenReport, RouteMode } from '../../contract/routing'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { Handlers } from '../dispatch'
import { TokenBudget } from '../generator/budget'
import { createProvider } from '../generator/providers'
import type { CallPipeline } from '../policy/callPipeline'
import type { SkillRuntime } from '../runtime/skillRuntime'
import type { SecretStore } from '../secrets/secretStore'
import type { SettingsStore } from '../settings'
import { ENABLED_STATES, type SkillCatalog } from '../skills/catalog'
import type { Db } from '../storage/database'
import { FeedbackRepository } from './feedbackRepository'
import { askForVariants, optimizeDescription } from './optimizer'
import { PlanRunner } from './planRunner'
import { PolicyRepository } from '../policy/policyRepository'
import { patternAllowsCall, patternAllowsSkill } from '../policy/patterns'
import { MATCH_THRESHOLD, QueryRouter, type PlanOptions, type RoutingModel } from './queryRouter'

export { MATCH_THRESHOLD, QueryRouter, splitQuery } from './queryRouter'

type RoutingRouteName =
  | 'route.plan'
  | 'route.run'
  | 'route.replay'
  | 'feedback.add'
  | 'feedback.list'
  | 'metrics.golden'
  | 'optimize.variants'
  | 'optimize.measure'
  | 'optimize.propose'

export interface RoutingDeps {
  db: Db
  catalog: SkillCatalog
  runtime: Pick<SkillRuntime, 'cachedTools' | 'tools'>
  calls: CallPipeline
  settings: SettingsStore
  secrets: SecretStore
  /** The data home: model usage is counted in `<home>/generator/llm-usage.json`, shared with the generator. */
  home: string
  clock: Clock
  /** Stages a skill's new files as an update request; the approved version serves until it is decided. */
  propose: (skill: string, files: { path: string; content: string }[], reason: string) => Promise<Approval>
}

/** Routing, feedback and golden metrics as the core wires them. */
export function createRoutingModule(deps: RoutingDeps): {
  handlers: Pick<Handlers, RoutingRouteName>
  router: QueryRouter
} {
  const feedback = new FeedbackRepository(deps.db)
  /** A router over the catalog; `overlay` replaces one skill's description in its view (optimize). */
  const makeRouter = (overlay?: { skill: string; description: string }) =>
    new QueryRouter({
      usable: () =>
        deps.catalog
          .usable()
          .map((s) => (overlay && s.name === overlay.skill ? { ...s, description: overlay.description } : s)),
      unavailable: () =>
        deps.catalog
          .list()
          .filter((s) => ENABLED_STATES.has(s.state) && s.valid && !s.eligible)
          .map((s) => ({
            skill: overlay && s.name === overlay.skill ? { ...s, description: overlay.description } : s,
            reason: s.ineligibleReasons.join('; '),
          })),
      search: (query, limit) => deps.catalog.search(query, limit),
      instructions: (name) => {
        const detail = deps.catalog.get(name)
        return { instructions: detail.instructions, declaredTools: detail.declaredTools }
      },
      cachedTools: (names) => deps.runtime.cachedTools(names),
      discoverTools: (name) => deps.runtime.tools(name, true),
      feedback: () => feedback.list(),
    })
  const router = makeRouter()
  const runner = new PlanRunner(deps.calls)
  const policies = new PolicyRepository(deps.db)

  /** A role's view of the catalog, read when asked (a role changed a moment ago counts). */
  const roleView = (name: string | undefined): PlanOptions['role'] => {
    if (name === undefined) return undefined
    const role = policies.role(name)
    if (!role) {
      throw new AppError(
        'NOT_FOUND',
        `There is no role named ${name}. Run \`skilldock role list\` to see roles, or \`skilldock role add\` to make one.`,
      )
    }
    return {
      name: role.name,
      allowSkill: (skill) => role.allow.some((p) => patternAllowsSkill(p, skill)),
      allowTool: (skill, tool) => role.allow.some((p) => patternAllowsCall(p, skill, tool)),
    }
  }

  /** The configured model with this request's budget, or null (offline, none configured). */
  const model = async (offline: boolean | undefined): Promise<RoutingModel | null> => {
    if (offline) return null
    const llm = deps.settings.read().llm
    if (llm.provider === 'none') return null
    const provider = await createProvider(llm, deps.secrets)
    if (!provider) return null
    const budget = new TokenBudget(
      join(deps.home, 'generator', 'llm-usage.json'),
      deps.clock,
      llm.maxTokensPerGeneration,
      llm.dailyTokenBudget,
      llm.monthlyTokenBudget,
      'routing request',
    )
    return { provider, allowance: () => budget.allowance(), record: (tokens) => budget.record(tokens) }
  }

  const plan = async (input: {
    query: string
    mode?: RouteMode
    tags?: string[]
    offline?: boolean
    arguments?: Record<string, unknown>
    role?: string
  }) => {
    const role = roleView(input.role)
    // A provider that cannot be built (no key, no model name) leaves routing lexical, with the reason.
    let unavailable: string | undefined
    const chosen = await model(input.offline).catch((err: unknown) => {
      unavailable = AppError.from(err).message
      return null
    })
    return router.plan(input.query, {
      mode: input.mode,
      tags: input.tags,
      arguments: input.arguments,
      model: chosen,
      modelUnavailable: unavailable,
      role,
    })
  }

  /** Why the expected skill cannot be chosen here (missing, switched off, ineligible), or null. */
  const unusable = (expected: string): string | null => {
    const name = expected.split('/')[0] ?? ''
    if (deps.catalog.usable().some((s) => s.name === name)) return null
    try {
      const summary = deps.catalog.summary(name)
      return summary.ineligibleReasons.length > 0
        ? `${name} is not usable here: ${summary.ineligibleReasons.join('; ')}`
        : `${name} is ${summary.state}, not switched on`
    } catch {
      return `there is no skill named ${name}`
    }
  }

  const golden = async (cases: GoldenCase[], using: QueryRouter = router): Promise<GoldenReport> => {
    const results: GoldenReport['results'] = []
    for (const c of cases) {
      let got: string | null = null
      try {
        const step = (await using.plan(c.query, { model: null })).steps[0]
        if (step) got = step.tool ? `${step.skill}/${step.tool}` : step.skill
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err
      }
      const hit =
        c.expected === null
          ? got === null
          : got !== null && (c.expected.includes('/') ? got === c.expected : got.split('/')[0] === c.expected)
      results.push({
        query: c.query,
        expected: c.expected,
        got,
        hit,
        note: hit || c.expected === null ? null : unusable(c.expected),
      })
    }
    const hits = results.filter((r) => r.hit).length
    // Precision: of the answers that named a skill, how many were right; recall: of the queries a
    // skill serves, how many reached it. A router that never says no has poor precision.
    const answered = results.filter((r) => r.got !== null)
    const served = results.filter((r) => r.expected !== null)
    const ratio = (a: number, b: number, empty: number) => (b === 0 ? empty : a / b)
    return {
      total: results.length,
      hits,
      hitRate: ratio(hits, results.length, 0),
      precision: ratio(answered.filter((r) => r.hit).length, answered.length, 1),
      recall: ratio(served.filter((r) => r.hit).length, served.length, 0),
      threshold: MATCH_THRESHOLD,
      results,
    }
  }

  const handlers: Pick<Handlers, RoutingRouteName> = {
    'route.plan': (input) => plan(input),
    'route.run': async (input) => runner.run(await plan(input)),
    'route.replay': ({ plan: saved }) => runner.run(saved),
    'feedback.add': ({ query, expected }) => {
      const [skill = '', tool = null] = expected.split('/')
      const known = deps.catalog.summary(skill)
      if (tool !== null) {
        const tools = deps.runtime.cachedTools([known.name]).get(known.name) ?? []
        const declared = deps.catalog.get(known.name).declaredTools
        if (!tools.some((t) => t.name === tool) && !declared.includes(tool)) {
          throw new AppError(
            'NOT_FOUND',
            `${skill} has no tool named ${tool}. Run \`skilldock tools ${skill}\` to see its tools.`,
          )
        }
      }
      return feedback.add(query, known.name, tool, isoNow(deps.clock))
    },
    'feedback.list': () => feedback.list(),
    'metrics.golden': ({ cases }) => golden(cases),
    'optimize.propose': ({ skill, skillMd, reason }) => {
      const detail = deps.catalog.get(skill)
      const file = detail.files.find((f) => /^skill\.md$/i.test(f.path))?.path ?? 'SKILL.md'
      return deps.propose(detail.name, [{ path: file, content: skillMd }], reason)
    },
    'optimize.variants': async ({ skill, cases, count }) => {
      const detail = deps.catalog.get(skill)
      const chosen = await model(false)
      if (!chosen) {
        throw new AppError(
          'LLM_UNAVAILABLE',
          'No model provider is configured to write variants. Configure one (`skilldock llm set`), or give your own with --variant-file.',
        )
      }
      const variants = await askForVariants(chosen, detail, cases, count)
      return { variants, model: chosen.provider.label }
    },
    'optimize.measure': ({ skill, cases, variants }) => {
      const detail = deps.catalog.get(skill)
      if (!deps.catalog.usable().some((s) => s.name === detail.name)) {
        throw new AppError(
          'CONFLICT',
          `${detail.name} is not usable here (${unusable(detail.name) ?? detail.state}), so routing never picks it; enable it first.`,
        )
      }
      return optimizeDescription({
        skill: detail.name,
        skillDir: detail.path,
        current: detail.description,
        cases,
        variants,
        measure: (c, description) =>
          golden(c, description === null ? router : makeRouter({ skill: detail.name, description })),
      })
    },
  }
  return { handlers, router }
}
