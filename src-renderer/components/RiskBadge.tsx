import type { RiskLevel } from '../../src-main/contract'
import { Badge, type BadgeTone } from './Badge'

/** Severity colours, shared by risk levels and scan findings. */
export const riskTones: Record<RiskLevel, BadgeTone> = {
  LOW: 'ok',
  MEDIUM: 'warn',
  HIGH: 'danger',
  CRITICAL: 'critical',
}

const riskTitles: Record<RiskLevel, string> = {
  LOW: 'Low risk: the scan found nothing worrying',
  MEDIUM: 'Medium risk: the scan found things worth a look',
  HIGH: 'High risk: the scan found dangerous behaviour',
  CRITICAL: 'Critical risk: a person must review this before it runs',
}

/** The scan's overall risk of a skill or request. */
export function RiskBadge({ risk, 'data-testid': testId }: { risk: RiskLevel; 'data-testid'?: string }) {
  return (
    <Badge tone={riskTones[risk]} title={riskTitles[risk]} data-testid={testId ?? 'risk-badge'}>
      {risk}
    </Badge>
  )
}
