/**
 * Checks call arguments against the tool's input schema before anything is sent, so a mistake
 * shows next to its field instead of coming back as a server error. Covers what tool schemas use:
 * required, type, enum/const, anyOf/oneOf, local $ref, number and length bounds, array items and
 * additionalProperties: false. Anything it does not understand passes (the server has the last word).
 */

import { isSchema, refTarget, type Schema } from './schemaRef'

/** Problems by argument name; `''` holds problems of the arguments as a whole. */
export type ArgProblems = Record<string, string>

function deref(schema: Schema, root: Schema): Schema {
  return refTarget(schema, root) ?? schema
}

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`)

/** Why `value` does not fit `schema`, or null when it does. */
export function valueProblem(value: unknown, raw: unknown, root: Schema): string | null {
  if (!isSchema(raw)) return null
  const schema = deref(raw, root)
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key]
    if (Array.isArray(branches) && branches.length > 0) {
      const problems = branches.map((branch) => valueProblem(value, branch, root))
      if (problems.every((problem) => problem !== null)) return problems[0] ?? 'Not an allowed value.'
    }
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) {
    return `Must be ${JSON.stringify(schema.const)}.`
  }
  if (
    Array.isArray(schema.enum) &&
    !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))
  ) {
    return `Must be one of ${schema.enum.map((option) => JSON.stringify(option)).join(', ')}.`
  }
  const types = Array.isArray(schema.type)
    ? schema.type
    : typeof schema.type === 'string'
      ? [schema.type]
      : []
  const actual = typeOf(value)
  if (
    types.length > 0 &&
    !types.some((type) => type === actual || (type === 'number' && actual === 'integer'))
  ) {
    return `Must be ${types.map((type) => article(String(type))).join(' or ')}, not ${article(actual)}.`
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      return `Must be at least ${schema.minimum}.`
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      return `Must be at most ${schema.maximum}.`
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      return `Must be at least ${schema.minLength} characters.`
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      return `Must be at most ${schema.maxLength} characters.`
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    for (const [index, item] of value.entries()) {
      const problem = valueProblem(item, schema.items, root)
      if (problem) return `Item ${index + 1}: ${problem}`
    }
  }
  return null
}

/** Every problem of `args` against the tool's input schema; empty when the call can be sent. */
export function checkArgs(schema: Schema, args: Record<string, unknown>): ArgProblems {
  const problems: ArgProblems = {}
  const properties = isSchema(schema.properties) ? schema.properties : {}
  const required = Array.isArray(schema.required) ? schema.required : []
  for (const name of required) {
    if (typeof name === 'string' && !(name in args)) problems[name] = 'Required.'
  }
  const unknown: string[] = []
  for (const [name, value] of Object.entries(args)) {
    if (!(name in properties)) {
      if (schema.additionalProperties === false) unknown.push(name)
      continue
    }
    const problem = valueProblem(value, properties[name], schema)
    if (problem) problems[name] = problem
  }
  if (unknown.length > 0) {
    problems[''] =
      `The tool takes no argument${unknown.length === 1 ? '' : 's'} named ${unknown.join(', ')}; ` +
      `it takes ${Object.keys(properties).join(', ') || 'none'}.`
  }
  return problems
}
