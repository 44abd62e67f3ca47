import { KeyRound } from 'lucide-react'
import { useRef, useState, type FormEvent } from 'react'
import { Badge } from '../../components/Badge'
import { ErrorBox } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'
import { useSecretField } from './useSecretField'

/**
 * The provider's API key: typed into an uncontrolled password field (so React never mirrors it into
 * a `value` attribute), sent once to the keychain, then wiped — the field is replaced by a fresh one
 * and the key is never shown again.
 */
export function ProviderKeyForm({ keySet }: { keySet: boolean }) {
  const saveKey = useAppStore('settings', (state) => state.saveKey)
  const saving = useAppStore('settings', (state) => state.keySaving)
  const error = useAppStore('settings', (state) => state.keyError)
  const input = useRef<HTMLInputElement>(null)
  const secret = useSecretField(input, (raw) => raw.trim())
  const [stored, setStored] = useState(false)

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const key = secret.read()
    if (key === '') return
    const ok = await saveKey(key)
    if (!ok) return
    secret.wipe()
    setStored(true)
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="grid grid-cols-[160px_1fr] items-center gap-x-3 gap-y-2"
      data-testid="llm-key-form"
      autoComplete="off"
    >
      <label htmlFor="llm-key" className="text-sm">
        API key
      </label>
      <div className="flex items-center gap-2">
        <input
          key={secret.generation}
          ref={input}
          id="llm-key"
          data-testid="llm-key"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          placeholder={keySet ? 'A key is stored — type a new one to replace it' : 'Paste the key'}
          onChange={secret.onChange}
          className="h-7 flex-1 rounded border border-line bg-surface px-2 text-sm"
        />
        <button
          type="submit"
          data-testid="llm-key-save"
          disabled={saving || secret.empty}
          className="inline-flex h-7 items-center gap-1.5 rounded bg-accent px-3 font-medium text-surface disabled:opacity-50"
        >
          <KeyRound size={13} aria-hidden />
          {saving ? 'Storing…' : 'Store key'}
        </button>
      </div>
      <div />
      <div className="flex items-center gap-2 text-sm text-muted">
        {keySet ? (
          <Badge tone="ok" data-testid="llm-key-status">
            key stored in the keychain
          </Badge>
        ) : (
          <Badge data-testid="llm-key-status">no key</Badge>
        )}
        {stored && (
          <span role="status" className="text-ok">
            Stored. It will not be shown again.
          </span>
        )}
      </div>
      <ErrorBox error={error} className="col-span-2" />
    </form>
  )
}
