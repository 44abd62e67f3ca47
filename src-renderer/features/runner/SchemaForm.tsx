import { useId } from 'react'
import type { FieldErrors, FieldSpec, FieldValues } from './schemaFields'

const inputClass =
  'rounded border border-line bg-surface px-2 outline-none focus:border-accent aria-[invalid=true]:border-danger'

export interface SchemaFormProps {
  fields: readonly FieldSpec[]
  values: FieldValues
  errors: FieldErrors
  onChange: (name: string, value: string | boolean) => void
}

/** The inputs generated from a tool's input schema, one per property. */
export function SchemaForm({ fields, values, errors, onChange }: SchemaFormProps) {
  if (fields.length === 0) return <p className="text-sm text-muted">This tool takes no arguments.</p>
  return (
    <div className="flex flex-col gap-2.5" data-testid="schema-form">
      {fields.map((field) => (
        <SchemaField
          key={field.name}
          field={field}
          value={values[field.name] ?? (field.kind === 'boolean' ? false : '')}
          error={errors[field.name]}
          onChange={(value) => onChange(field.name, value)}
        />
      ))}
    </div>
  )
}

interface SchemaFieldProps {
  field: FieldSpec
  value: string | boolean
  error: string | undefined
  onChange: (value: string | boolean) => void
}

const kindHints: Partial<Record<FieldSpec['kind'], string>> = {
  lines: 'One value per line.',
  json: 'JSON.',
}

function SchemaField({ field, value, error, onChange }: SchemaFieldProps) {
  const id = useId()
  const hint = [field.description, kindHints[field.kind]].filter(Boolean).join(' ')
  const described =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  const common = {
    id,
    name: field.name,
    'data-field': field.name,
    'data-kind': field.kind,
    'aria-invalid': error !== undefined,
    'aria-describedby': described,
    'aria-required': field.required,
  }
  const text = typeof value === 'string' ? value : ''

  if (field.kind === 'boolean') {
    return (
      <div className="flex flex-col gap-0.5">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            {...common}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          {field.label}
        </label>
        <FieldNotes id={id} hint={hint} error={error} />
      </div>
    )
  }
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={id} className="text-sm font-medium">
        {field.label}
        {field.required && <span className="text-danger"> *</span>}
        {!sameWords(field.label, field.name) && (
          <code className="ml-1.5 text-xs font-normal text-muted">{field.name}</code>
        )}
      </label>
      {field.kind === 'enum' ? (
        <select
          {...common}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          className={`${inputClass} h-7`}
        >
          <option value="">{field.required ? 'Choose…' : '(not set)'}</option>
          {field.options.map((option, index) => (
            <option key={index} value={String(index)}>
              {typeof option === 'string' ? option : JSON.stringify(option)}
            </option>
          ))}
        </select>
      ) : field.kind === 'text' ? (
        <input
          {...common}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          className={`${inputClass} h-7`}
        />
      ) : field.kind === 'number' || field.kind === 'integer' ? (
        <input
          {...common}
          type="number"
          step={field.kind === 'integer' ? 1 : 'any'}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          className={`${inputClass} h-7 w-48`}
        />
      ) : (
        <textarea
          {...common}
          rows={field.kind === 'textarea' ? 4 : 3}
          spellCheck={field.kind === 'textarea'}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          className={`${inputClass} py-1 ${field.kind === 'textarea' ? '' : 'font-mono text-xs'}`}
        />
      )}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  )
}

function FieldNotes({ id, hint, error }: { id: string; hint: string; error: string | undefined }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs text-danger">
          {error}
        </p>
      )}
    </>
  )
}

/** "Max Count" and `max_count` say the same thing; the property name is then not repeated. */
function sameWords(label: string, name: string): boolean {
  const words = (text: string): string => text.toLowerCase().replace(/[\s_-]+/g, '')
  return words(label) === words(name)
}
