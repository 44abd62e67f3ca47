/** What the runner's schema readers (form fields, argument checks) share about JSON Schema. */

export type Schema = Record<string, unknown>

export function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The schema a local `$ref` (`#/$defs/X`, `#/definitions/X`) points at in `root`, or null. */
export function refTarget(schema: Schema, root: Schema): Schema | null {
  const ref = schema.$ref
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return null
  let target: unknown = root
  for (const part of ref.slice(2).split('/')) target = isSchema(target) ? target[part] : undefined
  return isSchema(target) ? target : null
}
