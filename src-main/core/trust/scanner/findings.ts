import type { RiskLevel, ScanFinding } from '../../../contract/models'

/** Severities from least to most serious. */
export const SEVERITIES: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']

const RANK: Record<RiskLevel, number> = { LOW: 0, MEDIUM: 1, HIGH: 2, CRITICAL: 3 }

export const EVIDENCE_MAX_CHARS = 160

export function severityRank(severity: RiskLevel): number {
  return RANK[severity]
}

/** The more serious of two severities. */
export function maxSeverity(a: RiskLevel, b: RiskLevel): RiskLevel {
  return RANK[a] >= RANK[b] ? a : b
}

/** The less serious of two severities (used to cap findings inside quoted examples). */
export function minSeverity(a: RiskLevel, b: RiskLevel): RiskLevel {
  return RANK[a] <= RANK[b] ? a : b
}

/** The report's risk: the highest severity found, LOW when nothing was found. */
export function highestRisk(findings: readonly ScanFinding[]): RiskLevel {
  return findings.reduce<RiskLevel>((risk, f) => maxSeverity(risk, f.severity), 'LOW')
}

const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\u{e0000}-\u{e007f}]/gu

/** Token shapes of common providers, and values assigned to secret-sounding names. */
const SECRET_VALUES: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, '«private key»'],
  [/\b(?:sk|pk|rk)-(?:live-|test-|proj-|ant-)?[A-Za-z0-9_-]{16,}/g, '«redacted»'],
  [
    /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{30,})/g,
    '«redacted»',
  ],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, '«redacted»'],
  [/(\bbearer\s+)[A-Za-z0-9._~+/-]{16,}=*/gi, '$1«redacted»'],
  [/((?:password|passwd|secret|token|api[_-]?key)["']?\s*[=:]\s*["'])[^"'\s]{6,}(["'])/gi, '$1«redacted»$2'],
]

/** Replaces what looks like a credential value with a placeholder: evidence never carries secrets. */
export function redactSecrets(text: string): string {
  return SECRET_VALUES.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text)
}

/**
 * Evidence as a reader should see it: secrets redacted, whitespace collapsed, invisible characters
 * written as `<U+200B>`, cut to a readable length.
 */
export function shortEvidence(text: string, max = EVIDENCE_MAX_CHARS): string {
  const visible = redactSecrets(text)
    .replace(INVISIBLE, (c) => `<U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`)
    .replace(/\s+/g, ' ')
    .trim()
  const chars = [...visible]
  return chars.length <= max ? visible : chars.slice(0, max - 1).join('') + '…'
}

/** Builds a finding with shortened evidence. */
export function makeFinding(
  rule: string,
  severity: RiskLevel,
  file: string,
  line: number | null,
  message: string,
  evidence: string,
): ScanFinding {
  return {
    rule,
    severity,
    file,
    line: line !== null && line > 0 ? line : null,
    message,
    evidence: shortEvidence(evidence),
  }
}

/** Drops exact repeats (same rule, file, line and evidence) and orders by file, line, severity. */
export function normalizeFindings(findings: readonly ScanFinding[]): ScanFinding[] {
  const seen = new Set<string>()
  const unique = findings.filter((f) => {
    const key = `${f.rule}\0${f.file}\0${f.line ?? ''}\0${f.evidence}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return unique.sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      RANK[b.severity] - RANK[a.severity] ||
      compareText(a.rule, b.rule),
  )
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Maps character offsets of a text to 1-based line numbers. */
export class LineIndex {
  private readonly starts: number[] = [0]
  readonly lines: string[]

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1)
    this.lines = text.split('\n')
  }

  lineOf(offset: number): number {
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if ((this.starts[mid] ?? 0) <= offset) low = mid
      else high = mid - 1
    }
    return low + 1
  }

  /** The text of a 1-based line. */
  line(number: number): string {
    return this.lines[number - 1] ?? ''
  }
}
