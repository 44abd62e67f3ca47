import { PlugZap } from 'lucide-react'
import { InlineError } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'

/** One tiny request to the configured provider (`llm.test`). */
export function ProviderTest({ disabled }: { disabled: boolean }) {
  const test = useAppStore('settings', (state) => state.test)
  const testing = useAppStore('settings', (state) => state.testing)
  const result = useAppStore('settings', (state) => state.testResult)
  const error = useAppStore('settings', (state) => state.testError)

  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-2">
        <button
          type="button"
          data-testid="llm-test"
          disabled={disabled || testing}
          onClick={() => void test()}
          className="inline-flex h-7 items-center gap-1.5 rounded border border-line px-3 hover:bg-fg/8 disabled:opacity-50"
        >
          <PlugZap size={13} aria-hidden />
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        {disabled && <span className="text-sm text-muted">Choose a provider to test it.</span>}
      </div>
      {result && (
        <p className="text-sm" role="status" data-testid="llm-test-result">
          {result.provider} answered in {Math.round(result.latencyMs)} ms ({result.tokens} tokens):{' '}
          <span className="break-words text-muted">{result.reply}</span>
        </p>
      )}
      {error && <InlineError>{error}</InlineError>}
    </div>
  )
}
