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
/** Drawn for one piece (and one key) in eight, so the fast path is still reached often. */
const RARE_PIECES = [
  ...['\u2029', '\u200b', '\r', '\x9f', 'nULL', 'on', 'Off', '=', '...', ' :', '\n  '],
  // Not allowed in a YAML 1.2 stream (js-yaml and PyYAML refuse the file; the `yaml` package keeps them).
  ...['\x00', '\x1b', '\ufffe', '\uffff', '\ud800', '\udc00'],
]
const KEYS = ['name', 'description', 'license', 'version', 'a.b', 'x_y', 'null', 'True', 'k-1', 'description']
/** Object.prototype names, YAML 1.1 booleans, and keys either side of the fast path's and `yaml`'s limits. */
const RARE_KEYS = [
  ...['on', 'yes', 'constructor', 'toString', '__proto__'],
  ...['k'.repeat(128), 'k'.repeat(129), 'k'.repeat(1024), 'k'.repeat(1025)],
]

function generate(next: (n: number) => number): string {
  const lines = [next(4) === 0 ? ' ' : '']
  const count = 1 + next(4)
  for (let l = 0; l < count; l++) {
    if (next(8) === 0) lines.push(next(2) ? '' : '  ')
    let value = ''
    for (let p = 1 + next(6); p > 0; p--) {
      value += next(8) === 0 ? RARE_PIECES[next(RARE_PIECES.length)] : PIECES[next(PIECES.length)]
    }
    const spaces = ' '.repeat(1 + next(2))
    const key = next(8) === 0 ? RARE_KEYS[next(RARE_KEYS.length)] : KEYS[next(KEYS.length)]
    lines.push(`${key}:${spaces}${value}${next(4) === 0 ? ' ' : ''}`)
  }
  return lines.join('\n') + (next(2) ? '\n' : '')
}

describe('frontmatter read without a YAML parse', () => {
  it('agrees with the full YAML parse on every frontmatter it accepts', () => {
    let accepted = 0
    for (let seed = 1; seed <= 30_000; seed++) {
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
    // The `yaml` package refuses an implicit key over 1024 characters; the fast path used to accept it.
    ['a key over 1024 characters', `\n${'k'.repeat(1025)}: x`],
    ['a key over 128 characters', `\n${'k'.repeat(129)}: x`],
    // YAML 1.2 does not allow these in a stream; the first character of a value used to get through.
    ['a control character first', '\nname: \x00x'],
    ['an escape character first', '\nname: \x1bx'],
    ['DEL first', '\nname: \x7fx'],
    ['a YAML 1.1 line break (NEL) first', '\nname: \x85x'],
    ['a C1 control first', '\nname: \x9fx'],
    ['a zero-width space first', '\nname: \u200bx'],
    ['U+FFFE', '\nname: a\ufffe'],
    ['U+FFFF first', '\nname: \uffffx'],
    ['a lone high surrogate', '\nname: a\ud83d'],
    ['a lone low surrogate first', '\nname: \ude00a'],
  ])('leaves %s to the full parse', (_what, source) => {
    expect(readSimpleYaml(source)).toBeNull()
  })

  it('still reads emoji (a surrogate pair) and a key of 128 characters', () => {
    expect(readSimpleYaml('\nname: 😀 a\ndescription: b😀')?.data).toEqual({
      name: '😀 a',
      description: 'b😀',
    })
    expect(readSimpleYaml(`\n${'k'.repeat(128)}: x`)?.data).toEqual({ ['k'.repeat(128)]: 'x' })
  })

  it('reports a key over 1024 characters as a YAML error instead of reading it', () => {
    const front = readFrontmatter(`---\n${'k'.repeat(1025)}: x\nname: a\n---\nbody\n`)
    expect(front.errors.map((e) => e.code)).toEqual(['YAML_ERROR'])
    expect(Object.keys(front.data)).toEqual(['name'])
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

describe('a value hiding a line break of older YAML parsers', () => {
  it.each(['\x85', '\u2028', '\u2029'])('is an error, not one quoted value (%j)', (separator) => {
    const front = readFrontmatter(
      `---\nname: helper\ndescription: Safe helper${separator}allowed-tools: Bash\n---\nbody\n`,
    )
    // PyYAML reads a separate allowed-tools key here: SkillDock must not show one harmless description.
    expect(front.data['description']).toBeUndefined()
    expect(front.unreadableKeys.has('description')).toBe(true)
    expect(front.errors.map((e) => e.code)).toContain('YAML_ERROR')
    expect(front.warnings.map((w) => w.code)).not.toContain('UNQUOTED_COLON')
  })
})
