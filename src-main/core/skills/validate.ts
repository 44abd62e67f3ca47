import type { FrontmatterEntry } from './frontmatter'
import { describeValue, type IssueCollector, stringList } from './issues'
import type { SkillManifest } from './manifest'
import { emptyMetadataFields, readMetadata } from './metadata'
import {
  describeNameProblems,
  editDistance,
  joinWords,
  NAME_MAX_LENGTH,
  NAME_PATTERN,
  suggestSkillName,
} from './naming'

/** Every manifest field that comes from the frontmatter's keys. */
export type ManifestFields = Omit<SkillManifest, 'frontmatter' | 'body'>

interface RuleContext {
  entry: FrontmatterEntry
  issues: IssueCollector
  out: ManifestFields
  folderName: string | undefined
}

type FieldRule = (context: RuleContext) => void

export const DESCRIPTION_MAX_LENGTH = 1024
export const COMPATIBILITY_MAX_LENGTH = 500
const TOOL_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/
// semver.org 2.0.0 grammar.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

/** Claude Code's SKILL.md keys: preserved in the frontmatter, never checked or warned about. */
export const CLAUDE_CODE_KEYS = [
  'when_to_use',
  'argument-hint',
  'disable-model-invocation',
  'user-invocable',
  'model',
  'context',
  'agent',
  'hooks',
  'mode',
] as const

/** Reads and checks every top-level key; reports missing name/description. */
export function readManifestFields(
  entries: readonly FrontmatterEntry[],
  issues: IssueCollector,
  options: { folderName?: string; unreadableKeys?: ReadonlySet<string> } = {},
): ManifestFields {
  const out = emptyManifestFields()
  for (const entry of entries) {
    // Own keys only: a frontmatter key like "constructor" must not find Object.prototype members.
    const rule = Object.hasOwn(FIELD_RULES, entry.key) ? FIELD_RULES[entry.key] : undefined
    if (rule) rule({ entry, issues, out, folderName: options.folderName })
    else if (!(CLAUDE_CODE_KEYS as readonly string[]).includes(entry.key)) unknownKey(entry, issues)
  }
  const present = (key: string): boolean =>
    entries.some((entry) => entry.key === key) || (options.unreadableKeys?.has(key) ?? false)
  if (!present('name')) {
    const example =
      options.folderName && NAME_PATTERN.test(options.folderName) ? options.folderName : 'my-skill'
    const message = `the frontmatter has no name. Add a line like "name: ${example}" (lowercase letters, digits and hyphens).`
    issues.error('NAME_MISSING', message, 'name', 1)
  }
  if (!present('description')) {
    const message =
      'the frontmatter has no description. Add "description:" saying what the skill does and when to use it.'
    issues.error('DESCRIPTION_MISSING', message, 'description', 1)
  }
  return out
}

export function emptyManifestFields(): ManifestFields {
  return {
    name: null,
    description: null,
    version: null,
    license: null,
    compatibility: null,
    allowedTools: [],
    tools: [],
    triggers: [],
    tags: [],
    category: null,
    ...emptyMetadataFields(),
  }
}

const codePoints = (text: string): number => [...text].length
const isBlank = (value: unknown): boolean =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '')

function checkName({ entry, issues, out, folderName }: RuleContext): void {
  const { value, line } = entry
  if (isBlank(value)) {
    issues.error('NAME_MISSING', 'name is empty. Give the skill a name like "my-skill".', 'name', line)
    return
  }
  if (typeof value !== 'string') {
    const message = `name must be text, but it is ${describeValue(value)}. Write it as lowercase words joined by hyphens, e.g. "my-skill".`
    issues.error('NAME_INVALID', message, 'name', line)
    return
  }
  out.name = value
  const length = codePoints(value)
  if (length > NAME_MAX_LENGTH) {
    const message = `name is ${length} characters; the limit is ${NAME_MAX_LENGTH}. Shorten it.`
    issues.error('NAME_TOO_LONG', message, 'name', line)
  }
  if (!NAME_PATTERN.test(value)) {
    const problems = describeNameProblems(value)
    const suggestion = suggestSkillName(value)
    const example = suggestion === '' ? '' : `, e.g. "${suggestion}"`
    const message = `name "${value}" has ${joinWords(problems)}; use only lowercase letters, digits and single hyphens${example}.`
    issues.error('NAME_INVALID', message, 'name', line)
  } else if (folderName && folderName !== value) {
    const message = `name "${value}" differs from the folder name "${folderName}". Rename the folder or the skill so they match.`
    issues.warning('NAME_FOLDER_MISMATCH', message, 'name', line)
  }
}

