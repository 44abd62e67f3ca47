import type { SkillDetail } from '../../../src-main/contract'
import { InlineError } from '../../components/InlineError'
import { Switch } from '../../components/Switch'
import { useSkillsStore } from '../../stores/context'
import { isEnabledState } from './presentation'

const INVALID_REASON = 'This skill has validation errors; fix them before enabling it.'

/** The Enable/Disable switch. An invalid skill cannot be switched on, but can always be switched off. */
export function SkillEnableToggle({ detail }: { detail: SkillDetail }) {
  const pending = useSkillsStore((state) => state.togglePending)
  const error = useSkillsStore((state) => state.toggleError)
  const setEnabled = useSkillsStore((state) => state.setEnabled)
  const enabled = isEnabledState(detail.state)
  const blocked = !detail.valid && !enabled

  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-center gap-3">
        <Switch
          checked={enabled}
          onChange={(next) => void setEnabled(next)}
          disabled={blocked || pending}
          label="Enabled"
          title={blocked ? INVALID_REASON : undefined}
          data-testid="enable-toggle"
        />
        <span className="text-sm text-muted">
          State: <span className="font-medium text-fg">{detail.state}</span>
        </span>
      </div>
      {blocked && <p className="text-sm text-muted">{INVALID_REASON}</p>}
      {error && <InlineError>{error}</InlineError>}
    </div>
  )
}
