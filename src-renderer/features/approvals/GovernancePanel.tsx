import { ShieldAlert } from 'lucide-react'
import { useEffect } from 'react'
import { InlineError } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { useAppStore } from '../../stores/context'
import { GovernanceSwitches } from './GovernanceSwitches'
import { CRITICAL_RULE, governanceModes } from './presentation'

/** How new and changed skills are handled: the governance mode, each explained in plain words. */
export function GovernancePanel() {
  const governance = useAppStore('approvals', (state) => state.governance)
  const error = useAppStore('approvals', (state) => state.governanceError)
  const saving = useAppStore('approvals', (state) => state.governanceSaving)
  const load = useAppStore('approvals', (state) => state.loadGovernance)
  const save = useAppStore('approvals', (state) => state.setGovernance)
  const policy = useAppStore('team', (state) => state.policy)
  const loadPolicy = useAppStore('team', (state) => state.loadPolicy)
  // The machine's managed policy may pin the mode: then no radio can change it (the core refuses too).
  const pinned = policy?.governanceMode ?? null

  useEffect(() => {
    void load()
    void loadPolicy()
  }, [load, loadPolicy])

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-3 px-5 py-4">
      <h2 className="text-xl font-semibold">Governance</h2>
      <p className="text-muted">
        Select a request on the left to review it. Here you choose what needs a person.
      </p>
      {error && <InlineError>{error}</InlineError>}
      {!governance ? (
        !error && <SkeletonLines count={3} label="Loading governance" />
      ) : (
        <fieldset
          data-testid="governance-mode"
          disabled={saving || pinned !== null}
          aria-busy={saving}
          aria-describedby={pinned !== null ? 'governance-pinned' : undefined}
          className="flex flex-col gap-1.5"
        >
          <legend className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">Mode</legend>
          {pinned !== null && (
            <p id="governance-pinned" data-testid="governance-pinned" className="text-sm text-muted">
              The machine policy ({policy?.path}) sets the mode to <code>{pinned}</code>; only an
              administrator of this computer can change it there.
            </p>
          )}
          {governanceModes.map((mode) => (
            <label
              key={mode.value}
              className={`flex cursor-default items-start gap-2 rounded border px-3 py-2 ${
                governance.mode === mode.value ? 'border-accent bg-accent/6' : 'border-line hover:bg-fg/4'
              }`}
            >
              <input
                type="radio"
                name="governance-mode"
                value={mode.value}
                checked={governance.mode === mode.value}
                onChange={() => void save({ mode: mode.value })}
                className="mt-1"
              />
              <span className="flex flex-col">
                <span className="font-medium">
                  {mode.label} <code className="text-xs font-normal text-muted">{mode.value}</code>
                </span>
                <span className="text-sm text-muted">{mode.explanation}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <GovernanceSwitches />
      <p className="flex items-start gap-1.5 text-sm">
        <ShieldAlert size={14} className="mt-0.5 shrink-0 text-danger" aria-hidden />
        {CRITICAL_RULE}
      </p>
    </div>
  )
}
