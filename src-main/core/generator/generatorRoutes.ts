import { join } from 'node:path'
import type { LlmConfig } from '../../contract/generator'
import type { Handlers } from '../dispatch'
import { AppError } from '../base/appError'
import type { Clock } from '../base/clock'
import type { SecretStore } from '../secrets/secretStore'
import type { Db } from '../storage/database'
import { GapRepository, type GapRecord } from '../storage/gapRepository'
import { SettingsStore } from '../settings'
import { TokenBudget } from './budget'
import { GapService } from './gapDetector'
import { createProvider, LLM_KEY } from './providers'
import { SkillGenerator, type GeneratorDeps } from './skillGenerator'

type GeneratorRouteName =
  | 'generator.generate'
  | 'generator.cancel'
  | 'llm.get'
  | 'llm.set'
  | 'llm.budget'
  | 'llm.setKey'
  | 'llm.test'
  | 'gaps.list'
  | 'gaps.detect'
  | 'gaps.add'

export interface GeneratorModule {
  handlers: Pick<Handlers, GeneratorRouteName>
  generator: SkillGenerator
  /** For the MCP endpoint: `gaps.recordUnknownToolCall(tool, client, args)`. */
  gaps: GapService
}

/** Builds the generator, its settings and gap detection, and their routes. */
export function createGeneratorModule(
  deps: Omit<GeneratorDeps, 'settings' | 'stateDir'> & {
    db: Db
    home: string
    settingsFile: string
    clock: Clock
    secrets: SecretStore
  },
): GeneratorModule {
  const settings = new SettingsStore(deps.settingsFile)
  const stateDir = join(deps.home, 'generator')
  const generator = new SkillGenerator({ ...deps, settings, stateDir })
  const gaps = new GapService({
    gaps: new GapRepository(deps.db),
    inbox: deps.inbox,
    clock: deps.clock,
    generate: (request) => generator.generate(request),
  })
  const budget = () => {
    const llm = settings.read().llm
    return new TokenBudget(
      join(stateDir, 'llm-usage.json'),
      deps.clock,
      llm.maxTokensPerGeneration,
      llm.dailyTokenBudget,
      llm.monthlyTokenBudget,
    )
  }
  const config = async (): Promise<LlmConfig> => {
    const { monthlyTokenBudget: _monthly, ...llm } = settings.read().llm
    const key = await deps.secrets.get(LLM_KEY.scope, LLM_KEY.name).catch(() => null)
    return { ...llm, keySet: key !== null, usedToday: budget().usedToday() }
  }
  const handlers: Pick<Handlers, GeneratorRouteName> = {
    'generator.generate': ({ intent, runId, requester, reason }) =>
      generator.generate({ intent, runId, requester: requester ?? 'user', reason }),
    'generator.cancel': ({ runId }) => ({ cancelled: generator.cancel(runId) }),
    'llm.get': () => config(),
    'llm.set': (change) => {
      settings.update('llm', change)
      return config()
    },
    'llm.budget': () => budget().report(),
    'llm.setKey': async ({ key }) => {
      await deps.secrets.set(LLM_KEY.scope, LLM_KEY.name, key)
      return { stored: true }
    },
    'llm.test': async () => {
      const llm = settings.read().llm
      const provider = await createProvider(llm, deps.secrets)
      if (!provider) {
        throw new AppError(
          'LLM_UNAVAILABLE',
          'No model provider is configured; run `skilldock llm set --provider …`.',
        )
      }
      const started = Date.now()
      const answer = await provider.complete(
        'Answer with one word.',
        [{ role: 'user', content: 'Say OK.' }],
        {
          maxTokens: 16,
        },
      )
      return {
        provider: provider.label,
        reply: answer.text.slice(0, 200),
        tokens: answer.tokens,
        latencyMs: Date.now() - started,
      }
    },
    'gaps.list': () => gaps.list().map(toGap),
    'gaps.add': ({ capability, context }) => toGap(gaps.addHint(capability, context ?? '')),
    'gaps.detect': async ({ text, requester }) => {
      const result = await gaps.detect(text, requester ?? 'user')
      return { ...result, gaps: result.gaps.map(toGap) }
    },
  }
  return { handlers, generator, gaps }
}

function toGap(gap: GapRecord) {
  const { capabilityKey: _key, ...rest } = gap
  return rest
}
