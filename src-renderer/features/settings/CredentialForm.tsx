import { KeyRound } from 'lucide-react'
import { useRef, useState, type FormEvent } from 'react'
import { ErrorBox } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'
import { inputClass, primaryButtonClass } from './SettingsSection'
import { useSecretField } from './useSecretField'

/**
 * Stores one credential. The value sits in an uncontrolled password field (React never mirrors it
 * into an attribute or state), goes once to the keychain, and the field is then replaced by an empty one.
 */
export function CredentialForm() {
  const declared = useAppStore('credentials', (state) => state.declared)
  const save = useAppStore('credentials', (state) => state.save)
  const saving = useAppStore('credentials', (state) => state.saving)
  const error = useAppStore('credentials', (state) => state.saveError)
  const savedName = useAppStore('credentials', (state) => state.savedName)
  const firstMissing = declared.find((need) => !need.stored)?.name ?? declared[0]?.name ?? ''
  // Until the person types a name, the first declared credential that is not stored is offered.
  const [typed, setName] = useState<string | null>(null)
  const name = typed ?? firstMissing
  const valueField = useRef<HTMLInputElement>(null)
  const secret = useSecretField(valueField)

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const value = secret.read()
    if (value === '' || name.trim() === '') return
    const ok = await save(name.trim(), value)
    if (!ok) return
    secret.wipe()
    setName(null)
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      autoComplete="off"
      data-testid="credential-form"
      className="grid grid-cols-[160px_1fr] items-center gap-x-3 gap-y-2"
    >
      <label htmlFor="credential-name" className="text-sm">
        Name
      </label>
      <input
        id="credential-name"
        data-testid="credential-name"
        list="credential-names"
        value={name}
        onChange={(event) => setName(event.target.value)}
        placeholder="e.g. WEATHER_API_KEY"
        spellCheck={false}
        className={`${inputClass} font-mono`}
      />
      <datalist id="credential-names">
        {declared.map((need) => (
          <option key={need.name} value={need.name} />
        ))}
      </datalist>
      <label htmlFor="credential-value" className="text-sm">
        Value
      </label>
      <div className="flex items-center gap-2">
        <input
          key={secret.generation}
          ref={valueField}
          id="credential-value"
          data-testid="credential-value"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          placeholder="Paste the value"
          onChange={secret.onChange}
          className={`${inputClass} flex-1`}
        />
        <button
          type="submit"
          data-testid="credential-save"
          disabled={saving || secret.empty || name.trim() === ''}
          className={primaryButtonClass}
        >
          <KeyRound size={13} aria-hidden />
          {saving ? 'Storing…' : 'Store'}
        </button>
      </div>
      {savedName && (
        <p role="status" className="col-start-2 text-sm text-ok" data-testid="credential-saved">
          {savedName} stored in the keychain. It will not be shown again.
        </p>
      )}
      <ErrorBox error={error} className="col-span-2" />
    </form>
  )
}
