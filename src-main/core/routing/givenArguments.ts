import type { ToolInfo } from '../../contract/models'

/**
 * How well a tool's schema takes the arguments a person gave with `--args` (names only):
 * 2: it accepts every one and requires nothing more; 1: it accepts every one (or its schema is
 * unknown) but requires more; 0: it has no place for one of them (or there is no tool).
 * The person's arguments say which tool they mean more surely than the query's words do: `count
 * the rows` with `{"path","sql"}` means the tool that takes a path and an SQL query.
 */
export function givenArgumentsFit(tool: ToolInfo | null, given: string[]): 0 | 1 | 2 {
  if (!tool) return 0
  const schema = tool.inputSchema as { properties?: unknown; required?: unknown }
  // Only the tool's name is known (its server would not start): nothing speaks against it.
  if (!schema.properties || typeof schema.properties !== 'object') return 1
  const props = Object.keys(schema.properties)
  if (!given.every((name) => props.includes(name))) return 0
  const required = Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : []
  return required.every((name) => given.includes(name)) ? 2 : 1
}
