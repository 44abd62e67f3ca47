import type Anthropic from '@anthropic-ai/sdk'
import type OpenAI from 'openai'
import { AppError } from '../base/appError'
import type { SecretStore } from '../secrets/secretStore'
import type { LlmSettings } from '../settings'

export interface ChatMessage {
  role: 'user' | 'assistant'
  content: string
}

export interface Completion {
  text: string
  /** Prompt + completion tokens the provider reported for this turn. */
  tokens: number
}

export interface CompletionOptions {
  maxTokens: number
  signal?: AbortSignal
}

/** One model the generator can talk to (docs/ARCHITECTURE.md §5: injected as a small interface). */
export interface LlmProvider {
  readonly label: string
  complete(system: string, messages: ChatMessage[], options: CompletionOptions): Promise<Completion>
}

/** The keychain entry of the provider key: scope `llm`, name `API_KEY`. */
export const LLM_KEY = { scope: 'llm', name: 'API_KEY' } as const

const TIMEOUT_MS = 120_000

/** The configured provider, or null when none is configured (the generator then uses offline templates). */
export async function createProvider(
  settings: LlmSettings,
  secrets: SecretStore,
): Promise<LlmProvider | null> {
  if (settings.provider === 'none') return null
  const key = await secrets.get(LLM_KEY.scope, LLM_KEY.name).catch(() => null)
  if (settings.provider === 'anthropic') {
    if (!key)
      throw new AppError('LLM_UNAVAILABLE', 'No Anthropic API key; run `skilldock llm key` (key on stdin).')
    return new AnthropicProvider(key, settings.model ?? 'claude-sonnet-4-5', settings.baseUrl)
  }
  if (!settings.baseUrl || !settings.model) {
    throw new AppError(
      'LLM_UNAVAILABLE',
      'The OpenAI-compatible provider needs a base URL and a model: `skilldock llm set --provider openai-compatible --base-url URL --model M`.',
    )
  }
  // Local servers (Ollama, LM Studio, vLLM) accept any key; the SDK requires a non-empty one.
  return new OpenAiCompatibleProvider(key ?? 'not-needed', settings.baseUrl, settings.model)
}

/**
 * What every SDK-backed provider shares: the SDK is loaded at the first completion, not when
 * SkillDock starts, and whatever a request throws becomes a user-facing AppError.
 */
abstract class SdkProvider<Client> implements LlmProvider {
  abstract readonly label: string
  private client: Promise<Client> | null = null

  protected abstract loadSdk(): Promise<Client>

  protected abstract request(
    client: Client,
    system: string,
    messages: ChatMessage[],
    options: CompletionOptions,
  ): Promise<Completion>

  async complete(system: string, messages: ChatMessage[], options: CompletionOptions) {
    try {
      this.client ??= this.loadSdk()
      return await this.request(await this.client, system, messages, options)
    } catch (err) {
      throw providerError(err, this.label, options.signal)
    }
  }
}

/** OpenAI chat completions: OpenAI, Ollama, LM Studio, vLLM, OpenRouter… */
export class OpenAiCompatibleProvider extends SdkProvider<OpenAI> {
  readonly label: string

  constructor(
    private readonly apiKey: string,
    private readonly baseURL: string,
    private readonly model: string,
  ) {
    super()
    this.label = `openai-compatible ${model} at ${baseURL}`
  }

  protected loadSdk(): Promise<OpenAI> {
    return import('openai').then(
      ({ default: OpenAISdk }) =>
        new OpenAISdk({ apiKey: this.apiKey, baseURL: this.baseURL, maxRetries: 1, timeout: TIMEOUT_MS }),
    )
  }

  protected async request(
    client: OpenAI,
    system: string,
    messages: ChatMessage[],
    options: CompletionOptions,
  ) {
    const response = await client.chat.completions.create(
      {
        model: this.model,
        max_tokens: options.maxTokens,
        messages: [{ role: 'system', content: system }, ...messages],
      },
      { signal: options.signal },
    )
    const text = response.choices[0]?.message.content ?? ''
    const tokens = response.usage?.total_tokens ?? estimateTokens(system, messages, text)
    return { text, tokens }
  }
}

/** Anthropic Messages API. */
export class AnthropicProvider extends SdkProvider<Anthropic> {
  readonly label: string

  constructor(
    private readonly apiKey: string,
    private readonly model: string,
    private readonly baseURL: string | null,
  ) {
    super()
    this.label = `anthropic ${model}`
  }

  protected loadSdk(): Promise<Anthropic> {
    return import('@anthropic-ai/sdk').then(
      ({ default: AnthropicSdk }) =>
        new AnthropicSdk({
          apiKey: this.apiKey,
          maxRetries: 1,
          timeout: TIMEOUT_MS,
          ...(this.baseURL ? { baseURL: this.baseURL } : {}),
        }),
    )
  }

  protected async request(
    client: Anthropic,
    system: string,
    messages: ChatMessage[],
    options: CompletionOptions,
  ) {
    const response = await client.messages.create(
      { model: this.model, max_tokens: options.maxTokens, system, messages },
      { signal: options.signal },
    )
    const text = response.content.map((block) => (block.type === 'text' ? block.text : '')).join('')
    return { text, tokens: response.usage.input_tokens + response.usage.output_tokens }
  }
}

/** A rough count (4 characters a token) for servers that report no usage. */
function estimateTokens(system: string, messages: ChatMessage[], reply: string): number {
  const chars = system.length + reply.length + messages.reduce((n, m) => n + m.content.length, 0)
  return Math.ceil(chars / 4)
}

function providerError(err: unknown, label: string, signal?: AbortSignal): AppError {
  if (err instanceof AppError) return err
  if (signal?.aborted) return new AppError('CANCELLED', 'The generation was cancelled.')
  const status = (err as { status?: number }).status
  const message = err instanceof Error ? err.message : String(err)
  if (status === 401 || status === 403) {
    return new AppError(
      'LLM_UNAVAILABLE',
      `${label} refused the API key (HTTP ${status}); set it with \`skilldock llm key\`.`,
    )
  }
  if (status !== undefined) {
    return new AppError('LLM_UNAVAILABLE', `${label} answered HTTP ${status}: ${message.slice(0, 300)}`)
  }
  return new AppError(
    'LLM_UNAVAILABLE',
    `Cannot reach ${label} (${message.slice(0, 200)}). Check that it is running and the base URL (\`skilldock llm show\`).`,
  )
}
