import { describe, expect, it } from 'vitest'
import { extractArguments, parameters } from '../../../../src-main/core/routing/argumentExtractor'
import { splitQuery } from '../../../../src-main/core/routing/queryRouter'

const str = { type: 'string' }
const optionalStr = { anyOf: [{ type: 'string' }, { type: 'null' }], default: null }

function schema(props: Record<string, unknown>, required: string[] = []) {
  return { type: 'object', properties: props, required }
}

describe('extractArguments', () => {
  it('reads "N unit to unit" and "how many X is N Y"', () => {
    const params = parameters(
      schema({ value: { type: 'number' }, from_unit: str, to_unit: str }, ['value', 'from_unit', 'to_unit']),
    )
    expect(extractArguments('convert 10.5 km to miles please', params)).toEqual({
      arguments: { value: 10.5, from_unit: 'km', to_unit: 'miles' },
      missing: [],
    })
    expect(extractArguments('how many GiB is 500 GB?', params).arguments).toEqual({
      value: 500,
      from_unit: 'GB',
      to_unit: 'GiB',
    })
  })

  it('puts paths, SQL and table names where the schema wants them', () => {
    const params = parameters(
      schema({ path: str, sql: str, table: str }, ['path']),
      'Run SQL.\n\nArgs:\n    path: Path to the SQLite file.\n    sql: One statement.\n    table: A table.\n',
    )
    expect(
      extractArguments('run SELECT name FROM users WHERE id = 3 on ~/data/app.db', params).arguments,
    ).toEqual({
      path: '~/data/app.db',
      sql: 'SELECT name FROM users WHERE id = 3',
    })
    expect(extractArguments('describe the orders table in /srv/shop.sqlite', params).arguments).toEqual({
      path: '/srv/shop.sqlite',
      table: 'orders',
    })
  })

  it('takes numbers that sit next to the parameter’s own words, and reports what is missing', () => {
    const params = parameters(
      schema({ repo_path: str, limit: { type: 'integer', default: 20 }, since: optionalStr }, ['repo_path']),
      'List commits.\n\nArgs:\n    repo_path: Folder of the repository.\n    limit: Maximum commits to return.\n    since: Only commits after this date.\n',
    )
    expect(extractArguments('the last 10 commits in /srv/app since yesterday', params)).toEqual({
      arguments: { repo_path: '/srv/app', limit: 10, since: 'yesterday' },
      missing: [],
    })
    expect(extractArguments('the last commits', params)).toEqual({ arguments: {}, missing: ['repo_path'] })
  })

  it('separates inline JSON, a JSON path and quoted text', () => {
    const query = parameters(
      schema({ document: str, path: str }, ['document', 'path']),
      'Args:\n    path: Dotted/bracket path.\n',
    )
    expect(extractArguments('extract items[*].id from {"items": [{"id": 1}]}', query).arguments).toEqual({
      document: '{"items": [{"id": 1}]}',
      path: 'items[*].id',
    })
    const text = parameters(schema({ text: str, top: { type: 'integer' } }, ['text']))
    expect(extractArguments('top 3 words in "a b a"', text).arguments).toEqual({ text: 'a b a', top: 3 })
  })

  it('matches listed choices ("One of a, b, c") and booleans named in the query', () => {
    const params = parameters(
      schema({ category: optionalStr, sort_keys: { type: 'boolean', default: false } }),
      'Args:\n    category: One of length, area, volume, mass; omit for all.\n    sort_keys: Sort keys.\n',
    )
    expect(extractArguments('which volume units are there, with sorted keys', params).arguments).toEqual({
      category: 'volume',
      sort_keys: true,
    })
  })
})

describe('splitQuery', () => {
  it('splits pipelines on "then", "and then" and "|", parallel runs on ";" and "and"', () => {
    expect(splitQuery('format this then count words | sort it', 'pipeline')).toEqual([
      'format this',
      'count words',
      'sort it',
    ])
    expect(splitQuery('a thing, and then another', 'pipeline')).toEqual(['a thing', 'another'])
    expect(splitQuery('convert 1 mi to km; convert 2 kg to lb and convert 3 F to C', 'parallel')).toEqual([
      'convert 1 mi to km',
      'convert 2 kg to lb',
      'convert 3 F to C',
    ])
    expect(splitQuery('  just one then maybe  ', 'single')).toEqual(['just one then maybe'])
  })
})
