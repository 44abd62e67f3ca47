import { createHash } from 'node:crypto'
import type { ToolInfo } from '../../contract/models'

/** Canonical JSON: keys sorted at every level, so equal schemas hash equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** A hash of every served tool's name, full description and input schema (the rug-pull pin). */
export function toolsHash(tools: readonly ToolInfo[]): string {
  const sorted = [...tools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const text = canonical(
    sorted.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })),
  )
  return 'sha256:' + createHash('sha256').update(text).digest('hex')
}
