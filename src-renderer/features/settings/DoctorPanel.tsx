import { CircleAlert, CircleCheck, CircleX, Stethoscope } from 'lucide-react'
import type { DoctorCheck } from '../../../src-main/contract'
import { InlineError } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'
import { buttonClass, SettingsSection } from './SettingsSection'

const statusIcon = {
  ok: <CircleCheck size={14} className="text-ok" aria-label="pass" />,
  warn: <CircleAlert size={14} className="text-warn" aria-label="warning" />,
  fail: <CircleX size={14} className="text-danger" aria-label="fail" />,
} satisfies Record<DoctorCheck['status'], unknown>

/** The environment checks of `skilldock doctor`, each with what to do when it does not pass. */
export function DoctorPanel() {
  const checks = useAppStore('system', (state) => state.checks)
  const checking = useAppStore('system', (state) => state.checking)
  const error = useAppStore('system', (state) => state.doctorError)
  const runDoctor = useAppStore('system', (state) => state.runDoctor)
  const failing = checks?.filter((check) => check.status !== 'ok').length ?? 0

  return (
    <SettingsSection
      id="settings-doctor"
      title="Doctor"
      intro="Checks python3, git, the keychain, the sandbox tools, the data home and the endpoint port."
    >
      <div className="flex items-center gap-2">
        <button
          type="button"
          data-testid="doctor-run"
          onClick={() => void runDoctor()}
          disabled={checking}
          className={buttonClass}
        >
          <Stethoscope size={13} aria-hidden />
          {checking ? 'Checking…' : checks ? 'Run again' : 'Run checks'}
        </button>
        {checks && (
          <span role="status" className={`text-sm ${failing ? 'text-warn' : 'text-ok'}`}>
            {failing === 0 ? 'Everything passed.' : `${failing} of ${checks.length} need attention.`}
          </span>
        )}
      </div>
      {error && <InlineError>{error}</InlineError>}
      {checks && (
        <ul className="flex flex-col divide-y divide-line/60 text-sm" data-testid="doctor-checks">
          {checks.map((check) => (
            <li
              key={check.id}
              className="flex gap-2 py-1.5"
              data-testid="doctor-check"
              data-status={check.status}
            >
              <span className="mt-0.5 shrink-0">{statusIcon[check.status]}</span>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-baseline gap-x-2">
                  <span className="font-medium">{check.label}</span>
                  <span className="break-words text-muted">{check.detail}</span>
                </div>
                {check.fix && check.status !== 'ok' && (
                  <p className="mt-0.5 break-words text-xs">
                    <span className="font-medium">Fix: </span>
                    {check.fix}
                  </p>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </SettingsSection>
  )
}
