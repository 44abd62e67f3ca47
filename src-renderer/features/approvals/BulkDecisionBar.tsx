import { useState } from 'react'
import type { TrustLevel } from '../../../src-main/contract'
import { useAppStore } from '../../stores/context'
import { RESTRICTED_RULE } from './presentation'

/** Trust levels one decision may give many requests: never `trusted` (its name must be typed, one by one). */
const bulkTrust: ReadonlyArray<{ value: TrustLevel | ''; label: string }> = [
  { value: '', label: 'As each requested' },
  { value: 'monitored', label: 'monitored' },
  { value: 'sandboxed', label: 'sandboxed' },
  { value: 'restricted', label: 'restricted' },
]

/**
 * One decision (trust, allowed clients, notes) for every ticked request. The core still approves and
 * records each request on its own, and leaves out any that became CRITICAL or ask for `trusted`.
 */
export function BulkDecisionBar() {
  const count = useAppStore('approvals', (state) => state.selected.length)
  const running = useAppStore('approvals', (state) => state.bulk?.running === true)
  const approveSelected = useAppStore('approvals', (state) => state.approveSelected)
  const clearSelection = useAppStore('approvals', (state) => state.clearSelection)
  const [trust, setTrust] = useState<TrustLevel | ''>('')
  const [clients, setClients] = useState('')
  const [notes, setNotes] = useState('')
  if (count === 0) return null
  const allowedClients = clients
    .split(',')
    .map((client) => client.trim())
    .filter(Boolean)
  const blocked = trust === 'restricted' && allowedClients.length === 0
  return (
    <div
      role="group"
      aria-label="Decide the selected requests"
      data-testid="bulk-decision"
      className="flex flex-col gap-1.5 rounded border border-line bg-surface p-2 text-sm"
    >
      <p className="font-medium" data-testid="bulk-selected-count">
        {count} selected
      </p>
      <label className="flex items-center gap-1.5">
        Trust
        <select
          data-testid="bulk-trust"
          value={trust}
          onChange={(event) => setTrust(event.target.value as TrustLevel | '')}
          className="h-6 rounded border border-line bg-surface px-1"
        >
          {bulkTrust.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      {trust === 'restricted' && (
        <label className="flex flex-col gap-0.5">
          Allowed clients (comma-separated)
          <input
            data-testid="bulk-allowed-clients"
            value={clients}
            onChange={(event) => setClients(event.target.value)}
            className="h-6 rounded border border-line bg-surface px-1"
          />
          {blocked && <span className="text-warn">{RESTRICTED_RULE}</span>}
        </label>
      )}
      <label className="flex flex-col gap-0.5">
        Notes
        <input
          data-testid="bulk-notes"
          value={notes}
          maxLength={2000}
          onChange={(event) => setNotes(event.target.value)}
          className="h-6 rounded border border-line bg-surface px-1"
        />
      </label>
      <p className="text-muted">
        Each request is approved and recorded on its own. Trusted is never given in bulk; requests asking for
        it are left for you to review one by one.
      </p>
      <div className="flex gap-2">
        <button
          type="button"
          data-testid="bulk-approve"
          disabled={blocked || running}
          onClick={() =>
            void approveSelected({
              ...(trust ? { trust } : {}),
              ...(trust === 'restricted' ? { allowedClients } : {}),
              ...(notes.trim() ? { notes: notes.trim() } : {}),
            })
          }
          className="h-6 rounded bg-accent px-2 font-medium text-surface disabled:opacity-50"
        >
          Approve {count}
        </button>
        <button
          type="button"
          onClick={clearSelection}
          className="h-6 rounded border border-line px-2 hover:bg-fg/6"
        >
          Clear selection
        </button>
      </div>
    </div>
  )
}

/** "Approve all LOW from <source>": the list of what would be approved, before anything is. */
export function LowFromSourcePreview() {
  const preview = useAppStore('approvals', (state) => state.preview)
  const confirm = useAppStore('approvals', (state) => state.confirmPreview)
  const cancel = useAppStore('approvals', (state) => state.cancelPreview)
  if (!preview) return null
  const listed = preview.items.filter((item) => item.outcome === 'would-approve')
  const left = preview.items.filter((item) => item.outcome === 'skipped')
  return (
    <div
      role="group"
      aria-label={`Approve all LOW from ${preview.source}`}
      data-testid="low-from-source-preview"
      className="flex flex-col gap-1.5 rounded border border-line bg-surface p-2 text-sm"
    >
      {preview.loading ? (
        <p>Listing the LOW-risk requests from {preview.source}…</p>
      ) : preview.error ? (
        <p className="text-danger">{preview.error}</p>
      ) : (
        <>
          <p>
            Approve {listed.length} LOW-risk {listed.length === 1 ? 'request' : 'requests'} from{' '}
            <strong>{preview.source}</strong>, each at the trust it asked for?
          </p>
          <ul className="max-h-40 overflow-y-auto" data-testid="low-preview-list">
            {listed.map((item) => (
              <li key={item.id} data-skill={item.skill}>
                {item.skill} <span className="text-muted">({item.trust})</span>
              </li>
            ))}
          </ul>
          {left.length > 0 && (
            <p className="text-muted" data-testid="low-preview-left">
              Left for you: {left.map((item) => `${item.skill} (${item.reason})`).join(', ')}
            </p>
          )}
        </>
      )}
      <div className="flex gap-2">
        {!preview.loading && listed.length > 0 && (
          <button
            type="button"
            data-testid="confirm-low-from-source"
            autoFocus
            onClick={() => void confirm()}
            className="h-6 rounded bg-accent px-2 font-medium text-surface"
          >
            Approve {listed.length}
          </button>
        )}
        <button type="button" onClick={cancel} className="h-6 rounded border border-line px-2 hover:bg-fg/6">
          Cancel
        </button>
      </div>
    </div>
  )
}
