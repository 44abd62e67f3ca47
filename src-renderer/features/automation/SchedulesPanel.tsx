import { useState, type FormEvent } from 'react'
import type { ScheduleInfo } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { useAppStore } from '../../stores/context'
import { buttonClass, Field, inputClass, removeClass, when } from './fields'
import { ItemTable } from './ItemTable'
import { ToolTargetForm, type ToolTarget } from './ToolTargetForm'

function cadence(s: ScheduleInfo): string {
  return s.everySeconds !== null ? `every ${formatSeconds(s.everySeconds)}` : `once at ${when(s.at)}`
}

function formatSeconds(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`
  }
  return `${seconds}s`
}

/** The last outcome of a schedule: the state of the job it queued and that job's error. */
function Outcome({ outcome }: { outcome: ScheduleInfo['lastOutcome'] }) {
  if (!outcome) return <span className="text-muted">not run yet</span>
  return (
    <span className="flex min-w-0 items-center gap-1">
      <Badge tone={outcome.state === 'succeeded' ? 'ok' : outcome.state === 'failed' ? 'danger' : 'neutral'}>
        {outcome.state}
      </Badge>
      {outcome.error && (
        <span className="truncate text-xs text-danger" title={outcome.error}>
          {outcome.error}
        </span>
      )}
    </span>
  )
}

/** Schedules: a tool run on an interval or once at a time, by serve or the desktop app. */
export function SchedulesPanel() {
  const schedules = useAppStore('automation', (state) => state.schedules)
  const addSchedule = useAppStore('automation', (state) => state.addSchedule)
  const removeSchedule = useAppStore('automation', (state) => state.removeSchedule)
  const [target, setTarget] = useState<ToolTarget | null>(null)
  // A new key starts the tool form over after a schedule is added.
  const [formKey, setFormKey] = useState(0)
  const [mode, setMode] = useState<'every' | 'at'>('every')
  const [every, setEvery] = useState('1h')
  const [at, setAt] = useState('')
  const valid = target !== null && (mode === 'every' ? every.trim() : at)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!target) return
    const added = await addSchedule({
      ...target,
      ...(mode === 'every' ? { every: every.trim() } : { at: new Date(at).toISOString() }),
    })
    if (added) {
      setTarget(null)
      setFormKey((k) => k + 1)
    }
  }

  return (
    <div>
      <ItemTable
        label="Schedules"
        columns={['Tool', 'When', 'Next run', 'Last outcome', '']}
        empty="No schedules."
        items={schedules}
        row={(s) => (
          <tr key={s.id} data-testid="schedule-row" className="border-t border-line">
            <td className="py-1">
              <code>
                {s.skill}/{s.tool}
              </code>
            </td>
            <td>{cadence(s)}</td>
            <td title={s.lastRunAt ? `last run ${when(s.lastRunAt)}` : undefined}>
              {s.nextRunAt ? when(s.nextRunAt) : 'done'}
            </td>
            <td className="max-w-48">
              <Outcome outcome={s.lastOutcome} />
            </td>
            <td className="text-right">
              <button
                type="button"
                className={removeClass}
                aria-label={`Remove schedule ${s.id}`}
                onClick={() => void removeSchedule(s.id)}
              >
                Remove
              </button>
            </td>
          </tr>
        )}
      />
      <form
        onSubmit={(event) => void submit(event)}
        className="flex flex-wrap items-end gap-2"
        aria-label="Add a schedule"
      >
        <ToolTargetForm key={formKey} idPrefix="schedule" onChange={setTarget} />
        <Field label="Runs">
          <select
            value={mode}
            onChange={(e) => setMode(e.target.value as 'every' | 'at')}
            className={inputClass}
          >
            <option value="every">every</option>
            <option value="at">once at</option>
          </select>
        </Field>
        {mode === 'every' ? (
          <Field label="Interval (e.g. 15m, 1h, 1d)">
            <input
              data-testid="schedule-every"
              value={every}
              onChange={(e) => setEvery(e.target.value)}
              className={`w-24 ${inputClass}`}
            />
          </Field>
        ) : (
          <Field label="Time">
            <input
              type="datetime-local"
              data-testid="schedule-at"
              value={at}
              onChange={(e) => setAt(e.target.value)}
              className={inputClass}
            />
          </Field>
        )}
        <button type="submit" disabled={!valid} className={buttonClass}>
          Add schedule
        </button>
      </form>
      <p className="mt-2 text-xs text-muted">
        Schedules run while SkillDock (the app or <code>skilldock serve</code>) is running. Runs missed while
        it was closed fire once when it starts again; the interval continues from then.
      </p>
    </div>
  )
}
