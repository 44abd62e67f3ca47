import { normalizeText } from './frontmatter'

/**
 * SKILL.md's top-level `metadata:` block, as the MCP Skills extension (SEP-2640) needs it: an entry's
 * `metadata` may only map strings to strings, so SkillDock publishes a skill whose folder nests maps
 * there (metadata.skilldock, metadata.openclaw) with each value a string — JSON for maps and lists —
 * and turns them back when it imports such a skill from another SkillDock.
 */

/**
 * SKILL.md (BOM dropped, LF line ends) with its top-level `metadata:` block replaced by `block`;
 * null when the file has no frontmatter or no top-level `metadata:` key.
 */
export function replaceMetadataBlock(bytes: Buffer, block: readonly string[]): Buffer | null {
  const lines = normalizeText(bytes.toString('utf8')).split('\n')
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) return null
  const close = lines.findIndex((line, i) => i > 0 && /^---[ \t]*$/.test(line))
  const start = lines.findIndex((line, i) => i > 0 && i < close && /^metadata[ \t]*:/.test(line))
  if (close < 0 || start < 0) return null
  let end = start + 1
  // The block runs to the next top-level key (an unindented line that is not a comment) or the end.
  while (end < close && !/^[^\s#]/.test(lines[end] ?? '')) end += 1
  return Buffer.from([...lines.slice(0, start), ...block, ...lines.slice(end)].join('\n'), 'utf8')
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n)$/i

/** `metadata` as one `key: "value"` line per key, each value a string as it was, else its JSON. */
export function flatMetadataBlock(metadata: unknown): string[] | null {
  if (!isMap(metadata)) return null
  const entries = Object.entries(metadata)
  if (entries.length === 0) return ['metadata: {}']
  return [
    'metadata:',
    ...entries.map(([key, value]) => {
      const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null')
      // A plain key where YAML reads it as the same string; quoted otherwise.
      const yamlKey = /^[A-Za-z_][\w.-]*$/.test(key) && !RESERVED.test(key) ? key : JSON.stringify(key)
      return `  ${yamlKey}: ${JSON.stringify(text)}`
    }),
  ]
}

/** A flattened `metadata` with the values that hold a JSON map or list turned back into one. */
export function unflattenMetadata(metadata: unknown): Record<string, unknown> | null {
  if (!isMap(metadata)) return null
  const restored: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(metadata)) {
    restored[key] = value
    if (typeof value !== 'string' || !/^[[{]/.test(value)) continue
    try {
      const parsed: unknown = JSON.parse(value)
      if (parsed !== null && typeof parsed === 'object') restored[key] = parsed
    } catch {
      // A string that merely starts like JSON stays a string.
    }
  }
  return restored
}
