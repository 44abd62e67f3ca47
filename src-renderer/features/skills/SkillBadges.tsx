import type { SkillSummary } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { originTitles, stateTones } from './presentation'

/** State, origin and problem flags of a skill, as shown in its row and its detail header. */
export function SkillBadges({ skill }: { skill: SkillSummary }) {
  const deprecation = skill.deprecation
  return (
    <span className="flex flex-wrap items-center gap-1">
      <Badge tone={stateTones[skill.state]} data-testid="skill-state-badge">
        {skill.state}
      </Badge>
      {skill.origin !== skill.state && <Badge title={originTitles[skill.origin]}>{skill.origin}</Badge>}
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
