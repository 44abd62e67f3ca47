import { KeyRound } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { Dialog } from '../../components/Dialog'
import { InlineError } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'
import { messageOf } from '../../stores/errors'

/**
 * Stores or removes the bearer token of an MCP source. The value goes to the OS keychain; the input is
 * masked, cleared once saved, and the token is never shown again.
 */
export function TokenDialog({ repoName, onClose }: { repoName: string; onClose: () => void }) {
  const setToken = useAppStore('sources', (state) => state.setToken)
  const [token, setValue] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)

  const save = async (value: string | null): Promise<void> => {
    setBusy(true)
    setError(null)
    setMessage(null)
    try {
      const { stored } = await setToken(repoName, value)
      setValue('')
      setMessage(
        stored
          ? 'Token saved in the keychain. It is sent to the server on the next sync.'
          : 'Token removed from the keychain.',
      )
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (token.trim()) void save(token.trim())
  }

  return (
    <Dialog
      titleId="token-title"
      title={<>Token for {repoName}</>}
      testId="token-dialog"
      onClose={onClose}
      panelClassName="w-[480px]"
      onSubmit={submit}
      autoComplete="off"
    >
      <p className="text-sm text-muted">
        The bearer token this MCP server expects. It is kept in the OS keychain and never shown again.
      </p>
      <label className="flex flex-col gap-1 text-sm">
        Bearer token
        <input
          type="password"
          data-testid="token-input"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(event) => setValue(event.target.value)}
          className="h-7 rounded border border-line bg-surface px-2 font-mono text-sm"
        />
      </label>
      {error && <InlineError>{error}</InlineError>}
      {message && (
        <p className="text-sm" role="status" data-testid="token-status">
          {message}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button
          type="button"
          data-testid="token-remove"
          disabled={busy}
          onClick={() => void save(null)}
          className="mr-auto h-7 rounded border border-line px-3 hover:bg-fg/8 disabled:opacity-50"
        >
          Remove token
        </button>
        <button type="button" onClick={onClose} className="h-7 rounded border border-line px-3">
          {message ? 'Done' : 'Cancel'}
        </button>
        <button
          type="submit"
          data-testid="token-save"
          disabled={busy || token.trim() === ''}
          className="inline-flex h-7 items-center gap-1.5 rounded bg-accent px-3 font-medium text-surface disabled:opacity-50"
        >
          <KeyRound size={13} aria-hidden />
          {busy ? 'Saving…' : 'Save token'}
        </button>
      </div>
    </Dialog>
  )
}
