import { performance } from 'node:perf_hooks'
import type { CompositeRun, CompositeStep, CompositeStepRun } from '../../contract/automation'
import type { SkillTestCheck, SkillTestReport, ToolCallResult, ToolInfo } from '../../contract/models'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { CallPipeline } from '../policy/callPipeline'
import type { CallContext } from '../runtime/skillRuntime'
import type { AuditRepository } from '../storage/auditRepository'
import type { SkillRepository } from '../storage/skillRepository'
import { notFound } from '../skills/catalog'
import {
  COMPOSITE_CONCURRENCY,
  COMPOSITE_TOOL,
  type CompositePlan,
  compositeTool,
  planFromFrontmatter,
  stepLabel,
} from './compositeSpec'

export interface CompositeRunnerDeps {
  repo: SkillRepository
  audit: AuditRepository
  clock: Clock
  /** The call pipeline; a getter because the pipeline is built after the runtime that consults us. */
  calls: () => CallPipeline
  /** The skill validator (`validateSkillPath`). */
  validate: (dir: string) => { valid: boolean; errors: { message: string }[] }
}

export interface RunOptions {
  client: string
  /** The call this run is a step of, if any (its composites, signal and waiting notices). */
  context?: CallContext
  dryRun?: boolean
  fromGroup?: number
  groups?: number
}

type Args = Record<string, unknown>

/** How deep composites may nest. */
const MAX_DEPTH = 8

/** Runs composite skills: each step is a call through the pipeline (origin `compose`). */
export class CompositeRunner {
  constructor(private readonly deps: CompositeRunnerDeps) {}

  /**
   * Plans by skill, kept while no connection wrote to the skill tables (`writeVersion`): every tool
   * call asks whether its skill is a composite, and reading the whole record to find out cost more
   * than the rest of the call's checks.
   */
  private readonly plans = new Map<string, { version: string; plan: CompositePlan | null }>()

  /** The plan of a composite skill, or null when the skill is not one. */
  plan(name: string): CompositePlan | null {
    const version = this.deps.repo.writeVersion()
    const hit = this.plans.get(name)
    if (hit?.version === version) return hit.plan
    const record = this.deps.repo.find(name)
    const plan = record ? planFromFrontmatter(record.frontmatter) : null
    if (this.plans.size > 10_000) this.plans.clear()
    this.plans.set(name, { version, plan })
    return plan
  }

  is(name: string): boolean {
    return this.plan(name) !== null
  }

  /** Its single tool. */
  tools(name: string): ToolInfo[] {
    const record = this.deps.repo.find(name)
    return record && planFromFrontmatter(record.frontmatter) ? [compositeTool(record.description)] : []
  }

  /** `skilldock test` of a composite: its SKILL.md, and that every step names an existing tool. */
  test(name: string): SkillTestReport {
    const record = this.deps.repo.find(name)
    const plan = record ? planFromFrontmatter(record.frontmatter) : null
    if (!record || !plan) throw notFound(name)
    const report = this.deps.validate(record.path)
    const checks: SkillTestCheck[] = [
      {
        id: 'manifest',
        label: 'SKILL.md',
        status: report.valid ? 'pass' : 'fail',
        detail: report.valid ? 'valid' : report.errors.map((e) => e.message).join('; '),
      },
    ]
    for (const step of plan.flat()) {
      const target = this.deps.repo.find(step.skill)
      const tools = !target
        ? []
        : planFromFrontmatter(target.frontmatter)
          ? [COMPOSITE_TOOL]
          : [
              ...(this.deps.repo.toolsByName([step.skill]).get(step.skill) ?? []).map((t) => t.name),
              ...target.declaredTools,
            ]
      const label = `step ${stepLabel(step)}`
      checks.push(
        !target
          ? { id: `step:${stepLabel(step)}`, label, status: 'fail', detail: `no skill named ${step.skill}` }
          : tools.length === 0
            ? {
                id: `step:${stepLabel(step)}`,
                label,
                status: 'skip',
                detail: `${step.skill}'s tools are not known yet`,
              }
            : tools.includes(step.tool)
              ? {
                  id: `step:${stepLabel(step)}`,
                  label,
                  status: 'pass',
                  detail: `${step.skill} has ${step.tool}`,
                }
              : {
                  id: `step:${stepLabel(step)}`,
                  label,
                  status: 'fail',
                  detail: `${step.skill} has no tool ${step.tool}`,
                },
      )
    }
    return { skill: name, passed: checks.every((c) => c.status !== 'fail'), checks }
  }

  /** The composite's `run` tool as an MCP tool call: the whole run, as one CallToolResult. */
  async call(
    name: string,
    tool: string,
    args: Args,
    client: string,
    context: CallContext,
  ): Promise<ToolCallResult> {
    if (tool !== COMPOSITE_TOOL) {
      throw new AppError('NOT_FOUND', `${name} is a composite skill; its only tool is "${COMPOSITE_TOOL}".`)
    }
    const run = await this.run(name, args, { client, context })
    const failed = run.steps.find((s) => !s.ok)
    const text = failed
      ? `Step ${failed.skill}/${failed.tool} failed: ${failed.error ?? 'unknown error'}`
      : typeof run.output === 'string'
        ? run.output
        : JSON.stringify(run.output, null, 2)
    return {
      content: [{ type: 'text', text }],
      structuredContent: { output: run.output ?? null, steps: run.steps },
      isError: !run.ok,
    }
  }

