import type { SkillSummary } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { RiskBadge } from '../../components/RiskBadge'
import { originTitles, stateTones } from './presentation'

/**
 * State, origin, risk and problem flags of a skill, as shown in its row and its detail header.
 * Rows show the risk only when it deserves a look (MEDIUM and up); the header always shows it.
 */
export function SkillBadges({ skill, showLowRisk = false }: { skill: SkillSummary; showLowRisk?: boolean }) {
  const deprecation = skill.deprecation
  return (
    <span className="flex flex-wrap items-center gap-1">
      <Badge tone={stateTones[skill.state]} data-testid="skill-state-badge">
        {skill.state}
      </Badge>
      {skill.origin !== skill.state && <Badge title={originTitles[skill.origin]}>{skill.origin}</Badge>}
      {skill.risk && (showLowRisk || skill.risk !== 'LOW') && <RiskBadge risk={skill.risk} />}
      {!skill.eligible && (
        <Badge tone="warn" title={skill.ineligibleReasons.join('\n') || 'Not available on this machine'}>
          unavailable
        </Badge>
      )}
      {!skill.valid && (
        <Badge tone="danger" title="SKILL.md has validation errors">
          invalid
        </Badge>
      )}
      {deprecation && skill.state !== 'deprecated' && (
        <Badge tone="warn" title={deprecation.reason}>
          deprecated
        </Badge>
      )}
    </span>
  )
}
