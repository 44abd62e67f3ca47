import { useState } from 'react'
import { InlineError } from '../../components/InlineError'
import { bulkApprovable } from '../../stores/approvals'
import { useAppStore } from '../../stores/context'

/**
 * "Approve all LOW-risk": asks first, then approves each pending LOW request at its requested trust.
 * Requests asking for `trusted` are left for one-by-one review (they need the name typed).
 */
export function BulkApproveLow() {
  const low = useAppStore('approvals', (state) => state.pending.filter(bulkApprovable).length)
  const askTrusted = useAppStore(
    'approvals',
    (state) =>
      state.pending.filter((item) => item.risk === 'LOW' && item.requestedTrust === 'trusted').length,
  )
  const bulk = useAppStore('approvals', (state) => state.bulk)
  const approveAllLow = useAppStore('approvals', (state) => state.approveAllLow)
  const dismiss = useAppStore('approvals', (state) => state.dismissBulk)
  const [confirming, setConfirming] = useState(false)

  if (bulk) {
    return (
      <div className="flex flex-col gap-1 text-sm" aria-live="polite" data-testid="bulk-outcome">
        <p>
          {bulk.running ? 'Approving… ' : ''}
          {bulk.approved} approved{bulk.failures.length > 0 ? `, ${bulk.failures.length} failed` : ''}.
        </p>
        {bulk.failures.map((failure) => (
          <InlineError key={failure.skill}>
            {failure.skill}: {failure.message}
          </InlineError>
        ))}
        {!bulk.running && (
          <button type="button" className="self-start text-accent underline" onClick={dismiss}>
            Done
          </button>
        )}
      </div>
    )
  }
  if (low === 0) return null
  if (!confirming) {
    return (
      <button
        type="button"
        data-testid="approve-all-low"
        onClick={() => setConfirming(true)}
        className="h-6 self-start rounded border border-line bg-surface px-2 text-sm hover:bg-fg/6"
      >
        Approve all LOW-risk ({low})
      </button>
    )
  }
  return (
    <div role="group" aria-label="Confirm bulk approval" className="flex flex-col gap-1.5 text-sm">
      <p>
        Approve {low} LOW-risk {low === 1 ? 'request' : 'requests'}, each at the trust level it asked for?
        They become active at once.
        {askTrusted > 0 &&
          ` ${askTrusted} asking for trusted ${askTrusted === 1 ? 'is' : 'are'} left for you to review one by one.`}
      </p>
      <div className="flex gap-2">
        <button
          type="button"
          data-testid="confirm-approve-all-low"
          autoFocus
          onClick={() => {
            setConfirming(false)
            void approveAllLow()
          }}
          className="h-6 rounded bg-accent px-2 font-medium text-surface"
        >
          Approve {low}
        </button>
        <button
          type="button"
          onClick={() => setConfirming(false)}
          className="h-6 rounded border border-line px-2 hover:bg-fg/6"
        >
          Cancel
        </button>
      </div>
    </div>
  )
}
