import type { RiskLevel, ScanFinding, ScanReport, TrustLevel } from '../../contract/models'
import { loadSkill } from '../skills/manifest'
import { planFromFrontmatter, stepLabel } from './compositeSpec'

const order: RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']
const atLeast = (a: RiskLevel, b: RiskLevel): RiskLevel => (order.indexOf(a) >= order.indexOf(b) ? a : b)

/** What the review needs to know of a step's target skill (null: no such skill). */
export type TargetTrust = (skill: string) => { trust: TrustLevel; state: string } | null

/**
 * Wraps the trust scanner: a composite (a SKILL.md whose frontmatter lists steps, and nothing else
 * to scan) calls other skills with whatever arguments its caller passes, so it is never LOW risk and
 * never approved automatically. Each step becomes a finding naming the target and its trust level,
 * which the approval request shows the person deciding.
 */
export function reviewComposites(
  scan: (dir: string) => Promise<ScanReport>,
  targets: TargetTrust,
): (dir: string) => Promise<ScanReport> {
  return async (dir) => {
    const report = await scan(dir)
    let plan = null
    try {
      plan = planFromFrontmatter(loadSkill(dir).manifest.frontmatter)
    } catch {
      // The scanner already reported an unreadable folder.
    }
    if (!plan) return report
    const findings: ScanFinding[] = plan.flatMap((group, g) =>
      group.map((step): ScanFinding => {
        const target = targets(step.skill)
        const trust = target ? `${target.trust}, ${target.state}` : 'no such skill'
        const restricted = target?.trust === 'restricted'
        return {
          rule: 'composite.step',
          severity: restricted ? 'HIGH' : 'MEDIUM',
          file: 'SKILL.md',
          line: null,
          message:
            `Step ${g + 1} calls ${stepLabel(step)} (trust: ${trust}) with the caller's arguments.` +
            (restricted
              ? ' That skill is restricted: approving this composite lets its callers reach it (their own allow-list and limits still apply).'
              : ' Approve only if every caller of this composite may use that tool.'),
          evidence: stepLabel(step),
        }
      }),
    )
    const risk = findings.reduce((r, f) => atLeast(r, f.severity), atLeast(report.risk, 'MEDIUM'))
    return { ...report, risk, findings: [...report.findings, ...findings] }
  }
}