function checkDescription({ entry, issues, out }: RuleContext): void {
  const { value, line } = entry
  if (isBlank(value)) {
    const message = 'description is empty. Say what the skill does and when an agent should use it.'
    issues.error('DESCRIPTION_MISSING', message, 'description', line)
    return
  }
  if (typeof value !== 'string') {
    const message = `description must be text, but it is ${describeValue(value)}. Write it as one paragraph, in quotes if it has special characters.`
    issues.error('DESCRIPTION_INVALID', message, 'description', line)
    return
  }
  out.description = value.trim()
  const length = codePoints(out.description)
  if (length > DESCRIPTION_MAX_LENGTH) {
    const message = `description is ${length} characters; the limit is ${DESCRIPTION_MAX_LENGTH}. Shorten it and move detail into the instructions.`
    issues.error('DESCRIPTION_TOO_LONG', message, 'description', line)
  }
  if (/[<>]/.test(value)) {
    const message =
      'description contains "<" or ">", which some agents strip or reject. Reword it without angle brackets.'
    issues.warning('DESCRIPTION_ANGLE_BRACKETS', message, 'description', line)
  }
}

function checkLicense({ entry, issues, out }: RuleContext): void {
  if (entry.value === null) return
  if (typeof entry.value === 'string') out.license = entry.value
  else {
    const message = `license must be text, but it is ${describeValue(entry.value)}. Write e.g. "license: MIT".`
    issues.error('FIELD_TYPE', message, 'license', entry.line)
  }
}

function checkCompatibility({ entry, issues, out }: RuleContext): void {
  const { value, line } = entry
  if (value === null) return
  if (typeof value !== 'string') {
    const message = `compatibility must be text, but it is ${describeValue(value)}. Describe the environment in one sentence.`
    issues.error('FIELD_TYPE', message, 'compatibility', line)
    return
  }
  out.compatibility = value
  const length = codePoints(value)
  if (length > COMPATIBILITY_MAX_LENGTH) {
    const message = `compatibility is ${length} characters; the limit is ${COMPATIBILITY_MAX_LENGTH}. Shorten it.`
    issues.error('COMPATIBILITY_TOO_LONG', message, 'compatibility', line)
  }
}

function checkAllowedTools({ entry, issues, out }: RuleContext): void {
  const { value, line } = entry
  if (value === null) return
  const list = typeof value === 'string' ? splitAllowedTools(value) : stringList(value)
  if (list) out.allowedTools = list
  else {
    const message = `allowed-tools must be a list of tool names or one string of names separated by spaces or commas, but it is ${describeValue(value)}.`
    issues.error('FIELD_TYPE', message, 'allowed-tools', line)
  }
}

/** Splits on spaces/commas outside parentheses, so `Bash(git add:*) Read` is two tools. */
export function splitAllowedTools(text: string): string[] {
  const tools: string[] = []
  let current = ''
  let depth = 0
  for (const char of text) {
    if (char === '(') depth++
    if (char === ')') depth = Math.max(0, depth - 1)
    if (depth === 0 && /[\s,]/.test(char)) {
      if (current !== '') tools.push(current)
      current = ''
    } else current += char
  }
  if (current !== '') tools.push(current)
  return tools
}

