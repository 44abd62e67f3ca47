import { useState, type FormEvent } from 'react'
import type { PolicyKind } from '../../../src-main/contract'
import { Section } from '../../components/Section'
import { useAppStore } from '../../stores/context'
import { buttonClass, Field, inputClass, parseSeconds, removeClass } from './fields'

/** Call policies: hold matching calls for approval, or dry-run them. */
export function PolicyPanel() {
  const policies = useAppStore('policies', (state) => state.policies)
  const addPolicy = useAppStore('policies', (state) => state.addPolicy)
  const removePolicy = useAppStore('policies', (state) => state.removePolicy)
  const [target, setTarget] = useState('')
  const [kind, setKind] = useState<PolicyKind>('requires_approval')
  const [timeout, setTimeoutText] = useState('5m')
  const timeoutSeconds = parseSeconds(timeout)
  const valid = target.trim() !== '' && (kind === 'dry_run' || timeoutSeconds !== null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const [skill = '', tool] = target.trim().split('/', 2)
    const added = await addPolicy({
      skill,
      ...(tool ? { tool } : {}),
      kind,
      ...(kind === 'requires_approval' && timeoutSeconds !== null ? { timeoutSeconds } : {}),
    })
    if (added) setTarget('')
  }

  return (
    <Section title="Call policies">
      <ul className="mb-2 flex flex-col gap-1 text-sm" aria-label="Call policies">
        {policies.length === 0 && <li className="text-muted">No call policies: every call runs.</li>}
        {policies.map((p) => (
          <li key={p.id} data-testid="policy-row" className="flex items-center gap-2">
            <code>
              {p.skill}/{p.tool}
            </code>
            <span className="text-muted">
              {p.kind === 'dry_run' ? 'dry run' : `requires approval (waits ${p.timeoutSeconds} s)`}
            </span>
            <button
              type="button"
              className={`ml-auto ${removeClass}`}
              onClick={() => void removePolicy(p.id)}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={(event) => void submit(event)} className="flex flex-wrap items-end gap-2">
        <Field label="Skill[/tool] (globs: admin/*, */delete_*)">
          <input value={target} onChange={(e) => setTarget(e.target.value)} className={inputClass} />
        </Field>
        <Field label="Kind">
          <select value={kind} onChange={(e) => setKind(e.target.value as PolicyKind)} className={inputClass}>
            <option value="requires_approval">Requires approval</option>
            <option value="dry_run">Dry run</option>
          </select>
        </Field>
        {kind === 'requires_approval' && (
          <Field label="Wait (e.g. 5m)">
            <input
              value={timeout}
              onChange={(e) => setTimeoutText(e.target.value)}
              className={`w-20 ${inputClass}`}
            />
          </Field>
        )}
        <button type="submit" disabled={!valid} className={buttonClass}>
          Add policy
        </button>
      </form>
    </Section>
  )
}
