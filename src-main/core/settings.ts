import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { AppError } from './base/appError'

/** The generator's model provider; `none` means offline templates. Keys live in the keychain, never here. */
export const LlmSettings = z.object({
  provider: z.enum(['none', 'openai-compatible', 'anthropic']).default('none'),
  baseUrl: z.string().url().nullable().default(null),
  model: z.string().min(1).nullable().default(null),
  /** Tokens (prompt + completion) one generation may spend across all its model turns. */
  maxTokensPerGeneration: z.number().int().min(1000).default(60_000),
  /** Tokens all generations may spend per local calendar day. */
  dailyTokenBudget: z.number().int().min(1000).default(500_000),
  /** Tokens all model requests (generation, routing) may spend per calendar month. */
  monthlyTokenBudget: z.number().int().min(1000).default(10_000_000),
})
export type LlmSettings = z.infer<typeof LlmSettings>

export const GeneratorSettings = z.object({
  /** Normalized similarity (0–1) at or above which an existing skill is returned instead of generating. */
  existingMatchThreshold: z.number().min(0).max(1).default(0.85),
})

/** The optional LLM review of scans: off by default; when on, it fails closed unless fail-open is chosen. */
export const TrustSettings = z.object({
  llmReview: z.boolean().default(false),
  /** When the review cannot run: false (default) marks the scan `needs-review`; true accepts the static scan. */
  reviewFailOpen: z.boolean().default(false),
})

export const Settings = z.object({
  llm: LlmSettings.default(LlmSettings.parse({})),
  trust: TrustSettings.default(TrustSettings.parse({})),
  generator: GeneratorSettings.default(GeneratorSettings.parse({})),
})
export type Settings = z.infer<typeof Settings>

/** `<home>/settings.json`: read with defaults, written atomically (temp file + rename). */
export class SettingsStore {
  constructor(private readonly file: string) {}

  read(): Settings {
    if (!existsSync(this.file)) return Settings.parse({})
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'))
    } catch (err) {
      throw new AppError(
        'INVALID_INPUT',
        `${this.file} is not valid JSON (${(err as Error).message}); fix or delete it.`,
      )
    }
    const parsed = Settings.safeParse(raw)
    if (!parsed.success) {
      throw new AppError('INVALID_INPUT', `${this.file} has invalid values: ${parsed.error.message}`)
    }
    return parsed.data
  }

  /** Merges a change into one section and writes the whole file. */
  update<K extends keyof Settings>(section: K, change: Partial<Settings[K]>): Settings {
    const current = this.read()
    const next = Settings.parse({ ...current, [section]: { ...current[section], ...change } })
    writeJsonAtomic(this.file, next)
    return next
  }
}

/** Writes JSON so a reader never sees half a file. */
export function writeJsonAtomic(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`
  writeFileSync(temp, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 })
  renameSync(temp, file)
}
