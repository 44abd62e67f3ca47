import { z } from 'zod'
import { SkillTestReport, ValidationReport } from './models'

/** The stages of one generation, in order (each reported as a `generator.progress` event). */
export const GeneratorStage = z.enum([
  'checking',
  'searching',
  'staging',
  'generating',
  'validating',
  'testing',
  'repairing',
  'scanning',
  'submitting',
  'done',
])
export type GeneratorStage = z.infer<typeof GeneratorStage>

/** Progress of a generation run. */
export const GeneratorProgress = z.object({
  runId: z.string(),
  stage: GeneratorStage,
  message: z.string(),
  /** The repair round (1–4) while repairing, testing or validating a repaired draft. */
  round: z.number().int().optional(),
})
export type GeneratorProgress = z.infer<typeof GeneratorProgress>

/**
 * How a generation ended: `proposed` (a tested draft waits for approval, or was approved
 * automatically), `existing` (a skill already covers the intent) or `failed` (the draft and its
 * last validation/test report are kept for the user to fix).
 */
export const GenerationResult = z.object({
  runId: z.string(),
  outcome: z.enum(['proposed', 'existing', 'failed']),
  skill: z.string().nullable(),
  approvalId: z.string().nullable(),
  /** The approval's status: `pending` (semi_auto), `approved` (full_auto, LOW risk). */
  approvalStatus: z.string().nullable(),
  /** Similarity of the existing match (0–1). */
  score: z.number().nullable(),
  /** True for an offline template: valid and runnable, but its tool is not implemented yet. */
  template: z.boolean(),
  reason: z.string().nullable(),
  validation: ValidationReport.nullable(),
  test: SkillTestReport.nullable(),
  repairRounds: z.number().int(),
  modelTurns: z.number().int(),
  tokens: z.number().int(),
})
export type GenerationResult = z.infer<typeof GenerationResult>

export const LlmProviderKind = z.enum(['none', 'openai-compatible', 'anthropic'])

/** The generator's provider settings; the key itself never leaves the keychain. */
export const LlmConfig = z.object({
  provider: LlmProviderKind,
  baseUrl: z.string().nullable(),
  model: z.string().nullable(),
  maxTokensPerGeneration: z.number().int(),
  dailyTokenBudget: z.number().int(),
  keySet: z.boolean(),
  usedToday: z.number().int(),
})
export type LlmConfig = z.infer<typeof LlmConfig>

/** The model budgets and the tokens spent: today, this month, and by the last request. */
export const LlmBudget = z.object({
  /** Tokens one request (a generation, a routing decision) may spend. */
  perRequest: z.number().int(),
  daily: z.number().int(),
  monthly: z.number().int(),
  usedToday: z.number().int(),
  usedThisMonth: z.number().int(),
  last: z.object({ tokens: z.number().int(), at: z.string(), purpose: z.string() }).nullable(),
})
export type LlmBudget = z.infer<typeof LlmBudget>

/** A capability an agent or a user lacked (the `gaps` table). */
export const Gap = z.object({
  id: z.string(),
  capability: z.string(),
  context: z.string(),
  trigger: z.string(),
  requester: z.string(),
  status: z.enum(['open', 'generating', 'proposed', 'resolved', 'dismissed']),
  occurrences: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Gap = z.infer<typeof Gap>

export const GapDetection = z.object({
  /** The gaps found in the text (new or seen before), de-duplicated. */
  gaps: z.array(Gap),
  /** One generation per gap when governance allowed acting on them. */
  generations: z.array(GenerationResult),
  /** Why nothing was generated, when nothing was. */
  note: z.string().nullable(),
})
export type GapDetection = z.infer<typeof GapDetection>

const Intent = z.string().trim().min(3).max(2000)

/** Routes of the skill generator, its model provider and capability gaps; spread into the route map. */
export const generatorRoutes = {
  /** Generates a skill from an intent (or returns an existing match). Long-running; cancellable by runId. */
  'generator.generate': {
    input: z
      .object({
        intent: Intent,
        runId: z.string().min(1).max(100).optional(),
        requester: z.string().min(1).max(200).optional(),
        reason: z.string().max(2000).optional(),
      })
      .strict(),
    output: GenerationResult,
  },
  /** Cancels a running generation; its staging draft is removed. */
  'generator.cancel': {
    input: z.object({ runId: z.string().min(1) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** The provider settings (never the key). */
  'llm.get': { input: z.object({}).strict(), output: LlmConfig },
  /** Changes the provider settings (written to settings.json). */
  'llm.set': {
    input: z
      .object({
        provider: LlmProviderKind.optional(),
        baseUrl: z.string().url().nullable().optional(),
        model: z.string().min(1).nullable().optional(),
        maxTokensPerGeneration: z.number().int().min(1000).optional(),
        dailyTokenBudget: z.number().int().min(1000).optional(),
        monthlyTokenBudget: z.number().int().min(1000).optional(),
      })
      .strict(),
    output: LlmConfig,
  },
  /** The model budgets (per request, daily, monthly) and what has been spent against them. */
  'llm.budget': { input: z.object({}).strict(), output: LlmBudget },
  /** Stores the provider's API key in the keychain. */
  'llm.setKey': {
    input: z.object({ key: z.string().trim().min(1).max(1000) }).strict(),
    output: z.object({ stored: z.boolean() }),
  },
  /** One tiny request to the configured provider. */
  'llm.test': {
    input: z.object({}).strict(),
    output: z.object({
      provider: z.string(),
      reply: z.string(),
      tokens: z.number().int(),
      latencyMs: z.number(),
    }),
  },
  /** Recorded capability gaps, most recent first. */
  'gaps.list': { input: z.object({}).strict(), output: z.array(Gap) },
  /** A person's own hint of a missing capability, recorded as a gap with trigger `user` (nothing is generated). */
  'gaps.add': {
    input: z
      .object({
        capability: z
          .string()
          .trim()
          .min(3, 'say in a few words what is missing, e.g. "resize PNG images"')
          .max(300, 'keep it under 300 characters; put the rest in the context'),
        context: z.string().max(2000).optional(),
      })
      .strict(),
    output: Gap,
  },
  /** Finds gaps in agent output; generates a skill per gap when governance allows. */
  'gaps.detect': {
    input: z
      .object({ text: z.string().min(1).max(200_000), requester: z.string().min(1).max(200).optional() })
      .strict(),
    output: GapDetection,
  },
}
