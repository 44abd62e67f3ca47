import { describe, expect, it } from 'vitest'
import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml'
import { readFrontmatter, readSimpleYaml } from '../../../../src-main/core/skills/frontmatter'

/** What the full YAML parse (the options `frontmatter.ts` uses) makes of `source`, or null on an error. */
function fullParse(source: string) {
  const lineCounter = new LineCounter()
  const doc = parseDocument(source, { schema: 'core', uniqueKeys: true, prettyErrors: true, lineCounter })
  if (doc.errors.length > 0 || !isMap(doc.contents)) return null
  return {
    data: doc.toJS() as unknown,
    entries: doc.contents.items.map((pair) => {
      const key = pair.key
      const range = isNode(pair.value) ? pair.value.range : undefined
      return {
        key: isScalar(key) ? String(key.value) : String(key),
        raw: range ? source.slice(range[0], range[1]) : '',
        line: lineCounter.linePos(isNode(key) ? (key.range?.[0] ?? 0) : 0).line,
      }
    }),
  }
}

/** A small deterministic generator, so a failure names the seed that reproduces it. */
function random(seed: number) {
  let state = seed >>> 0 || 1
  return (n: number) => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) % n
  }
}

const PIECES = [
  ...'abcXYZ019 ',
  ...'-?:,[]{}#&*!|>\'"%@`~+.=<\\/()$^;_',
  ...['é', '日本', '😀', '\u00a0', '\u2028', '\u3000', '\t', '\x7f', '\x85', '\ufeff'],
  ...[': ', ' #', 'null', 'True', 'FALSE', '~', '0x1F', '1e3', '.inf', '.NaN', 'yes', 'no', '<<', '- '],
]
const KEYS = ['name', 'description', 'license', 'version', 'a.b', 'x_y', 'null', 'True', 'k-1', 'description']

function generate(next: (n: number) => number): string {
  const lines = [next(4) === 0 ? ' ' : '']
  const count = 1 + next(4)
  for (let l = 0; l < count; l++) {
    if (next(8) === 0) lines.push(next(2) ? '' : '  ')
    let value = ''
    for (let p = 1 + next(6); p > 0; p--) value += PIECES[next(PIECES.length)]
    const spaces = ' '.repeat(1 + next(2))
    lines.push(`${KEYS[next(KEYS.length)]}:${spaces}${value}${next(4) === 0 ? ' ' : ''}`)
  }
  return lines.join('\n') + (next(2) ? '\n' : '')
}

describe('frontmatter read without a YAML parse', () => {
  it('agrees with the full YAML parse on every frontmatter it accepts', () => {
    let accepted = 0
    for (let seed = 1; seed <= 20_000; seed++) {
      const source = generate(random(seed))
      const fast = readSimpleYaml(source)
      if (!fast) continue
      accepted++
      const full = fullParse(source)
      expect(full, `seed ${seed}: ${JSON.stringify(source)}`).not.toBeNull()
      expect(fast.data, `seed ${seed}: ${JSON.stringify(source)}`).toEqual(full!.data)
      expect(
        fast.entries.map(({ key, raw, line }) => ({ key, raw, line })),
        `seed ${seed}: ${JSON.stringify(source)}`,
      ).toEqual(full!.entries)
    }
    // The generator must reach the fast path often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(1000)
  })

  it.each([
    ['a number', '\nversion: 1.0'],
    ['a boolean', '\nenabled: true'],
    ['null', '\nhomepage: ~'],
    ['a nested mapping', '\nmetadata:\n  owner: me'],
    ['": " in a value', '\ndescription: Use when: writing'],
    ['a comment', '\ndescription: text # note'],
    ['a duplicate key', '\nname: a\nname: b'],
    ['a quoted value', '\nname: "a"'],
    ['a list', '\ntags: [a, b]'],
    ['a tab', '\nname:\tx'],
  ])('leaves %s to the full parse', (_what, source) => {
    expect(readSimpleYaml(source)).toBeNull()
  })

  it('reads a typical SKILL.md the same way either path would', () => {
    const text =
      '---\nname: pdf-tools\ndescription: Extract text and tables from PDF files (fast), then summarise them.\n' +
      'license: Apache-2.0\n---\n# PDF tools\n\nSteps.\n'
    const front = readFrontmatter(text)
    expect(front.status).toBe('present')
    expect(front.errors).toEqual([])
    expect(front.data).toEqual({
      name: 'pdf-tools',
      description: 'Extract text and tables from PDF files (fast), then summarise them.',
      license: 'Apache-2.0',
    })
    expect(front.entries.map((e) => [e.key, e.line, e.lineOf(['x'])])).toEqual([
      ['name', 2, 2],
      ['description', 3, 3],
      ['license', 4, 4],
    ])
    expect(front.body).toBe('# PDF tools\n\nSteps.\n')
    expect(front.bodyLine).toBe(6)
  })
})
