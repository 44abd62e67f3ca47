import type { ValidationIssue } from '../../contract/models'

/** Builds a ValidationIssue without undefined properties, so issues compare and serialize cleanly. */
export function issue(code: string, message: string, field?: string, line?: number): ValidationIssue {
  const result: ValidationIssue = { code, message }
  if (line !== undefined) result.line = line
  if (field !== undefined) result.field = field
  return result
}

/** Collects the errors and warnings found while reading one SKILL.md. */
export class IssueCollector {
  readonly errors: ValidationIssue[] = []
  readonly warnings: ValidationIssue[] = []

  error(code: string, message: string, field?: string, line?: number): void {
    this.errors.push(issue(code, message, field, line))
  }

  warning(code: string, message: string, field?: string, line?: number): void {
    this.warnings.push(issue(code, message, field, line))
  }

  /** Errors and warnings in line order (issues without a line last); order within a line is kept. */
  sorted(): { errors: ValidationIssue[]; warnings: ValidationIssue[] } {
    const byLine = (a: ValidationIssue, b: ValidationIssue): number =>
      (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER)
    return { errors: [...this.errors].sort(byLine), warnings: [...this.warnings].sort(byLine) }
  }
}

/** Describes a YAML value's type the way a skill author would say it. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a map'
  if (typeof value === 'boolean') return `${value}`
  if (typeof value === 'number') return `the number ${value}`
  return `"${String(value)}"`
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Non-empty strings only; null when `value` is not such a list. */
export function stringList(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null
  return value.every((item) => typeof item === 'string' && item.trim() !== '') ? (value as string[]) : null
}

/** Formats a field path like `metadata.skilldock.credentials[0].name`. */
export function fieldPath(path: readonly (string | number)[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('')
}
