import { describe, expect, it } from 'vitest'
import {
  argsFromValues,
  initialValues,
  parseRawArgs,
  schemaFields,
  valuesFromArgs,
} from '../../../../../src-renderer/features/runner/schemaFields'

/** Shaped like what FastMCP/pydantic emits, with the cases a hand-written schema adds. */
const schema = {
  type: 'object',
  properties: {
    title: { type: 'string', title: 'Title' },
    text: { type: 'string' },
    count: { type: 'integer', default: 3 },
    ratio: { type: 'number' },
    loud: { type: 'boolean', default: true },
    colour: { $ref: '#/$defs/Colour' },
    tags: { type: 'array', items: { type: 'string' } },
    options: { type: 'object' },
    nickname: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null },
  },
  required: ['title', 'text', 'colour'],
  $defs: { Colour: { enum: ['red', 'green'], type: 'string' } },
}

describe('schema fields', () => {
  it('picks one field kind per property type', () => {
    const fields = schemaFields(schema)
    expect(fields.map((field) => [field.name, field.kind, field.required])).toEqual([
      ['title', 'text', true],
      ['text', 'textarea', true],
      ['count', 'integer', false],
      ['ratio', 'number', false],
      ['loud', 'boolean', false],
      ['colour', 'enum', true],
      ['tags', 'lines', false],
      ['options', 'json', false],
      ['nickname', 'text', false],
    ])
    expect(fields[5]?.options).toEqual(['red', 'green'])
  })

  it('starts from defaults and converts values to arguments, leaving out empty optional fields', () => {
    const fields = schemaFields(schema)
    const values = initialValues(fields)
    expect(values).toMatchObject({ count: '3', loud: true, nickname: '', colour: '' })
    const { errors } = argsFromValues(fields, values)
    expect(errors).toEqual({ colour: 'Required.' })

    const filled = {
      ...values,
      title: 'Hi',
      text: 'a\nb',
      ratio: '0.5',
      colour: '1',
      tags: 'one\n\n two \n',
      options: '{"deep": [1, 2]}',
    }
    expect(argsFromValues(fields, filled)).toEqual({
      args: {
        title: 'Hi',
        text: 'a\nb',
        count: 3,
        ratio: 0.5,
        loud: true,
        colour: 'green',
        tags: ['one', 'two'],
        options: { deep: [1, 2] },
      },
      errors: {},
    })
  })

  it('reports bad numbers and bad JSON per field', () => {
    const fields = schemaFields(schema)
    const values = { ...initialValues(fields), colour: '0', count: '2.5', ratio: 'abc', options: '{oops' }
    const { errors } = argsFromValues(fields, values)
    expect(errors.count).toBe('A whole number is needed.')
    expect(errors.ratio).toBe('Not a number.')
    expect(errors.options).toMatch(/^Not valid JSON/)
  })

  it('round-trips arguments through the form values (replay)', () => {
    const fields = schemaFields(schema)
    const args = {
      title: 'T',
      text: 'x',
      count: 7,
      loud: false,
      colour: 'red',
      tags: ['a', 'b'],
      options: { k: 1 },
    }
    expect(argsFromValues(fields, valuesFromArgs(fields, args)).args).toEqual(args)
  })

  it('accepts only a JSON object as raw arguments', () => {
    expect(parseRawArgs('{"a": 1}')).toEqual({ args: { a: 1 } })
    expect(parseRawArgs('  ')).toEqual({ args: {} })
    expect(parseRawArgs('[1]')).toHaveProperty('error')
    expect(parseRawArgs('{')).toHaveProperty('error')
  })
})
