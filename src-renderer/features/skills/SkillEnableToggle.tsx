import type { SkillDetail } from '../../../src-main/contract'
import { InlineError } from '../../components/InlineError'
import { Switch } from '../../components/Switch'
import { routeHref } from '../../router'
import { useAppStore } from '../../stores/context'
import { isEnabledState } from './presentation'

const INVALID_REASON = 'This skill has validation errors; fix them before enabling it.'
export const PENDING_LABEL = 'Enable requested — awaiting approval'

/**
 * The Enable/Disable switch. An invalid skill cannot be switched on, but can always be switched off.
 * A pending skill is not enabled: the switch says a request waits, and links to it.
 */
export function SkillEnableToggle({ detail }: { detail: SkillDetail }) {
  const pending = useAppStore('skills', (state) => state.togglePending)
  const error = useAppStore('skills', (state) => state.toggleError)
  const setEnabled = useAppStore('skills', (state) => state.setEnabled)
  const enabled = isEnabledState(detail.state)
  const awaiting = detail.state === 'pending'
  const blocked = !detail.valid && !enabled
  const request = awaiting && detail.approval?.status === 'pending' ? detail.approval : null

  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-center gap-3">
        <Switch
          checked={enabled}
          onChange={(next) => void setEnabled(next)}
          disabled={blocked || pending || awaiting}
          label={awaiting ? PENDING_LABEL : 'Enabled'}
          title={blocked ? INVALID_REASON : awaiting ? 'A person decides in Approvals' : undefined}
          data-testid="enable-toggle"
        />
        <span className="text-sm text-muted">
          State: <span className="font-medium text-fg">{detail.state}</span>
        </span>
        {request && (
          <a
            href={routeHref('approvals', request.id)}
            data-testid="pending-approval-link"
            className="text-sm text-accent hover:underline"
          >
            Review the request
          </a>
        )}
      </div>
      {blocked && <p className="text-sm text-muted">{INVALID_REASON}</p>}
      {error && <InlineError>{error}</InlineError>}
    </div>
  )
}
