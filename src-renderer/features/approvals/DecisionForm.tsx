import { useId, useState, type ReactNode } from 'react'
import type { Approval, TrustLevel } from '../../../src-main/contract'
import { useAppStore } from '../../stores/context'
import {
  approvalInput,
  approvalProblems,
  defaultTrust,
  NOTES_LIMIT,
  rejectionInput,
  rejectionProblem,
  trustedConfirmProblem,
  type DecisionFields,
} from './decisionForm'
import { trustDescriptions, trustLevels } from './presentation'

const inputClass = 'h-7 rounded border border-line bg-surface px-2 outline-none focus:border-accent'

/**
 * Trust level, allowed clients, rate limit and notes, then Approve or Reject. Risky skills start
 * sandboxed; `trusted` needs the skill's name typed, CRITICAL an acknowledgement, Reject a reason.
 */
export function DecisionForm({
  approval,
  currentTrust,
}: {
  approval: Approval
  /** The skill's trust level now (an update starts from it), when known. */
  currentTrust: TrustLevel | null
}) {
  const governance = useAppStore('approvals', (state) => state.governance)
  const deciding = useAppStore('approvals', (state) => state.deciding)
  const decide = useAppStore('approvals', (state) => state.decide)
  const [fields, setFields] = useState<DecisionFields>(() => ({
    trust: defaultTrust(approval, currentTrust, governance?.defaultTrust ?? null),
    allowedClients: '',
    rateLimit: '',
    notes: '',
    confirmName: '',
  }))
  const [acknowledged, setAcknowledged] = useState(false)
  // The reason's "required" message shows once Reject was pressed without one.
  const [rejectTried, setRejectTried] = useState(false)
  const ids = { trust: useId(), clients: useId(), rate: useId(), notes: useId(), confirm: useId() }
  const problems = approvalProblems(fields)
  const confirmProblem = trustedConfirmProblem(fields, approval.skill)
  const notesProblem = rejectTried ? rejectionProblem(fields) : problems.notes
  const critical = approval.risk === 'CRITICAL'
  const canApprove =
    Object.keys(problems).length === 0 && !confirmProblem && (!critical || acknowledged) && !deciding
  const reject = (): void => {
    setRejectTried(true)
    if (rejectionProblem(fields)) return document.getElementById(ids.notes)?.focus()
    void decide(rejectionInput(fields))
  }
  const change = (patch: Partial<DecisionFields>): void => setFields((current) => ({ ...current, ...patch }))

  return (
    <form
      aria-label="Decision"
      noValidate
      className="flex flex-col gap-2.5"
      onSubmit={(event) => {
        event.preventDefault()
        if (canApprove) void decide(approvalInput(fields, critical && acknowledged))
      }}
    >
      <Field id={ids.trust} label="Trust level" hint={trustDescriptions[fields.trust]}>
        <select
          id={ids.trust}
          data-testid="trust-select"
          aria-describedby={`${ids.trust}-hint`}
          value={fields.trust}
          onChange={(event) => change({ trust: event.target.value as TrustLevel })}
          className={`${inputClass} w-48`}
        >
          {trustLevels.map((level) => (
            <option key={level} value={level}>
              {level}
              {level === approval.requestedTrust ? ' (requested)' : ''}
            </option>
          ))}
        </select>
      </Field>
      {fields.trust === 'trusted' && (
        <Field id={ids.confirm} label={`Type ${approval.skill} to approve as trusted`} hint={confirmProblem}>
          <input
            id={ids.confirm}
            data-testid="trusted-confirm"
            aria-describedby={confirmProblem ? `${ids.confirm}-hint` : undefined}
            value={fields.confirmName}
            onChange={(event) => change({ confirmName: event.target.value })}
            spellCheck={false}
            autoComplete="off"
            className={`${inputClass} max-w-md`}
          />
        </Field>
      )}
      <Field
        id={ids.clients}
        label={fields.trust === 'restricted' ? 'Allowed clients (required)' : 'Allowed clients'}
        hint={problems.allowedClients ?? 'Comma separated client names, e.g. claude-desktop, cursor.'}
        invalid={problems.allowedClients !== undefined}
      >
        <input
          id={ids.clients}
          data-testid="allowed-clients"
          aria-describedby={`${ids.clients}-hint`}
          aria-required={fields.trust === 'restricted'}
          value={fields.allowedClients}
          onChange={(event) => change({ allowedClients: event.target.value })}
          aria-invalid={problems.allowedClients !== undefined}
          spellCheck={false}
          className={`${inputClass} max-w-md`}
        />
      </Field>
      <Field
        id={ids.rate}
        label="Rate limit (calls per minute)"
        hint={problems.rateLimit}
        invalid={!!problems.rateLimit}
      >
        <input
          id={ids.rate}
          type="number"
          min={1}
          max={100_000}
          step={1}
          placeholder="No limit"
          data-testid="rate-limit"
          aria-describedby={problems.rateLimit ? `${ids.rate}-hint` : undefined}
          value={fields.rateLimit}
          onChange={(event) => change({ rateLimit: event.target.value })}
          aria-invalid={problems.rateLimit !== undefined}
          className={`${inputClass} w-32`}
        />
      </Field>
      <Field id={ids.notes} label="Notes (required to reject)" hint={notesProblem} invalid={!!notesProblem}>
        <textarea
          id={ids.notes}
          data-testid="decision-notes"
          aria-invalid={notesProblem !== undefined}
          aria-describedby={notesProblem ? `${ids.notes}-hint` : undefined}
          rows={2}
          maxLength={NOTES_LIMIT + 1}
          value={fields.notes}
          onChange={(event) => change({ notes: event.target.value })}
          className="max-w-xl rounded border border-line bg-surface px-2 py-1 outline-none focus:border-accent"
        />
      </Field>
      {critical && (
        <label className="flex items-start gap-2 text-sm text-danger">
          <input
            type="checkbox"
            data-testid="critical-ack"
            checked={acknowledged}
            onChange={(event) => setAcknowledged(event.target.checked)}
          />
          I have read the CRITICAL findings and still want this skill to run.
        </label>
      )}
      <div className="flex gap-2">
        <button
          type="submit"
          data-testid="approve-button"
          disabled={!canApprove}
          className="h-7 rounded bg-ok px-3 font-medium text-surface disabled:cursor-not-allowed disabled:opacity-50"
        >
          {deciding ? 'Deciding…' : `Approve as ${fields.trust}`}
        </button>
        <button
          type="button"
          data-testid="reject-button"
          disabled={deciding}
          onClick={reject}
          className="h-7 rounded border border-danger/40 px-3 font-medium text-danger hover:bg-danger/8 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Reject
        </button>
      </div>
    </form>
  )
}

function Field(props: {
  id: string
  label: string
  hint?: string | undefined
  invalid?: boolean
  children: ReactNode
}) {
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={props.id} className="text-sm font-medium">
        {props.label}
      </label>
      {props.children}
      {props.hint && (
        <p className={`text-xs ${props.invalid ? 'text-danger' : 'text-muted'}`} id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  )
}
