import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { GenerationResult, GeneratorStage } from '../../contract/generator'
import type { SearchHit, SkillTestReport, ValidationReport } from '../../contract/models'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { CoreEvents } from '../events'
import type { SecretStore } from '../secrets/secretStore'
import type { SettingsStore } from '../settings'
import { writeJsonAtomic } from '../settings'
import type { SkillRepository } from '../storage/skillRepository'
import type { ApprovalInbox } from '../trust/approvalInbox'
import { TokenBudget } from './budget'
import { skillCoverage, skillNameFor } from './intent'
import { describeProblems, firstRequest, parseFiles, repairRequest, systemPrompt, withName } from './prompt'
import { createProvider, type ChatMessage, type LlmProvider } from './providers'
import { type SkillFiles, templateSkill } from './template'

/** At most this many model turns per generation, and this many repair rounds after the first answer. */
export const MAX_MODEL_TURNS = 8
export const MAX_REPAIR_ROUNDS = 4

export interface GeneratorDeps {
  drafts: string
  /** Where generation records (`<name>.json`) and the token usage file live. */
  stateDir: string
  repo: SkillRepository
  search: (query: string, limit: number) => SearchHit[]
  reindex: () => Promise<unknown>
  validate: (dir: string) => ValidationReport
  test: (name: string) => Promise<SkillTestReport>
  inbox: ApprovalInbox
  settings: SettingsStore
  secrets: SecretStore
  events: CoreEvents
  clock: Clock
}

export interface GenerateRequest {
  intent: string
  runId?: string
  requester?: string
  reason?: string
  gapId?: string
}

interface Checked {
  validation: ValidationReport | null
  test: SkillTestReport | null
  problems: string
}

/**
 * The LATM-style pipeline: existing match → staging draft → model (or offline template) →
 * validate + test with repair rounds → scan → draft handed to governance.
 */
export class SkillGenerator {
  private readonly running = new Map<string, AbortController>()

  constructor(private readonly deps: GeneratorDeps) {}

  /** Cancels a running generation; false when no run has that id. */
  cancel(runId: string): boolean {
    const run = this.running.get(runId)
    run?.abort()
    return run !== undefined
  }

  async generate(request: GenerateRequest, signal?: AbortSignal): Promise<GenerationResult> {
    const runId = request.runId ?? randomUUID()
    if (this.running.has(runId))
      throw new AppError('CONFLICT', `A generation with run id ${runId} is running.`)
    const controller = new AbortController()
    const onAbort = () => controller.abort()
    signal?.addEventListener('abort', onAbort, { once: true })
    if (signal?.aborted) controller.abort()
    this.running.set(runId, controller)
    try {
      return await this.run(runId, request, controller.signal)
    } finally {
      this.running.delete(runId)
      signal?.removeEventListener('abort', onAbort)
    }
  }

