import { useState, type FormEvent } from 'react'
import type { LimitScope } from '../../../src-main/contract'
import { Section } from '../../components/Section'
import { useAppStore } from '../../stores/context'
import { buttonClass, Field, inputClass, parseSeconds, removeClass } from './fields'

/** Rate limits per skill (all clients) or per client (all skills). */
export function LimitsPanel() {
  const limits = useAppStore('policies', (state) => state.limits)
  const setLimit = useAppStore('policies', (state) => state.setLimit)
  const removeLimit = useAppStore('policies', (state) => state.removeLimit)
  const [scope, setScope] = useState<LimitScope>('skill')
  const [target, setTarget] = useState('')
  const [max, setMax] = useState('60')
  const [per, setPer] = useState('1m')
  const windowSeconds = parseSeconds(per)
  const maxCalls = /^\d+$/.test(max) ? Number(max) : 0
  const valid = target.trim() !== '' && maxCalls > 0 && windowSeconds !== null

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (windowSeconds === null) return
    if (await setLimit({ scope, target: target.trim(), maxCalls, windowSeconds })) setTarget('')
  }

  return (
    <Section title="Rate limits">
      <ul className="mb-2 flex flex-col gap-1 text-sm" aria-label="Rate limits">
        {limits.length === 0 && <li className="text-muted">No rate limits.</li>}
        {limits.map((l) => (
          <li key={l.id} data-testid="limit-row" className="flex items-center gap-2">
            <span>
              {l.scope} <span className="font-medium">{l.target}</span>: {l.maxCalls} calls per{' '}
              {l.windowSeconds} s
            </span>
            <button
              type="button"
              className={`ml-auto ${removeClass}`}
              onClick={() => void removeLimit(l.scope, l.target)}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={(event) => void submit(event)} className="flex flex-wrap items-end gap-2">
        <Field label="For">
          <select
            value={scope}
            onChange={(e) => setScope(e.target.value as LimitScope)}
            className={inputClass}
          >
            <option value="skill">Skill</option>
            <option value="client">Client</option>
          </select>
        </Field>
        <Field label={scope === 'skill' ? 'Skill name' : 'Client name'}>
          <input value={target} onChange={(e) => setTarget(e.target.value)} className={inputClass} />
        </Field>
        <Field label="Max calls">
          <input value={max} onChange={(e) => setMax(e.target.value)} className={`w-20 ${inputClass}`} />
        </Field>
        <Field label="Per (e.g. 1m)">
          <input value={per} onChange={(e) => setPer(e.target.value)} className={`w-20 ${inputClass}`} />
        </Field>
        <button type="submit" disabled={!valid} className={buttonClass}>
          Set limit
        </button>
      </form>
    </Section>
  )
}