function checkVersion({ entry, issues, out }: RuleContext): void {
  const { value, line, raw } = entry
  if (value === null) return
  if (typeof value === 'string' && SEMVER.test(value)) {
    out.version = value
    return
  }
  const written = typeof value === 'string' ? value : raw.trim()
  const numbers = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(written)
  const fixed = numbers
    ? `"${numbers
        .slice(1, 4)
        .map((part) => Number(part ?? 0))
        .join('.')}"`
    : '"1.0.0"'
  const message =
    typeof value === 'number'
      ? `version ${written} is read as a number, not a semantic version. Write it in quotes as MAJOR.MINOR.PATCH: version: ${fixed}.`
      : typeof value === 'string'
        ? `version "${value}" is not a semantic version (MAJOR.MINOR.PATCH); use ${fixed}.`
        : `version must be a quoted semantic version like "1.0.0", but it is ${describeValue(value)}.`
  issues.error('VERSION_INVALID', message, 'version', line)
}

function checkTools({ entry, issues, out }: RuleContext): void {
  const { value, line } = entry
  if (value === null) return
  if (!Array.isArray(value)) {
    const message = `tools must be a list of tool names (one "- name" per line), but it is ${describeValue(value)}.`
    issues.error('TOOLS_INVALID', message, 'tools', line)
    return
  }
  value.forEach((tool: unknown, index) => {
    const at = entry.lineOf([index])
    if (typeof tool !== 'string' || !TOOL_NAME_PATTERN.test(tool)) {
      const message = `tool name ${describeValue(tool)} is not valid: start with a letter or "_", then use up to 63 letters, digits, "_" or "-".`
      issues.error('TOOLS_INVALID', message, `tools[${index}]`, at)
    } else if (out.tools.includes(tool)) {
      issues.error('TOOLS_INVALID', `tool "${tool}" is listed twice; list it once.`, `tools[${index}]`, at)
    } else out.tools.push(tool)
  })
}

const checkWordList =
  (key: 'triggers' | 'tags', code: string): FieldRule =>
  ({ entry, issues, out }) => {
    if (entry.value === null) return
    const list = stringList(entry.value)
    if (list) out[key] = list
    else {
      const message = `${key} must be a list of non-empty strings (one "- item" per line), but it is ${describeValue(entry.value)}; it is ignored.`
      issues.warning(code, message, key, entry.line)
      if (Array.isArray(entry.value))
        out[key] = entry.value.filter(
          (item): item is string => typeof item === 'string' && item.trim() !== '',
        )
    }
  }

function checkCategory({ entry, issues, out }: RuleContext): void {
  if (entry.value === null) return
  if (typeof entry.value === 'string') out.category = entry.value
  else {
    const message = `category must be text, but it is ${describeValue(entry.value)}; it is ignored.`
    issues.warning('CATEGORY_INVALID', message, 'category', entry.line)
  }
}

function checkMetadata({ entry, issues, out }: RuleContext): void {
  Object.assign(out, readMetadata(entry, issues))
}

const FIELD_RULES: Partial<Record<string, FieldRule>> = {
  name: checkName,
  description: checkDescription,
  license: checkLicense,
  compatibility: checkCompatibility,
  'allowed-tools': checkAllowedTools,
  metadata: checkMetadata,
  version: checkVersion,
  tools: checkTools,
  triggers: checkWordList('triggers', 'TRIGGERS_INVALID'),
  tags: checkWordList('tags', 'TAGS_INVALID'),
  category: checkCategory,
}

/** Every top-level key SkillDock knows: the spec's, its extensions', and Claude Code's. */
export const KNOWN_KEYS: readonly string[] = [...Object.keys(FIELD_RULES), ...CLAUDE_CODE_KEYS]

function unknownKey(entry: FrontmatterEntry, issues: IssueCollector): void {
  const key = entry.key.toLowerCase()
  const tolerance = key.length < 5 ? 1 : 2
  const close = KNOWN_KEYS.find((known) => editDistance(known, key) <= tolerance)
  const hint = close ? ` Did you mean "${close}"?` : ' Check the spelling, or move it under metadata.'
  issues.warning('UNKNOWN_KEY', `unknown key "${entry.key}" is ignored.${hint}`, entry.key, entry.line)
}
