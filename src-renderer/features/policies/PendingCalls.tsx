import { useEffect, useState } from 'react'
import type { CallRequest } from '../../../src-main/contract'
import { InlineError } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'

/** How often the list is re-read: decisions and expiries may come from another process (the CLI). */
const REFRESH_MS = 5000

/** Calls held by a requires_approval policy, with their arguments, to approve or deny. */
export function PendingCalls() {
  const calls = useAppStore('policies', (state) => state.pendingCalls)
  const loadCalls = useAppStore('policies', (state) => state.loadCalls)
  // A failed decision first; else why the list could not be re-read (it may be out of date).
  const error = useAppStore('policies', (state) => state.error ?? state.callsError)

  useEffect(() => {
    void loadCalls()
    const timer = setInterval(() => void loadCalls(), REFRESH_MS)
    return () => clearInterval(timer)
  }, [loadCalls])

  if (calls.length === 0) return null
  return (
    <section
      aria-label="Calls waiting for approval"
      className="flex max-h-[50%] shrink-0 flex-col gap-1.5 overflow-y-auto border-b border-line p-2"
    >
      <h2 className="text-xs font-semibold tracking-wide text-muted uppercase">
        Calls waiting for approval ({calls.length})
      </h2>
      {error && <InlineError>{error}</InlineError>}
      <ul className="flex flex-col gap-1.5">
        {calls.map((call) => (
          <PendingCall key={call.id} call={call} />
        ))}
      </ul>
    </section>
  )
}

function PendingCall({ call }: { call: CallRequest }) {
  const decide = useAppStore('policies', (state) => state.decide)
  const busy = useAppStore('policies', (state) => state.deciding.includes(call.id))
  const [reason, setReason] = useState('')
  return (
    <li
      data-testid="pending-call"
      data-call={call.id}
      className="flex flex-col gap-1 rounded border border-line bg-surface p-2 text-sm"
    >
      <div className="font-medium">
        {call.skill}/{call.tool}
      </div>
      <div className="text-xs text-muted">
        from {call.client} ({call.origin}) · waits until {new Date(call.expiresAt).toLocaleTimeString()}
      </div>
      {/* Arguments come from the client: shown as text, never as markup. */}
      <pre className="max-h-40 overflow-auto rounded bg-fg/5 p-1.5 text-xs whitespace-pre-wrap">
        {JSON.stringify(call.arguments, null, 2)}
      </pre>
      <input
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        placeholder="Reason (optional, shown to the client)"
        aria-label={`Reason for ${call.skill}/${call.tool}`}
        className="h-7 rounded border border-line bg-surface px-2 outline-none focus:border-accent"
      />
      <div className="flex gap-2">
        <button
          type="button"
          disabled={busy}
          onClick={() => void decide(call.id, true, reason.trim() || undefined)}
          className="h-7 rounded bg-ok px-3 font-medium text-surface disabled:cursor-not-allowed disabled:opacity-50"
        >
          Approve call
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => void decide(call.id, false, reason.trim() || undefined)}
          className="h-7 rounded border border-danger/40 px-3 font-medium text-danger hover:bg-danger/8 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Deny call
        </button>
      </div>
    </li>
  )
}