  private async run(runId: string, request: GenerateRequest, signal: AbortSignal): Promise<GenerationResult> {
    const progress = (stage: GeneratorStage, message: string, round?: number) => {
      if (signal.aborted) throw new AppError('CANCELLED', 'The generation was cancelled.')
      this.deps.events.emit('generator.progress', { runId, stage, message, ...(round ? { round } : {}) })
    }
    const base = { runId, approvalId: null, approvalStatus: null, score: null, template: false, reason: null }
    const empty = { validation: null, test: null, repairRounds: 0, modelTurns: 0, tokens: 0 }
    progress('checking', 'checking governance')
    if (this.deps.inbox.governance().mode === 'locked') {
      throw new AppError(
        'CONFLICT',
        'Governance is locked: SkillDock does not generate skills. Switch to semi_auto (`skilldock governance semi_auto`) to generate.',
      )
    }
    const settings = this.deps.settings.read()
    progress('searching', 'looking for an existing skill')
    const match = this.existingMatch(request.intent, settings.generator.existingMatchThreshold)
    if (match) {
      progress('done', `${match.name} already covers this`)
      return { ...base, ...empty, outcome: 'existing', skill: match.name, score: match.score }
    }
    const provider = await createProvider(settings.llm, this.deps.secrets)
    const name = this.stagingName(request.intent)
    const dir = join(this.deps.drafts, name)
    progress('staging', `staging drafts/${name}`)
    mkdirSync(dir, { recursive: true })
    try {
      const budget = new TokenBudget(
        join(this.deps.stateDir, 'llm-usage.json'),
        this.deps.clock,
        settings.llm.maxTokensPerGeneration,
        settings.llm.dailyTokenBudget,
        settings.llm.monthlyTokenBudget,
      )
      const made = provider
        ? await this.withModel(provider, { name, dir, intent: request.intent, budget, progress, signal })
        : await this.fromTemplate(name, dir, request.intent, progress)
      const counts = {
        repairRounds: made.repairRounds,
        modelTurns: made.modelTurns,
        tokens: budget.spentThisGeneration,
      }
      const record = (result: GenerationResult) => {
        writeJsonAtomic(join(this.deps.stateDir, `${name}.json`), {
          ...request,
          at: isoNow(this.deps.clock),
          result,
        })
        return result
      }
      if (made.problems) {
        progress('done', `failed: the draft stays in drafts/${name} for you to fix`)
        // An offline template is a start for its author, not a skill: it stays a draft, out of the inbox.
        const reason = provider
          ? `The skill did not pass validation and its test after ${made.repairRounds} repair round(s):\n${made.problems}`
          : `No model provider is configured, so drafts/${name} holds an offline template for its author; it was not sent to the approval inbox. ${made.problems}\nWrite the tool body in skill.py, run \`skilldock test ${name}\`, then \`skilldock submit ${name}\`.`
        return record({
          ...base,
          ...counts,
          outcome: 'failed',
          skill: name,
          template: !provider,
          reason,
          validation: made.validation,
          test: made.test,
        })
      }
      progress('scanning', 'scanning the draft')
      const assessment = await this.deps.inbox.assess(dir, 'generated')
      if (!provider && assessment.decision.outcome === 'approve') {
        // A template is never finished work: a person always decides.
        assessment.decision = {
          ...assessment.decision,
          outcome: 'request',
          state: 'pending',
          reason: 'offline template: needs an author',
        }
      }
      progress('submitting', 'handing the draft to governance')
      const reason =
        request.reason ??
        `${provider ? 'generated' : 'offline TEMPLATE (tool not implemented yet) generated'} from the intent "${request.intent}"`
      const { approval } = this.deps.inbox.record(name, assessment, request.requester ?? 'user', reason)
      progress('done', `proposed ${name} (${approval.status})`)
      return record({
        ...base,
        ...counts,
        outcome: 'proposed',
        skill: name,
        approvalId: approval.id,
        approvalStatus: approval.status,
        template: !provider,
        reason: !provider
          ? 'offline template: the tool raises "not implemented yet" until an author writes it'
          : null,
        validation: made.validation,
        test: made.test,
      })
    } catch (err) {
      const error = AppError.from(err)
      const refused = error.code === 'BUDGET_EXCEEDED' && !existsSync(join(dir, 'SKILL.md'))
      if (signal.aborted || refused) {
        // Cancelled, or refused before the model wrote anything: nothing half-made stays behind.
        rmSync(dir, { recursive: true, force: true })
        await this.deps.reindex()
        if (signal.aborted)
          throw new AppError('CANCELLED', 'The generation was cancelled; its staging draft was removed.')
        throw err
      }
      // A failed generation keeps its draft (the offline template when the model wrote nothing) and a report.
      if (!existsSync(join(dir, 'SKILL.md'))) writeFiles(dir, templateSkill(name, request.intent))
      await this.deps.reindex()
      const report = `${error.message} The draft stays in drafts/${name}; its report is in generator/${name}.json.`
      writeJsonAtomic(join(this.deps.stateDir, `${name}.json`), {
        ...request,
        at: isoNow(this.deps.clock),
        result: { ...base, ...empty, outcome: 'failed', skill: name, reason: report, error: error.code },
      })
      throw new AppError(error.code, report, error.details)
    }
  }

