import matter from 'gray-matter'
import {
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  YAMLParseError,
  type Document,
  type YAMLError,
} from 'yaml'
import type { ValidationIssue } from '../../contract/models'
import { issue } from './issues'
import { memoByText } from './textMemo'
import { describeYamlError, type ScanResult } from './yamlErrors'

export type PathSegment = string | number

/** One top-level frontmatter key with its value and where it sits in SKILL.md. */
export interface FrontmatterEntry {
  key: string
  value: unknown
  /** The value as written (e.g. `1.0` for a YAML number that became 1). */
  raw: string
  /** 1-based line of the key in SKILL.md. */
  line: number
  /** Line of the deepest node along `path` inside this entry's value, else the key's line. */
  lineOf(path: readonly PathSegment[]): number
}

export interface Frontmatter {
  status: 'present' | 'missing' | 'unterminated' | 'not-map'
  /** Top-level keys in file order; after a YAML error, what the line-by-line scan could read. */
  entries: FrontmatterEntry[]
  /** Keys that are present but could not be read after a YAML error (not "missing"). */
  unreadableKeys: Set<string>
  data: Record<string, unknown>
  body: string
  /** 1-based line where the body starts. */
  bodyLine: number
  errors: ValidationIssue[]
  warnings: ValidationIssue[]
}

const YAML_OPTIONS = { schema: 'core', uniqueKeys: true, prettyErrors: true } as const
/**
 * gray-matter only splits the file: we parse the YAML ourselves so we can retry and keep positions.
 * Passing options also bypasses gray-matter's module-level cache keyed by the file text.
 */
const SPLIT_OPTIONS = { language: 'yaml', engines: { yaml: { parse: (): object => ({}) } } }
const OPENING_LINE = /^---[ \t]*$/
const TOP_LEVEL_KEY = /^([A-Za-z0-9_][\w.-]*)[ \t]*:(?=[ \t]|$)/
const KEY_AND_VALUE = /^([A-Za-z0-9_][\w.-]*)([ \t]*:[ \t]+)(.*?)[ \t]*$/

/** Strips a UTF-8 BOM and turns CRLF / lone CR into LF. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}

/**
 * Splits normalized SKILL.md text and reads its frontmatter leniently. Never throws. Read once per
 * text in a process (a sync reads each SKILL.md about five times: offer, check, scan, assess, index);
 * each caller gets its own copy (`lineOf` only reads the parse).
 */
export const readFrontmatter: (text: string) => Frontmatter = memoByText(readFrontmatterText, (f) => ({
  ...f,
  entries: f.entries.map((e) => ({ ...e, value: structuredClone(e.value) })),
  unreadableKeys: new Set(f.unreadableKeys),
  data: structuredClone(f.data),
  errors: f.errors.map((i) => ({ ...i })),
  warnings: f.warnings.map((i) => ({ ...i })),
}))

function readFrontmatterText(text: string): Frontmatter {
  const result: Frontmatter = {
    status: 'present',
    entries: [],
    unreadableKeys: new Set(),
    data: {},
    body: text,
    bodyLine: 1,
    errors: [],
    warnings: [],
  }
  const lines = text.split('\n')
  if (!OPENING_LINE.test(lines[0] ?? '')) {
    result.status = 'missing'
    const message =
      'SKILL.md has no frontmatter. Start the file with a line "---", then "name:" and "description:" lines, then a closing "---".'
    result.errors.push(issue('FRONTMATTER_MISSING', message, undefined, 1))
    return result
  }
  // gray-matter closes the block at the first line starting with "---"; find the same line.
  const closeIndex = lines.findIndex((line, index) => index > 0 && line.startsWith('---'))
  if (closeIndex < 0) {
    result.status = 'unterminated'
    const message =
      'the frontmatter starts with "---" on line 1 but is never closed. Add a line "---" after the last frontmatter key.'
    result.errors.push(issue('FRONTMATTER_UNTERMINATED', message, undefined, 1))
    return result
  }
  const file = matter(text, SPLIT_OPTIONS)
  const closingLine = lines[closeIndex] ?? ''
  const content = OPENING_LINE.test(closingLine) ? file.content.replace(/^[ \t]+(\n|$)/, '') : file.content
  // Blank lines between the frontmatter and the instructions are layout, not content.
  result.body = content.replace(/^(?:[ \t]*\n)+/, '')
  result.bodyLine = closeIndex + 2
  // file.matter begins with the rest of line 1, so YAML line numbers are SKILL.md line numbers.
  readYaml(file.matter, result)
  return result
}

