import { Sparkles, Square } from 'lucide-react'
import { useEffect, useState, type FormEvent } from 'react'
import { InlineError } from '../../components/InlineError'
import { routeHref } from '../../router'
import { useAppStore } from '../../stores/context'
import { GenerationOutcome } from './GenerationOutcome'
import { GapsList } from './GapsList'
import { BudgetPanel } from './BudgetPanel'
import { GeneratorStages } from './GeneratorStages'
import { providerLabel } from './presentation'

/** The generator: describe a capability, watch the pipeline, and get a proposal (or a match). */
export function GeneratorPage() {
  const loadLlm = useAppStore('generator', (state) => state.loadLlm)
  const llm = useAppStore('generator', (state) => state.llm)
  const llmError = useAppStore('generator', (state) => state.llmError)
  const running = useAppStore('generator', (state) => state.running)
  const cancelling = useAppStore('generator', (state) => state.cancelling)
  const generate = useAppStore('generator', (state) => state.generate)
  const cancel = useAppStore('generator', (state) => state.cancel)
  const error = useAppStore('generator', (state) => state.error)
  const result = useAppStore('generator', (state) => state.result)
  const [intent, setIntent] = useState('')
  const tooShort = intent.trim().length < 3

  useEffect(() => {
    void loadLlm()
  }, [loadLlm])

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (!tooShort) void generate(intent)
  }

  return (
    <div className="h-full overflow-y-auto bg-surface">
      <div className="mx-auto flex max-w-3xl flex-col gap-3 px-5 py-4">
        <h2 className="text-xl font-semibold">Generator</h2>
        <p className="text-muted">
          Describe a capability. SkillDock checks for an existing skill, drafts one, validates, tests and
          scans it, then submits it for approval.
        </p>
        <p className="flex items-center gap-1.5 text-sm" data-testid="generator-provider">
          Provider:
          {llm ? (
            <span className="font-medium">{providerLabel(llm)}</span>
          ) : llmError ? (
            <span className="text-danger">{llmError}</span>
          ) : (
            <span className="text-muted">loading…</span>
          )}
          <a href={routeHref('settings')} className="ml-1 text-accent hover:underline">
            Change
          </a>
        </p>
        <form onSubmit={submit} className="flex flex-col gap-2">
          <label htmlFor="generator-intent" className="text-sm font-medium">
            What should the skill do?
          </label>
          <textarea
            id="generator-intent"
            data-testid="generator-intent"
            value={intent}
            onChange={(event) => setIntent(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit(event)
            }}
            rows={3}
            maxLength={2000}
            disabled={running}
            placeholder="e.g. Convert CSV text to a Markdown table"
            className="rounded border border-line bg-surface px-2 py-1.5 text-sm"
          />
          <div className="flex items-center gap-2">
            <button
              type="submit"
              data-testid="generator-submit"
              disabled={running || tooShort}
              className="inline-flex h-7 items-center gap-1.5 rounded bg-accent px-3 font-medium text-surface disabled:opacity-50"
            >
              <Sparkles size={13} aria-hidden />
              {running ? 'Generating…' : 'Generate'}
            </button>
            {running && (
              <button
                type="button"
                data-testid="generator-cancel"
                disabled={cancelling}
                onClick={() => void cancel()}
                className="inline-flex h-7 items-center gap-1.5 rounded border border-line px-3 hover:bg-fg/8 disabled:opacity-50"
              >
                <Square size={12} aria-hidden />
                {cancelling ? 'Cancelling…' : 'Cancel'}
              </button>
            )}
            <span className="text-xs text-muted">Ctrl/⌘ + Enter</span>
          </div>
        </form>
        <GeneratorStages />
        {error && <InlineError>{error}</InlineError>}
        {result && <GenerationOutcome result={result} />}
        <GapsList />
        <BudgetPanel />
      </div>
    </div>
  )
}
