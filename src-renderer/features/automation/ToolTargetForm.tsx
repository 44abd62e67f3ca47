import { useEffect, useMemo, useState } from 'react'
import { useAppStore } from '../../stores/context'
import { SchemaForm } from '../runner/SchemaForm'
import { argsFromValues, initialValues, schemaFields, type FieldValues } from '../runner/schemaFields'
import { ToolPicker } from './fields'

/** A tool call to make later: the skill, its tool and the arguments from the form. */
export interface ToolTarget {
  skill: string
  tool: string
  arguments: Record<string, unknown>
}

/**
 * A callable skill, one of its tools, and that tool's arguments as a form generated from the
 * input schema recorded at its last handshake. Reports the complete target, or null while the
 * choice or any argument is missing or wrong. The Jobs and Schedules panels share it; remount it
 * (a new `key`) to start over.
 */
export function ToolTargetForm({
  idPrefix,
  onChange,
}: {
  idPrefix: string
  onChange: (target: ToolTarget | null) => void
}) {
  const [skill, setSkill] = useState('')
  const [tool, setTool] = useState('')
  const [values, setValues] = useState<FieldValues>({})
  const [touched, setTouched] = useState(false)
  const info = useAppStore('automation', (state) => state.tools[skill]?.find((t) => t.name === tool))
  const fields = useMemo(() => (info ? schemaFields(info.inputSchema) : []), [info])
  const merged = { ...initialValues(fields), ...values }
  const { args, errors } = argsFromValues(fields, merged)
  const complete = skill !== '' && tool !== '' && info !== undefined && Object.keys(errors).length === 0
  const target = complete ? JSON.stringify({ skill, tool, arguments: args }) : null

  useEffect(() => {
    onChange(target === null ? null : (JSON.parse(target) as ToolTarget))
    // `onChange` is the parent's setter; only a different target should report.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target])

  return (
    <div className="flex w-full flex-col gap-2" data-testid={`${idPrefix}-target`}>
      <div className="flex flex-wrap items-end gap-2">
        <ToolPicker
          idPrefix={idPrefix}
          skill={skill}
          tool={tool}
          onChange={(nextSkill, nextTool) => {
            setSkill(nextSkill)
            setTool(nextTool)
            setTouched(false)
            setValues({})
          }}
        />
      </div>
      {info && (
        <fieldset className="flex flex-col gap-1 rounded border border-line p-2">
          <legend className="px-1 text-xs text-muted">Arguments of {info.name}</legend>
          <SchemaForm
            key={`${skill}/${tool}`}
            fields={fields}
            values={merged}
            // Required-field errors wait for the first edit, so a fresh form is not all red.
            errors={touched ? errors : {}}
            onChange={(name, value) => {
              setTouched(true)
              setValues((current) => ({ ...initialValues(fields), ...current, [name]: value }))
            }}
          />
        </fieldset>
      )}
    </div>
  )
}
