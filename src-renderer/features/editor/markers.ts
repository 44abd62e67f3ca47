import type { DraftProblem, ScanFinding, ValidationIssue, ValidationReport } from '../../../src-main/contract'

/** One problem shown in the editor and in the problems list. */
export interface EditorMarker {
  file: string
  /** 1-based; problems without a line are shown at line 1 in the editor. */
  line: number
  hasLine: boolean
  severity: 'error' | 'warning'
  message: string
  /**
   * `validator` (SKILL.md), `syntax` (a file that would not load) — both the author's mistakes —
   * or `scanner` (security findings, advice for the author; the approval inbox decides on them).
   */
  source: 'validator' | 'syntax' | 'scanner'
  code: string
}

/** Validation and syntax errors: what stops the draft from being submitted. */
export function errorCount(markers: readonly EditorMarker[]): number {
  return markers.filter((marker) => marker.severity === 'error').length
}

/**
 * Validation problems of SKILL.md (errors stay errors), syntax errors of the files as typed, and
 * scanner findings (always warnings, worded as security advice), errors first.
 */
export function editorMarkers(
  skillFile: string | null,
  report: ValidationReport | null,
  findings: readonly ScanFinding[],
  problems: readonly DraftProblem[] = [],
): EditorMarker[] {
  const fromValidator = (
    severity: EditorMarker['severity'],
    issues: readonly ValidationIssue[],
  ): EditorMarker[] =>
    skillFile
      ? issues.map((issue) => ({
          file: skillFile,
          line: issue.line ?? 1,
          hasLine: issue.line !== undefined,
          severity,
          message: issue.message,
          source: 'validator',
          code: issue.code,
        }))
      : []
  return [
    ...fromValidator('error', report?.errors ?? []),
    ...problems.map((problem): EditorMarker => ({
      file: problem.file,
      line: problem.line ?? 1,
      hasLine: problem.line !== null,
      severity: 'error',
      message: problem.message,
      source: 'syntax',
      code: 'syntax',
    })),
    ...fromValidator('warning', report?.warnings ?? []),
    ...findings.map((finding): EditorMarker => ({
      file: finding.file,
      line: finding.line ?? 1,
      hasLine: finding.line !== null,
      severity: 'warning',
      message: `Security check (${finding.severity.toLowerCase()} risk): ${finding.message}`,
      source: 'scanner',
      code: finding.rule,
    })),
  ]
}
