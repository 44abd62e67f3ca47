import type { ScanFinding, ValidationReport } from '../../../src-main/contract'

/** One problem shown in the editor and in the problems list. */
export interface EditorMarker {
  file: string
  /** 1-based; problems without a line are shown at line 1 in the editor. */
  line: number
  hasLine: boolean
  severity: 'error' | 'warning'
  message: string
  /** `validator` (SKILL.md frontmatter) or `scanner` (security findings). */
  source: 'validator' | 'scanner'
  code: string
}

/**
 * Validation problems of SKILL.md (errors stay errors) and scanner findings (always warnings:
 * advice for the author; the approval inbox decides on them), errors first.
 */
export function editorMarkers(
  skillFile: string | null,
  report: ValidationReport | null,
  findings: readonly ScanFinding[],
): EditorMarker[] {
  const result: EditorMarker[] = []
  if (skillFile && report) {
    for (const [severity, issues] of [
      ['error', report.errors],
      ['warning', report.warnings],
    ] as const) {
      for (const issue of issues) {
        result.push({
          file: skillFile,
          line: issue.line ?? 1,
          hasLine: issue.line !== undefined,
          severity,
          message: issue.message,
          source: 'validator',
          code: issue.code,
        })
      }
    }
  }
  for (const finding of findings) {
    result.push({
      file: finding.file,
      line: finding.line ?? 1,
      hasLine: finding.line !== null,
      severity: 'warning',
      message: `${finding.severity}: ${finding.message}`,
      source: 'scanner',
      code: finding.rule,
    })
  }
  return result
}