  /**
   * The best skill that already covers the intent: the catalog's search finds candidates (and the
   * intent's own words as a fallback), then each is read with its tool names and descriptions.
   */
  private existingMatch(intent: string, threshold: number): { name: string; score: number } | null {
    let best: { name: string; score: number } | null = null
    const names = new Set(this.deps.search(intent, 10).map((h) => h.name))
    // BM25 over the whole phrase can miss a skill named by one of its words ("profile csv files").
    for (const word of intent.match(/[\p{L}\p{N}]{3,}/gu) ?? [])
      for (const hit of this.deps.search(word, 5)) names.add(hit.name)
    const tools = this.deps.repo.toolsByName([...names])
    for (const name of names) {
      const record = this.deps.repo.find(name)
      if (!record || record.origin === 'draft' || record.state === 'rejected' || !record.valid) continue
      const served = tools.get(name) ?? []
      const text = [
        name.replace(/-/g, ' '),
        record.description,
        record.tags.join(' '),
        record.declaredTools.join(' '),
        ...served.map((t) => `${t.name} ${t.description}`),
      ].join(' ')
      const score = skillCoverage(intent, text)
      if (score >= threshold && (!best || score > best.score))
        best = { name, score: Number(score.toFixed(3)) }
    }
    return best
  }

  /** A kebab-case name no folder and no indexed skill uses yet. */
  private stagingName(intent: string): string {
    const base = skillNameFor(intent)
    for (let i = 1; ; i++) {
      const name = i === 1 ? base : `${base}-${i}`
      if (!existsSync(join(this.deps.drafts, name)) && !this.deps.repo.findSummary(name)) return name
    }
  }

  private async fromTemplate(name: string, dir: string, intent: string, progress: Progress) {
    progress('generating', 'no model provider configured: writing an offline template')
    writeFiles(dir, templateSkill(name, intent))
    const checked = await this.check(name, dir, progress)
    return { ...checked, repairRounds: 0, modelTurns: 0 }
  }

  private async withModel(
    provider: LlmProvider,
    run: {
      name: string
      dir: string
      intent: string
      budget: TokenBudget
      progress: Progress
      signal: AbortSignal
    },
  ) {
    const { name, dir, intent, budget, progress, signal } = run
    const system = systemPrompt()
    const messages: ChatMessage[] = [{ role: 'user', content: firstRequest(intent, name) }]
    let checked: Checked = { validation: null, test: null, problems: 'no answer from the model' }
    let turns = 0
    let repairs = 0
    while (turns < MAX_MODEL_TURNS) {
      const maxTokens = budget.allowance()
      progress(repairs === 0 ? 'generating' : 'repairing', `asking ${provider.label}`, repairs || undefined)
      const answer = await provider.complete(system, messages, { maxTokens, signal })
      turns++
      budget.record(answer.tokens)
      messages.push({ role: 'assistant', content: answer.text })
      const files = parseFiles(answer.text)
      if (typeof files === 'string') {
        checked = { validation: null, test: null, problems: `- ${files}` }
      } else {
        files['SKILL.md'] = withName(files['SKILL.md'] ?? '', name)
        writeFiles(dir, files)
        checked = await this.check(name, dir, progress, repairs)
      }
      if (!checked.problems || repairs >= MAX_REPAIR_ROUNDS) break
      repairs++
      messages.push({ role: 'user', content: repairRequest(checked.problems) })
    }
    return { ...checked, repairRounds: repairs, modelTurns: turns }
  }

  /** The real validator, then `skilldock test` (syntax, handshake, declared tools, examples). */
  private async check(name: string, dir: string, progress: Progress, round = 0): Promise<Checked> {
    progress('validating', 'validating SKILL.md', round || undefined)
    await this.deps.reindex()
    const validation = this.deps.validate(dir)
    if (!validation.valid) return { validation, test: null, problems: describeProblems(validation, null) }
    progress('testing', `running skilldock test ${name}`, round || undefined)
    const test = await this.deps.test(name)
    return { validation, test, problems: test.passed ? '' : describeProblems(validation, test) }
  }
}

type Progress = (stage: GeneratorStage, message: string, round?: number) => void

const GENERATED = ['SKILL.md', 'skill.py', 'examples.json']

/** Replaces the generated files of a draft (a file the new answer leaves out is removed). */
function writeFiles(dir: string, files: SkillFiles): void {
  for (const file of GENERATED) if (!(file in files)) rmSync(join(dir, file), { force: true })
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
}
