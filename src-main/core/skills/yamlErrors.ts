import type { YAMLError } from 'yaml'
import type { ValidationIssue } from '../../contract/models'
import { issue } from './issues'

/** What the line-by-line scan after a YAML error learned about the top-level keys. */
export interface ScanResult {
  keyLines: Array<{ key: string; line: number }>
  /** Top-level blocks that did not parse on their own: 1-based first and last line. */
  failedBlocks: Array<{ start: number; end: number }>
}

const PLAIN_YAML_ERRORS: Partial<Record<string, string>> = {
  TAB_AS_INDENT: 'a line is indented with a tab; YAML needs spaces',
  BLOCK_AS_IMPLICIT_KEY: 'a value contains ": ", or an indented line follows a key that already has a value',
  MULTILINE_IMPLICIT_KEY: 'a key runs over more than one line, or a line is indented where it should not be',
  BAD_INDENT: 'the indentation is wrong, or a "[" or "{" is never closed',
  RESOURCE_EXHAUSTION: 'it uses too many aliases (*name); write the values out instead',
}

/** A YAML_ERROR issue in plain words, on the line where the author should look. */
export function describeYamlError(error: YAMLError, scan: ScanResult): ValidationIssue {
  let line = problemLine(error.linePos?.[0].line, scan.failedBlocks)
  let plain =
    (Object.hasOwn(PLAIN_YAML_ERRORS, error.code) ? PLAIN_YAML_ERRORS[error.code] : undefined) ??
    libraryMessage(error.message)
  if (error.code === 'DUPLICATE_KEY') {
    const duplicate = firstDuplicate(scan.keyLines)
    if (duplicate) {
      line = duplicate.line
      plain = `the key "${duplicate.key}" appears twice (lines ${duplicate.firstLine} and ${duplicate.line}); keep only one`
    } else plain = 'a key appears twice in the same map; keep only one'
  }
  const where = line === undefined ? '' : ` on line ${line}`
  const syntax = error.code !== 'DUPLICATE_KEY' && error.code !== 'RESOURCE_EXHAUSTION'
  const advice = syntax
    ? ' Fix that line: indent with spaces, and put values with special characters in double quotes.'
    : ''
  const message = `the frontmatter is not valid YAML${where}: ${plain}.${advice}`
  return issue('YAML_ERROR', message, undefined, line)
}

function firstDuplicate(
  keyLines: ScanResult['keyLines'],
): { key: string; firstLine: number; line: number } | null {
  const seen = new Map<string, number>()
  for (const { key, line } of keyLines) {
    const firstLine = seen.get(key)
    if (firstLine !== undefined) return { key, firstLine, line }
    seen.set(key, line)
  }
  return null
}

/**
 * The parser notices an unclosed "[" or a bad indent on a later line; when its line is outside every
 * block that failed on its own, the nearest failed block above it is where the author should look.
 */
function problemLine(reported: number | undefined, failed: ScanResult['failedBlocks']): number | undefined {
  if (reported === undefined) return failed[0]?.start
  if (failed.length === 0 || failed.some((block) => block.start <= reported && reported <= block.end))
    return reported
  return failed.filter((block) => block.start < reported).at(-1)?.start ?? reported
}

function libraryMessage(message: string): string {
  const firstLine = (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '').trim()
  return firstLine.charAt(0).toLowerCase() + firstLine.slice(1)
}
