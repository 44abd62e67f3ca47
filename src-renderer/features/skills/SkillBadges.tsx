import type { SkillSummary } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { RiskBadge } from '../../components/RiskBadge'
import { useAppStore } from '../../stores/context'
import { originTitles, stateTones } from './presentation'

/**
 * State, origin, risk, update and problem flags of a skill, as shown in its row and its detail header:
 * a gated skill says why in its tooltip, a deprecated one names its replacement.
 * Rows show the risk only when it deserves a look (MEDIUM and up); the header always shows it.
 */
export function SkillBadges({ skill, showLowRisk = false }: { skill: SkillSummary; showLowRisk?: boolean }) {
  const deprecation = skill.deprecation
  const update = useAppStore('skills', (state) => state.updates[skill.name])
  const gatedReason = skill.ineligibleReasons.join('; ') || 'Not available on this machine'
  return (
    <span className="flex flex-wrap items-center gap-1">
      {!(deprecation && skill.state === 'deprecated') && (
        <Badge tone={stateTones[skill.state]} data-testid="skill-state-badge">
          {skill.state}
        </Badge>
      )}
      {skill.origin !== skill.state && <Badge title={originTitles[skill.origin]}>{skill.origin}</Badge>}
      {skill.risk && (showLowRisk || skill.risk !== 'LOW') && <RiskBadge risk={skill.risk} />}
      {!skill.eligible && (
        <Badge tone="warn" title={gatedReason} data-testid="skill-gated-badge">
          gated<span className="sr-only">: {gatedReason}</span>
        </Badge>
      )}
      {update && (
        <Badge
          tone={update === 'conflict' ? 'danger' : 'info'}
          title={
            update === 'conflict'
              ? 'Its source has a newer version, and it was also edited here'
              : 'Its source has a newer version (apply it from Sources)'
          }
          data-testid="skill-update-badge"
        >
          {update === 'conflict' ? 'update conflict' : 'update available'}
        </Badge>
      )}
      {!skill.valid && (
        <Badge tone="danger" title="SKILL.md has validation errors">
          invalid
        </Badge>
      )}
      {deprecation && (
        <Badge
          tone="warn"
          title={deprecation.reason}
          data-testid={skill.state === 'deprecated' ? 'skill-state-badge' : 'skill-deprecated-badge'}
        >
          deprecated{deprecation.replacement ? ` → ${deprecation.replacement}` : ''}
        </Badge>
      )}
    </span>
  )
}
