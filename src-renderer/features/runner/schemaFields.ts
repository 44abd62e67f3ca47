/**
 * Turns a tool's input JSON Schema into form fields and back into call arguments. Pure, so the
 * form component only renders.
 */
import { isSchema, refTarget, type Schema } from './schemaRef'

export type FieldKind = 'text' | 'textarea' | 'number' | 'integer' | 'boolean' | 'enum' | 'lines' | 'json'

export interface FieldSpec {
  name: string
  kind: FieldKind
  required: boolean
  /** The schema's title, else the property name. */
  label: string
  description: string | null
  /** The allowed values of an `enum` field; the form's value is the chosen index. */
  options: unknown[]
  /** The schema's default; undefined when it has none. */
  defaultValue: unknown
}

/** What the form holds: text for every kind except booleans. */
export type FieldValues = Record<string, string | boolean>

export type FieldErrors = Record<string, string>

const LONG_TEXT_NAMES =
  /^(text|content|contents|body|code|source|script|markdown|md|notes?|prompt|html|csv|json|yaml|xml|document|message|input)$|_(text|content|body|code)$/i

/** Follows a local `$ref` against the root schema; the referring schema's own keys win. */
function deref(schema: Schema, root: Schema): Schema {
  const target = refTarget(schema, root)
  return target ? { ...target, ...omit(schema, '$ref') } : schema
}

function omit(schema: Schema, key: string): Schema {
  const { [key]: _dropped, ...rest } = schema
  return rest
}

/** Unwraps `anyOf: [X, {type: null}]` and `type: [X, 'null']` (how optional values are written). */
function resolveProperty(value: unknown, root: Schema): Schema {
  if (!isSchema(value)) return {}
  const schema = deref(value, root)
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key]
    if (!Array.isArray(branches)) continue
    const real = branches.filter((branch) => !(isSchema(branch) && branch.type === 'null'))
    if (real.length === 1) return { ...omit(schema, key), ...resolveProperty(real[0], root) }
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((type) => type !== 'null')
    if (types.length === 1) return { ...schema, type: types[0] }
  }
  return schema
}

function kindOf(name: string, schema: Schema, root: Schema): FieldKind {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return 'enum'
  switch (schema.type) {
    case 'string': {
      const max = typeof schema.maxLength === 'number' ? schema.maxLength : null
      const long = schema.format === 'textarea' || (max !== null ? max > 200 : LONG_TEXT_NAMES.test(name))
      return long ? 'textarea' : 'text'
    }
    case 'integer':
      return 'integer'
    case 'number':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'array': {
      const items = resolveProperty(schema.items, root)
      return items.type === 'string' && !Array.isArray(items.enum) ? 'lines' : 'json'
    }
    default:
      return 'json'
  }
}

/** The fields of an object schema, in property order. A schema without properties has none. */
export function schemaFields(schema: Schema): FieldSpec[] {
  const properties = isSchema(schema.properties) ? schema.properties : {}
  const required = new Set(
    Array.isArray(schema.required) ? schema.required.filter((x) => typeof x === 'string') : [],
  )
  return Object.entries(properties).map(([name, raw]) => {
    const property = resolveProperty(raw, schema)
    return {
      name,
      kind: kindOf(name, property, schema),
      required: required.has(name),
      label: typeof property.title === 'string' && property.title.trim() ? property.title : name,
      description: typeof property.description === 'string' ? property.description : null,
      options: Array.isArray(property.enum) ? property.enum : [],
      defaultValue: property.default,
    }
  })
}

/** The form value that shows `value` (an argument or a default) in a field; empty when absent. */
function toFieldValue(field: FieldSpec, value: unknown): string | boolean {
  if (field.kind === 'boolean') return value === true
  if (value === undefined || value === null) return ''
  switch (field.kind) {
    case 'enum': {
      const index = field.options.findIndex((option) => JSON.stringify(option) === JSON.stringify(value))
      return index === -1 ? '' : String(index)
    }
    case 'lines':
      return Array.isArray(value) ? value.map(String).join('\n') : String(value)
    case 'json':
      return JSON.stringify(value, null, 2)
    default:
      return typeof value === 'string' ? value : String(value)
  }
}

/** The form's starting values: each field's default, else empty. */
export function initialValues(fields: readonly FieldSpec[]): FieldValues {
  return Object.fromEntries(fields.map((field) => [field.name, toFieldValue(field, field.defaultValue)]))
}

/** The form values that reproduce earlier arguments (replaying a call into the form). */
export function valuesFromArgs(fields: readonly FieldSpec[], args: Record<string, unknown>): FieldValues {
  return Object.fromEntries(fields.map((field) => [field.name, toFieldValue(field, args[field.name])]))
}

/** One field's argument: `{ value }`, `{ omit }` when empty and optional, or `{ error }`. */
function toArgument(
  field: FieldSpec,
  raw: string | boolean,
): { value: unknown } | { omit: true } | { error: string } {
  if (field.kind === 'boolean') return { value: raw === true }
  const text = typeof raw === 'string' ? raw : ''
  const empty = text.trim() === ''
  if (field.kind === 'text' || field.kind === 'textarea') {
    return text === '' && !field.required ? { omit: true } : { value: text }
  }
  if (field.kind === 'lines') {
    const lines = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
    return lines.length === 0 && !field.required ? { omit: true } : { value: lines }
  }
  if (empty) return field.required ? { error: 'Required.' } : { omit: true }
  switch (field.kind) {
    case 'number':
    case 'integer': {
      const number = Number(text.trim())
      if (!Number.isFinite(number)) return { error: 'Not a number.' }
      if (field.kind === 'integer' && !Number.isInteger(number)) return { error: 'A whole number is needed.' }
      return { value: number }
    }
    case 'enum': {
      const index = Number(text)
      return index >= 0 && index < field.options.length
        ? { value: field.options[index] }
        : { error: 'Choose a value.' }
    }
    default:
      try {
        return { value: JSON.parse(text) as unknown }
      } catch (error) {
        return { error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` }
      }
  }
}

/** The call's arguments from the form, with a message for every field that cannot be sent. */
export function argsFromValues(
  fields: readonly FieldSpec[],
  values: FieldValues,
): { args: Record<string, unknown>; errors: FieldErrors } {
  const args: Record<string, unknown> = {}
  const errors: FieldErrors = {}
  for (const field of fields) {
    const outcome = toArgument(field, values[field.name] ?? (field.kind === 'boolean' ? false : ''))
    if ('error' in outcome) errors[field.name] = outcome.error
    else if ('value' in outcome) args[field.name] = outcome.value
  }
  return { args, errors }
}

/** Parses the raw JSON editor: the arguments must be one JSON object. */
export function parseRawArgs(text: string): { args: Record<string, unknown> } | { error: string } {
  if (text.trim() === '') return { args: {} }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return { error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` }
  }
  return isSchema(parsed)
    ? { args: parsed }
    : { error: 'The arguments must be a JSON object, e.g. {"text": "hi"}.' }
}