function readYaml(source: string, result: Frontmatter): void {
  const simple = readSimpleYaml(source)
  if (simple) {
    result.data = simple.data
    result.entries = simple.entries
    return
  }
  const first = parseYaml(source)
  if (first.ok) return useDocument(first, result)
  const quoted = quoteUnsafeValues(source)
  const retry = quoted.fixed.length > 0 ? parseYaml(quoted.text) : first
  if (retry.ok) {
    for (const fixed of quoted.fixed) result.warnings.push(unquotedWarning(fixed.key, fixed.line))
    return useDocument(retry, result)
  }
  const scan = scanTopLevel(source)
  result.errors.push(describeYamlError(retry.error, scan))
  result.entries = scan.entries
  result.unreadableKeys = scan.unreadable
  result.warnings.push(...scan.warnings)
  for (const { key, value } of scan.entries) {
    // defineProperty: a "__proto__" key must stay data, not replace the object's prototype.
    Object.defineProperty(result.data, key, { value, enumerable: true, writable: true, configurable: true })
  }
}

function useDocument(parsed: ParsedYaml & { ok: true }, result: Frontmatter): void {
  const { doc, data } = parsed
  if (doc.contents === null || data === null || data === undefined) return
  if (!isMap(doc.contents) || typeof data !== 'object' || Array.isArray(data)) {
    result.status = 'not-map'
    const message = `the frontmatter is ${isSeq(doc.contents) ? 'a list' : 'a single value'}, not a set of "key: value" lines. Write it as "name: ..." and "description: ..." lines.`
    result.errors.push(
      issue('FRONTMATTER_NOT_MAP', message, undefined, parsed.lineAt(doc.contents.range?.[0] ?? 0)),
    )
    return
  }
  result.data = data as Record<string, unknown>
  result.entries = entriesOf(parsed)
}

type ParsedYaml =
  | { ok: true; doc: Document.Parsed; data: unknown; source: string; lineAt(offset: number): number }
  | { ok: false; error: YAMLError }

function parseYaml(source: string): ParsedYaml {
  const lineCounter = new LineCounter()
  const doc = parseDocument(source, { ...YAML_OPTIONS, lineCounter })
  const error = doc.errors[0]
  if (error) return { ok: false, error }
  try {
    const data: unknown = doc.toJS()
    return { ok: true, doc, data, source, lineAt: (offset) => lineCounter.linePos(offset).line }
  } catch (err) {
    // toJS refuses documents with excessive aliases (a "billion laughs" file).
    const message = err instanceof Error ? err.message : String(err)
    return { ok: false, error: new YAMLParseError([0, 0], 'RESOURCE_EXHAUSTION', message) }
  }
}

function entriesOf(parsed: ParsedYaml & { ok: true }): FrontmatterEntry[] {
  const { doc, data, source, lineAt } = parsed
  if (!isMap(doc.contents)) return []
  const values = data as Record<string, unknown>
  return doc.contents.items.map((pair) => {
    const keyNode = pair.key
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode)
    const keyLine = lineAt(isNode(keyNode) ? (keyNode.range?.[0] ?? 0) : 0)
    const valueNode = pair.value
    const range = isNode(valueNode) ? valueNode.range : undefined
    const raw = range ? source.slice(range[0], range[1]) : ''
    const lineOf = (path: readonly PathSegment[]): number => {
      let node: unknown = valueNode
      let line = keyLine
      for (const segment of path) {
        if (isMap(node)) {
          const next = node.items.find(
            (item) => isScalar(item.key) && String(item.key.value) === String(segment),
          )
          if (!next || !isNode(next.key)) break
          line = lineAt(next.key.range?.[0] ?? 0)
          node = next.value
        } else if (isSeq(node) && typeof segment === 'number') {
          const item: unknown = node.items[segment]
          if (!isNode(item)) break
          line = lineAt(item.range?.[0] ?? 0)
          node = item
        } else break
      }
      return line
    }
    return { key, value: values[key] ?? null, raw, line: keyLine, lineOf }
  })
}

/**
 * `key: value` at the start of a line, the value a plain scalar with no indicator first. Keys stay
 * short (the `yaml` package refuses an implicit key over 1024 characters, YAML's own limit). No
 * character of the value, the first included, may be one YAML 1.2 does not allow in a stream (C0 and
 * C1 controls, U+FFFE, U+FFFF, a lone surrogate: js-yaml and PyYAML refuse the whole file, the `yaml`
 * package keeps them), a YAML 1.1 line break (U+0085, U+2028, U+2029) or an odd space: those are left
 * to the full parse. The `u` flag makes a surrogate pair one character, so only a lone one is refused.
 */
