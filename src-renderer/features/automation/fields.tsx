import { useEffect } from 'react'
import { useAutomationStore } from '../../stores/context'
import { Field, inputClass } from '../policies/fields'

export { buttonClass, Field, inputClass, removeClass } from '../policies/fields'

/** The text of a JSON-object field → the object, or the reason it is not one. */
export function parseArgsJson(text: string): { value: Record<string, unknown> } | { error: string } {
  if (text.trim() === '') return { value: {} }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { error: 'The arguments must be a JSON object, e.g. {"text": "hi"}.' }
  }
  return { value: parsed as Record<string, unknown> }
}

/** A skill select and a select of that skill's tools. */
export function ToolPicker({
  skill,
  tool,
  onChange,
  idPrefix,
}: {
  skill: string
  tool: string
  onChange: (skill: string, tool: string) => void
  idPrefix: string
}) {
  const skills = useAutomationStore((state) => state.skills)
  const tools = useAutomationStore((state) => (skill ? state.tools[skill] : undefined))
  const loadTools = useAutomationStore((state) => state.loadTools)

  useEffect(() => {
    if (skill) void loadTools(skill)
  }, [skill, loadTools])

  return (
    <>
      <Field label="Skill">
        <select
          data-testid={`${idPrefix}-skill`}
          value={skill}
          onChange={(e) => onChange(e.target.value, '')}
          className={inputClass}
        >
          <option value="">Choose a skill…</option>
          {skills.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Tool">
        <select
          data-testid={`${idPrefix}-tool`}
          value={tool}
          disabled={!skill}
          onChange={(e) => onChange(skill, e.target.value)}
          className={inputClass}
        >
          <option value="">{tools && tools.length === 0 ? 'No known tools' : 'Choose a tool…'}</option>
          {(tools ?? []).map((t) => (
            <option key={t.name} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  )
}

/** A JSON-object textarea that says what is wrong with its text as the person types. */
export function ArgsField({
  value,
  onChange,
  error,
  idPrefix,
}: {
  value: string
  onChange: (text: string) => void
  error: string | null
  idPrefix: string
}) {
  return (
    <div className="flex w-full flex-col gap-0.5">
      <Field label="Arguments (JSON object)">
        <textarea
          data-testid={`${idPrefix}-args`}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          rows={2}
          spellCheck={false}
          aria-invalid={error !== null}
          className="rounded border border-line bg-surface px-2 py-1 font-mono text-xs outline-none focus:border-accent"
        />
      </Field>
      {error && (
        <p className="text-xs text-danger" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/** A time as the person's locale writes it, or a dash. */
export function when(iso: string | null): string {
  if (!iso) return '–'
  const at = Date.parse(iso)
  return Number.isNaN(at) ? iso : new Date(at).toLocaleString()
}
