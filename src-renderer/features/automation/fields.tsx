import { useEffect } from 'react'
import { useAppStore } from '../../stores/context'
import { Field, inputClass } from '../policies/fields'

export { buttonClass, Field, inputClass, removeClass } from '../policies/fields'

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
  const skills = useAppStore('automation', (state) => state.skills)
  const tools = useAppStore('automation', (state) => (skill ? state.tools[skill] : undefined))
  const loadTools = useAppStore('automation', (state) => state.loadTools)

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

/** A time as the person's locale writes it, or a dash. */
export function when(iso: string | null): string {
  if (!iso) return '–'
  const at = Date.parse(iso)
  return Number.isNaN(at) ? iso : new Date(at).toLocaleString()
}
