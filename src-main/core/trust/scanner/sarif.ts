import { pathToFileURL } from 'node:url'
import type { RiskLevel, ScanReport } from '../../../contract/models'
import { APP_VERSION } from '../../version'
import { maxSeverity } from './findings'
import { ruleTitle } from './ruleCatalog'

const LEVEL: Record<RiskLevel, 'error' | 'warning' | 'note'> = {
  CRITICAL: 'error',
  HIGH: 'error',
  MEDIUM: 'warning',
  LOW: 'note',
}
/** GitHub code scanning reads `security-severity` (0–10) to rank security results. */
const SECURITY_SEVERITY: Record<RiskLevel, string> = {
  CRITICAL: '9.5',
  HIGH: '8.0',
  MEDIUM: '5.0',
  LOW: '2.0',
}

const uriOf = (path: string): string => path.split('/').map(encodeURIComponent).join('/')

/**
 * A scan report as SARIF 2.1.0 (one run, the rules that fired, one result per finding with its
 * file and line relative to the skill folder), for code-scanning tools and CI.
 */
export function toSarif(report: ScanReport, skillName: string, dir: string): object {
  const worst = new Map<string, RiskLevel>()
  for (const f of report.findings) worst.set(f.rule, maxSeverity(worst.get(f.rule) ?? 'LOW', f.severity))
  const ruleIds = [...worst.keys()].sort()
  const rules = ruleIds.map((id) => {
    const severity = worst.get(id) ?? 'LOW'
    return {
      id,
      name: id.replace(/[^a-z0-9]+(.)/gi, (_, c: string) => c.toUpperCase()),
      shortDescription: { text: ruleTitle(id) },
      defaultConfiguration: { level: LEVEL[severity] },
      properties: { tags: ['security'], 'security-severity': SECURITY_SEVERITY[severity] },
    }
  })
  const results = report.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIds.indexOf(f.rule),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(f.file), uriBaseId: 'SKILLROOT' },
          ...(f.line === null ? {} : { region: { startLine: f.line, snippet: { text: f.evidence } } }),
        },
      },
    ],
    properties: { severity: f.severity, evidence: f.evidence },
  }))
  const root = pathToFileURL(dir).href
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'SkillDock skill scanner',
            version: APP_VERSION,
            rules,
          },
        },
        originalUriBaseIds: { SKILLROOT: { uri: root.endsWith('/') ? root : `${root}/` } },
        invocations: [{ executionSuccessful: report.status === 'complete', endTimeUtc: report.scannedAt }],
        results,
        properties: {
          skill: skillName,
          risk: report.risk,
          status: report.status,
          fingerprint: report.fingerprint,
        },
      },
    ],
  }
}