const SIMPLE_LINE =
  // eslint-disable-next-line no-control-regex -- control characters and odd spaces are left to the full parse
  /^([A-Za-z][\w.-]{0,127}): +((?![ \-?:,[\]{}#&*!|>'"%@`~+.0-9])[^\x00-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff\ufffe\uffff\ud800-\udfff]+?) *$/u
/** Plain values the YAML core schema reads as something other than a string. */
const NOT_A_STRING = /^(?:null|true|false)$/i

/**
 * The common frontmatter (one `key: plain text` per line, nothing YAML would read as a number,
 * boolean, null, comment or nested mapping) read without a YAML parse, which costs ~0.1 ms a file
 * and dominates indexing thousands of skills. Anything else returns null and takes the full parse;
 * `frontmatter.test.ts` checks the two agree on everything this accepts.
 */
export function readSimpleYaml(
  source: string,
): { data: Record<string, unknown>; entries: FrontmatterEntry[] } | null {
  const lines = source.split('\n')
  const data: Record<string, unknown> = {}
  const entries: FrontmatterEntry[] = []
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    if (/^ *$/.test(line)) continue
    const match = SIMPLE_LINE.exec(line)
    if (!match) return null
    const key = match[1]!
    const value = match[2]!
    if (NOT_A_STRING.test(key) || NOT_A_STRING.test(value) || Object.hasOwn(data, key)) return null
    if (/:(?: |$)/.test(value) || value.includes(' #')) return null
    data[key] = value
    const keyLine = index + 1
    entries.push({ key, value, raw: value, line: keyLine, lineOf: () => keyLine })
  }
  return entries.length > 0 ? { data, entries } : null
}

/**
 * Quotes top-level values that plain YAML cannot hold (": " inside, or a reserved first character).
 * Indented lines continuing such a value are folded into it and left blank, so line numbers hold.
 */
function quoteUnsafeValues(source: string): { text: string; fixed: Array<{ key: string; line: number }> } {
  const fixed: Array<{ key: string; line: number }> = []
  const lines = source.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const match = KEY_AND_VALUE.exec(lines[index] ?? '')
    if (!match) continue
    const [, key = '', separator, value = ''] = match
    if (value === '' || /^["'{[|>&*!#]/.test(value)) continue
    // NEL and the Unicode line separators end a line for YAML 1.1 parsers (PyYAML): quoting them into
    // one value would hide from the reviewer a key such a parser reads (`a\x85allowed-tools: Bash`).
    if (/[\x85\u2028\u2029]/.test(value)) continue
    if (!/:(?:[ \t]|$)/.test(value) && !/^[@`]/.test(value)) continue
    const keyIndex = index
    let folded = value
    while (/^[ \t]+\S/.test(lines[index + 1] ?? '')) {
      index++
      folded += ` ${(lines[index] ?? '').trim()}`
      lines[index] = ''
    }
    lines[keyIndex] = `${key}${separator}${JSON.stringify(folded)}`
    fixed.push({ key, line: keyIndex + 1 })
  }
  return { text: lines.join('\n'), fixed }
}

function unquotedWarning(key: string, line: number): ValidationIssue {
  const message = `the value of "${key}" contains ": " or starts with "@" or "\`" but is not in quotes, which is not valid YAML; it was read as plain text. Put the value in double quotes.`
  return issue('UNQUOTED_COLON', message, key, line)
}

interface TopLevelScan extends ScanResult {
  entries: FrontmatterEntry[]
  unreadable: Set<string>
  warnings: ValidationIssue[]
}

/** After a YAML error: reads each top-level "key: value" block on its own, skipping those that fail. */
function scanTopLevel(source: string): TopLevelScan {
  const scan: TopLevelScan = {
    entries: [],
    unreadable: new Set(),
    warnings: [],
    keyLines: [],
    failedBlocks: [],
  }
  const lines = source.split('\n')
  for (let start = 0; start < lines.length; start++) {
    const key = TOP_LEVEL_KEY.exec(lines[start] ?? '')?.[1]
    if (key === undefined) continue
    scan.keyLines.push({ key, line: start + 1 })
    let end = start + 1
    while (end < lines.length && isContinuation(lines[end] ?? '')) end++
    // Padding with empty lines keeps the block's line numbers equal to SKILL.md's.
    const block = '\n'.repeat(start) + lines.slice(start, end).join('\n')
    let parsed = parseYaml(block)
    const quoted = parsed.ok ? null : quoteUnsafeValues(block)
    if (quoted && quoted.fixed.length > 0) {
      parsed = parseYaml(quoted.text)
      if (parsed.ok) scan.warnings.push(unquotedWarning(key, start + 1))
    }
    const entry = parsed.ok ? entriesOf(parsed).find((candidate) => candidate.key === key) : undefined
    if (entry) scan.entries.push(entry)
    else {
      scan.unreadable.add(key)
      scan.failedBlocks.push({ start: start + 1, end })
    }
  }
  return scan
}

/** Blank, indented, comment, block-sequence and closing-bracket lines belong to the key above them. */
function isContinuation(line: string): boolean {
  return line === '' || /^[ \t#\]}]/.test(line) || /^-([ \t]|$)/.test(line)
}