  /** Runs the plan (or some of its groups), or with `dryRun` only returns it. */
  async run(name: string, args: Args, options: RunOptions): Promise<CompositeRun> {
    const plan = this.plan(name)
    if (!plan) {
      if (!this.deps.repo.findSummary(name)) throw notFound(name)
      throw new AppError('INVALID_INPUT', `${name} is not a composite skill; call its tools directly.`)
    }
    const from = options.fromGroup ?? 0
    if (from >= plan.length) {
      throw new AppError(
        'INVALID_INPUT',
        `${name} has ${plan.length} step group(s); there is no group ${from}.`,
      )
    }
    if (options.dryRun) {
      return {
        name,
        plan,
        dryRun: true,
        steps: [],
        output: null,
        ok: true,
        next: { group: from, arguments: args },
      }
    }
    // A composite may be a step of another, never of itself.
    const outer = options.context?.composites ?? []
    const chain = [...outer, name].join(' → ')
    if (outer.includes(name)) {
      throw new AppError(
        'INVALID_INPUT',
        `${name} ends up calling itself (${chain}); change its steps so that it does not.`,
      )
    }
    if (outer.length >= MAX_DEPTH) {
      throw new AppError(
        'INVALID_INPUT',
        `Composites are nested more than ${MAX_DEPTH} deep (${chain}); call some of the steps directly instead.`,
      )
    }
    const { signal, onWaiting } = options.context ?? {}
    return this.runPlan(name, plan, from, args, options, { signal, onWaiting, composites: [...outer, name] })
  }

  private async runPlan(
    name: string,
    plan: CompositePlan,
    from: number,
    args: Args,
    options: RunOptions,
    context: CallContext,
  ): Promise<CompositeRun> {
    const end = Math.min(plan.length, from + (options.groups ?? plan.length))
    const steps: CompositeStepRun[] = []
    let carry = args
    let output: unknown = null
    let ok = true
    for (let g = from; g < end && ok; g++) {
      const group = plan[g]!
      const results = await mapLimit(group, COMPOSITE_CONCURRENCY, (step) =>
        this.step(g, step, carry, options.client, context),
      )
      steps.push(...results)
      ok = results.every((r) => r.ok)
      output =
        results.length === 1
          ? results[0]!.output
          : Object.fromEntries(results.map((r) => [`${r.skill}/${r.tool}`, r.output]))
      carry = nextArguments(carry, results)
    }
    this.deps.audit.append(
      {
        actor: options.client,
        action: 'composite.run',
        skillName: name,
        client: options.client,
        outcome: ok ? 'ok' : 'error',
        detail: {
          from,
          groups: end - from,
          steps: steps.map((s) => `${s.skill}/${s.tool}:${s.ok ? 'ok' : 'error'}`),
        },
      },
      isoNow(this.deps.clock),
    )
    return {
      name,
      plan,
      dryRun: false,
      steps,
      output: ok ? output : null,
      ok,
      next: ok && end < plan.length ? { group: end, arguments: carry } : null,
    }
  }

  private async step(
    group: number,
    step: CompositeStep,
    args: Args,
    client: string,
    context: CallContext,
  ): Promise<CompositeStepRun> {
    const startedAt = isoNow(this.deps.clock)
    const start = performance.now()
    let result: ToolCallResult | null = null
    let error: string | null = null
    try {
      result = await this.deps.calls().call({
        skill: step.skill,
        tool: step.tool,
        args,
        client,
        origin: 'compose',
        signal: context.signal,
        onWaiting: context.onWaiting,
        composites: context.composites,
      })
    } catch (err) {
      error = AppError.from(err).message
    }
    const text = result ? textOf(result) : ''
    if (result?.isError) error = text || `${stepLabel(step)} reported an error.`
    return {
      group,
      skill: step.skill,
      tool: step.tool,
      ok: error === null,
      output: result ? outputOf(result, text) : null,
      text,
      error,
      startedAt,
      endedAt: isoNow(this.deps.clock),
      durationMs: Math.round(performance.now() - start),
    }
  }
}

function textOf(result: ToolCallResult): string {
  return result.content
    .filter((c) => c.type === 'text' && typeof c.text === 'string')
    .map((c) => String(c.text))
    .join('\n')
}

const isMap = (v: unknown): v is Args => typeof v === 'object' && v !== null && !Array.isArray(v)

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** structuredContent, else the text as JSON, else the text. */
function outputOf(result: ToolCallResult, text: string): unknown {
  if (result.structuredContent !== undefined) return result.structuredContent
  return parseJson(text) ?? text
}

/** The rule written into every composite's SKILL.md ("How data flows"). */
export function nextArguments(carry: Args, results: readonly CompositeStepRun[]): Args {
  const next: Args = { ...carry }
  for (const r of results) {
    const fields = isMap(r.output) ? r.output : isMap(parseJson(r.text)) ? (parseJson(r.text) as Args) : null
    if (fields) Object.assign(next, fields)
  }
  next.text = results.map((r) => r.text).join('\n\n')
  return next
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
