import { useState, type FormEvent } from 'react'
import type { JobInfo } from '../../../src-main/contract'
import { Badge, type BadgeTone } from '../../components/Badge'
import { useAppStore } from '../../stores/context'
import { buttonClass, Field, inputClass, when } from './fields'
import { ItemTable } from './ItemTable'
import { ToolTargetForm, type ToolTarget } from './ToolTargetForm'

const tones: Record<JobInfo['state'], BadgeTone> = {
  pending: 'neutral',
  running: 'info',
  succeeded: 'ok',
  failed: 'danger',
}

/** The persistent job queue: what ran, what waits for its next attempt, and why attempts failed. */
export function JobsPanel() {
  const jobs = useAppStore('automation', (state) => state.jobs)
  const enqueueJob = useAppStore('automation', (state) => state.enqueueJob)
  const [target, setTarget] = useState<ToolTarget | null>(null)
  const [key, setKey] = useState('')
  const [maxAttempts, setMaxAttempts] = useState('3')
  const attempts = Number(maxAttempts)
  const attemptsValid = Number.isInteger(attempts) && attempts >= 1 && attempts <= 20
  const valid = target !== null && attemptsValid

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!target) return
    const queued = await enqueueJob({
      ...target,
      ...(key.trim() ? { key: key.trim() } : {}),
      maxAttempts: attempts,
    })
    if (queued) setKey('')
  }

  return (
    <div>
      <ItemTable
        label="Jobs"
        columns={['Tool', 'State', 'Attempts', 'Next attempt', 'Last error']}
        empty="No jobs."
        items={jobs}
        row={(j) => (
          <tr key={j.id} data-testid="job-row" className="border-t border-line align-top">
            <td className="py-1">
              <code title={j.id}>
                {j.skill}/{j.tool}
              </code>
              {j.origin === 'schedule' && <span className="ml-1 text-xs text-muted">(schedule)</span>}
            </td>
            <td>
              <Badge tone={tones[j.state]}>{j.state}</Badge>
            </td>
            <td>
              {j.attempts}/{j.maxAttempts}
            </td>
            <td>{j.state === 'pending' ? when(j.runAt) : '–'}</td>
            <td className="max-w-64">
              {j.lastError && (
                <span className="line-clamp-2 text-xs break-words text-danger" title={j.lastError}>
                  {j.lastError}
                </span>
              )}
            </td>
          </tr>
        )}
      />
      <form
        onSubmit={(event) => void submit(event)}
        className="flex flex-wrap items-end gap-2"
        aria-label="Enqueue a job"
      >
        <ToolTargetForm idPrefix="job" onChange={setTarget} />
        <Field label="Idempotency key (optional)">
          <input value={key} onChange={(e) => setKey(e.target.value)} className={`w-36 ${inputClass}`} />
        </Field>
        <Field label="Max attempts">
          <input
            value={maxAttempts}
            onChange={(e) => setMaxAttempts(e.target.value)}
            aria-invalid={!attemptsValid}
            className={`w-16 ${inputClass}`}
          />
        </Field>
        <button type="submit" disabled={!valid} className={buttonClass}>
          Enqueue
        </button>
      </form>
      <p className="mt-2 text-xs text-muted">
        A failing job is retried after 30 s, 60 s, 120 s… until its attempts run out. The same key gives back
        the job it first made.
      </p>
    </div>
  )
}
