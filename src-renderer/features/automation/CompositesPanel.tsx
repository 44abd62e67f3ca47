import { useState, type FormEvent } from 'react'
import type { CompositeStep } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { routeHref } from '../../router'
import { useAppStore } from '../../stores/context'
import { buttonClass, Field, inputClass } from './fields'

const STEP = /^[^/|\s]+\/[^/|\s]+$/

/** Step groups in order; the steps of one group run in parallel. */
function Plan({ plan }: { plan: CompositeStep[][] }) {
  return (
    <ol className="flex flex-col gap-0.5 text-xs">
      {plan.map((group, i) => (
        <li key={i} className="flex items-center gap-1">
          <span className="w-4 text-right text-muted">{i + 1}.</span>
          {group.map((s, j) => (
            <span key={j} className="flex items-center gap-1">
              {j > 0 && <span className="text-muted">|</span>}
              <code>
                {s.skill}/{s.tool}
              </code>
            </span>
          ))}
        </li>
      ))}
    </ol>
  )
}

/** Lines of `<skill>/<tool>` (`|` between steps that run in parallel) → the steps, or what is wrong. */
export function parseStepLines(text: string): { steps: string[] } | { error: string } {
  const steps = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  if (steps.length === 0) return { error: 'Write at least one step.' }
  for (const line of steps) {
    const bad = line.split('|').find((part) => !STEP.test(part.trim()))
    if (bad !== undefined) return { error: `"${bad.trim()}" is not <skill>/<tool>.` }
  }
  return {
    steps: steps.map((line) =>
      line
        .split('|')
        .map((p) => p.trim())
        .join('|'),
    ),
  }
}

/** Composite skills: steps of other skills' tools, run in order or in parallel groups. */
export function CompositesPanel() {
  const composites = useAppStore('automation', (state) => state.composites)
  const dryRun = useAppStore('automation', (state) => state.dryRun)
  const created = useAppStore('automation', (state) => state.createdComposite)
  const runDry = useAppStore('automation', (state) => state.runDry)
  const closeDryRun = useAppStore('automation', (state) => state.closeDryRun)
  const createComposite = useAppStore('automation', (state) => state.createComposite)
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [stepsText, setStepsText] = useState('')
  const parsed = parseStepLines(stepsText)
  const stepsError = stepsText.trim() !== '' && 'error' in parsed ? parsed.error : null
  const valid = name.trim() !== '' && 'steps' in parsed

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!('steps' in parsed)) return
    const ok = await createComposite({
      name: name.trim(),
      steps: parsed.steps,
      ...(description.trim() ? { description: description.trim() } : {}),
    })
    if (ok) {
      setName('')
      setDescription('')
      setStepsText('')
    }
  }

  return (
    <div>
      {created && (
        <p role="status" className="mb-2 text-sm">
          Created the composite <code>{created.name}</code>.{' '}
          {created.status === 'approved' ? (
            'It was approved and is active.'
          ) : (
            <a className="text-accent underline" href={routeHref('approvals', created.approvalId)}>
              It waits for approval.
            </a>
          )}
        </p>
      )}
      <ul className="mb-3 flex flex-col gap-2 text-sm" aria-label="Composite skills">
        {composites.length === 0 && <li className="text-muted">No composite skills.</li>}
        {composites.map((c) => (
          <li key={c.name} data-testid="composite-row" className="rounded border border-line p-2">
            <div className="mb-1 flex items-center gap-2">
              <code className="font-medium">{c.name}</code>
              <Badge>{c.state}</Badge>
              <span className="min-w-0 flex-1 truncate text-xs text-muted" title={c.description}>
                {c.description}
              </span>
              <button
                type="button"
                className="rounded px-1.5 py-0.5 text-xs hover:bg-fg/8"
                onClick={() => void runDry(c.name)}
              >
                Dry run
              </button>
            </div>
            <Plan plan={c.plan} />
            {dryRun?.name === c.name && (
              <div data-testid="composite-dry-run" className="mt-2 rounded bg-fg/5 p-2">
                <div className="mb-1 flex items-center justify-between text-xs">
                  <span className="font-medium">Plan (nothing was called)</span>
                  <button type="button" className="text-muted hover:text-fg" onClick={closeDryRun}>
                    Close
                  </button>
                </div>
                <Plan plan={dryRun.plan} />
              </div>
            )}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => void submit(event)}
        className="flex flex-col gap-2"
        aria-label="Create a composite skill"
      >
        <div className="flex flex-wrap items-end gap-2">
          <Field label="Name">
            <input value={name} onChange={(e) => setName(e.target.value)} className={`w-44 ${inputClass}`} />
          </Field>
          <Field label="Description (optional)">
            <input
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              className={`w-80 ${inputClass}`}
            />
          </Field>
        </div>
        <Field label="Steps: one <skill>/<tool> per line; join parallel steps with |">
          <textarea
            value={stepsText}
            onChange={(e) => setStepsText(e.target.value)}
            rows={3}
            spellCheck={false}
            aria-invalid={stepsError !== null}
            placeholder={'json-tools/json_format\ntext-stats/text_statistics | text-stats/top_words'}
            className="rounded border border-line bg-surface px-2 py-1 font-mono text-xs outline-none focus:border-accent"
          />
        </Field>
        {stepsError && (
          <p className="text-xs text-danger" role="alert">
            {stepsError}
          </p>
        )}
        <div>
          <button type="submit" disabled={!valid} className={buttonClass}>
            Create and submit for approval
          </button>
        </div>
      </form>
    </div>
  )
}
