import { Play } from 'lucide-react'
import { useMemo, useState } from 'react'
import type { ToolInfo } from '../../../src-main/contract'
import { InlineError } from '../../components/InlineError'
import { checkArgs } from './argsCheck'
import { SchemaForm } from './SchemaForm'
import {
  argsFromValues,
  initialValues,
  parseRawArgs,
  schemaFields,
  valuesFromArgs,
  type FieldErrors,
  type FieldValues,
} from './schemaFields'

export interface ToolFormProps {
  tool: ToolInfo
  /** Arguments to start from (a call loaded from the history); the schema's defaults otherwise. */
  seed: Record<string, unknown> | null
  calling: boolean
  onCall: (args: Record<string, unknown>) => void
}

/** The generated form for one tool, with a raw JSON mode, and the Call button. */
export function ToolForm({ tool, seed, calling, onCall }: ToolFormProps) {
  const fields = useMemo(() => schemaFields(tool.inputSchema), [tool.inputSchema])
  const [values, setValues] = useState<FieldValues>(() =>
    seed ? valuesFromArgs(fields, seed) : initialValues(fields),
  )
  const [errors, setErrors] = useState<FieldErrors>({})
  const [raw, setRaw] = useState<string | null>(() =>
    // A tool whose schema gives no fields but takes arguments is easiest to drive as JSON.
    fields.length === 0 && seed && Object.keys(seed).length > 0 ? JSON.stringify(seed, null, 2) : null,
  )
  const [rawError, setRawError] = useState<string | null>(null)

  const toggleRaw = (): void => {
    if (raw === null) {
      setRaw(JSON.stringify(argsFromValues(fields, values).args, null, 2))
      setRawError(null)
      return
    }
    const parsed = parseRawArgs(raw)
    if ('error' in parsed) return setRawError(parsed.error)
    setValues(valuesFromArgs(fields, parsed.args))
    setRaw(null)
    setRawError(null)
  }

  const submit = (): void => {
    if (raw !== null) {
      const parsed = parseRawArgs(raw)
      if ('error' in parsed) return setRawError(parsed.error)
      // Checked against the schema before sending: every problem, named by argument.
      const problems = Object.entries(checkArgs(tool.inputSchema, parsed.args))
      if (problems.length > 0) {
        return setRawError(
          problems.map(([name, problem]) => (name ? `${name}: ${problem}` : problem)).join(' '),
        )
      }
      setRawError(null)
      return onCall(parsed.args)
    }
    const { args, errors: found } = argsFromValues(fields, values)
    const { '': whole, ...byField } = Object.keys(found).length === 0 ? checkArgs(tool.inputSchema, args) : {}
    const all = { ...byField, ...found }
    setErrors(all)
    setRawError(whole ?? null)
    if (Object.keys(all).length === 0 && !whole) onCall(args)
  }

  return (
    <form
      aria-label={`Arguments of ${tool.name}`}
      noValidate
      className="flex flex-col gap-2.5"
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      {raw === null ? (
        <SchemaForm
          fields={fields}
          values={values}
          errors={errors}
          onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))}
        />
      ) : (
        <label className="flex flex-col gap-0.5 text-sm font-medium">
          Arguments (JSON object)
          <textarea
            data-testid="runner-raw-json"
            rows={8}
            spellCheck={false}
            value={raw}
            onChange={(event) => setRaw(event.target.value)}
            aria-invalid={rawError !== null}
            className="rounded border border-line bg-surface px-2 py-1 font-mono text-xs font-normal outline-none focus:border-accent"
          />
        </label>
      )}
      {rawError && <InlineError>{rawError}</InlineError>}
      <div className="flex items-center gap-3">
        <button
          type="submit"
          data-testid="runner-call"
          disabled={calling}
          className="inline-flex h-7 items-center gap-1.5 rounded bg-accent px-3 font-medium text-surface disabled:opacity-50"
        >
          <Play size={13} aria-hidden />
          {calling ? 'Calling…' : `Call ${tool.name}`}
        </button>
        <label className="flex items-center gap-1.5 text-sm text-muted">
          <input
            type="checkbox"
            data-testid="runner-raw-toggle"
            checked={raw !== null}
            onChange={toggleRaw}
          />
          Raw JSON
        </label>
      </div>
    </form>
  )
}
