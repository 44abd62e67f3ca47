import { describe, expect, it } from 'vitest'
import { checkArgs } from '../../../../../src-renderer/features/runner/argsCheck'

const schema = {
  type: 'object',
  properties: {
    city: { type: 'string', minLength: 2 },
    days: { type: 'integer', minimum: 1, maximum: 7 },
    units: { type: 'string', enum: ['metric', 'imperial'] },
    at: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    tags: { type: 'array', items: { $ref: '#/$defs/Tag' } },
  },
  required: ['city'],
  additionalProperties: false,
  $defs: { Tag: { type: 'string' } },
}

describe('checkArgs', () => {
  it('accepts arguments that fit the schema', () => {
    expect(checkArgs(schema, { city: 'Lisbon', days: 3, units: 'metric', at: null, tags: ['a'] })).toEqual({})
  })

  it('names each argument that does not fit, and what it should be', () => {
    expect(
      checkArgs(schema, { days: 2.5, units: 'kelvin', at: 4, tags: ['a', 1], extra: true, other: 1 }),
    ).toEqual({
      city: 'Required.',
      days: 'Must be an integer, not a number.',
      units: 'Must be one of "metric", "imperial".',
      at: 'Must be a string, not an integer.',
      tags: 'Item 2: Must be a string, not an integer.',
      '': 'The tool takes no arguments named extra, other; it takes city, days, units, at, tags.',
    })
    expect(checkArgs(schema, { city: 'L', days: 9 })).toEqual({
      city: 'Must be at least 2 characters.',
      days: 'Must be at most 7.',
    })
  })

  it('lets unknown arguments through when the schema allows them', () => {
    expect(checkArgs({ type: 'object', properties: {} }, { anything: 1 })).toEqual({})
  })
})
