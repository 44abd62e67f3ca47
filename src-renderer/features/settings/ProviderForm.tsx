import { useState, type FormEvent } from 'react'
import type { LlmConfig } from '../../../src-main/contract'
import { ErrorBox } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'

const providers: ReadonlyArray<{ value: LlmConfig['provider']; label: string }> = [
  { value: 'none', label: 'None — offline templates' },
  { value: 'openai-compatible', label: 'OpenAI-compatible' },
  { value: 'anthropic', label: 'Anthropic' },
]

/** Provider, base URL, model and budgets (`llm.set`). */
export function ProviderForm({ llm }: { llm: LlmConfig }) {
  const save = useAppStore('settings', (state) => state.save)
  const saving = useAppStore('settings', (state) => state.saving)
  const error = useAppStore('settings', (state) => state.saveError)
  const saved = useAppStore('settings', (state) => state.saved)
  const [provider, setProvider] = useState(llm.provider)
  const [baseUrl, setBaseUrl] = useState(llm.baseUrl ?? '')
  const [model, setModel] = useState(llm.model ?? '')
  const [maxTokens, setMaxTokens] = useState(String(llm.maxTokensPerGeneration))
  const [budget, setBudget] = useState(String(llm.dailyTokenBudget))

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    void save({
      provider,
      baseUrl: baseUrl.trim() || null,
      model: model.trim() || null,
      maxTokensPerGeneration: Number(maxTokens),
      dailyTokenBudget: Number(budget),
    })
  }

  const field = 'h-7 rounded border border-line bg-surface px-2 text-sm disabled:opacity-50'
  const off = provider === 'none'
  return (
    <form
      onSubmit={submit}
      className="grid grid-cols-[160px_1fr] items-center gap-x-3 gap-y-2"
      data-testid="llm-form"
    >
      <label htmlFor="llm-provider" className="text-sm">
        Provider
      </label>
      <select
        id="llm-provider"
        data-testid="llm-provider"
        value={provider}
        onChange={(event) => setProvider(event.target.value as LlmConfig['provider'])}
        className={field}
      >
        {providers.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <label htmlFor="llm-base-url" className="text-sm">
        Base URL
      </label>
      <input
        id="llm-base-url"
        data-testid="llm-base-url"
        type="url"
        value={baseUrl}
        disabled={off}
        placeholder={provider === 'anthropic' ? 'https://api.anthropic.com' : 'https://api.openai.com/v1'}
        onChange={(event) => setBaseUrl(event.target.value)}
        className={field}
      />
      <label htmlFor="llm-model" className="text-sm">
        Model
      </label>
      <input
        id="llm-model"
        data-testid="llm-model"
        value={model}
        disabled={off}
        onChange={(event) => setModel(event.target.value)}
        className={field}
      />
      <label htmlFor="llm-max-tokens" className="text-sm">
        Tokens per generation
      </label>
      <input
        id="llm-max-tokens"
        type="number"
        min={1000}
        value={maxTokens}
        onChange={(event) => setMaxTokens(event.target.value)}
        className={field}
      />
      <label htmlFor="llm-budget" className="text-sm">
        Daily token budget
      </label>
      <div className="flex items-center gap-2">
        <input
          id="llm-budget"
          type="number"
          min={1000}
          value={budget}
          onChange={(event) => setBudget(event.target.value)}
          className={`${field} flex-1`}
        />
        <span className="text-xs whitespace-nowrap text-muted">{llm.usedToday} used today</span>
      </div>
      <div />
      <div className="flex items-center gap-2">
        <button
          type="submit"
          data-testid="llm-save"
          disabled={saving}
          className="h-7 rounded bg-accent px-3 font-medium text-surface disabled:opacity-50"
        >
          {saving ? 'Saving…' : 'Save provider'}
        </button>
        {saved && !saving && (
          <span className="text-sm text-ok" role="status">
            Saved.
          </span>
        )}
      </div>
      <ErrorBox error={error} className="col-span-2" />
    </form>
  )
}
