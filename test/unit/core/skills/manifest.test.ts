import { describe, expect, it } from 'vitest'
import { loadSkill, parseSkillMd } from '../../../../src-main/core/skills/manifest'
import { fixture, skillMd, only, codes } from './manifestSupport'

describe('parseSkillMd: frontmatter block', () => {
  it('reads a minimal skill with no issues', () => {
    const parsed = parseSkillMd(skillMd(['name: hello', 'description: Says hello.']), { folderName: 'hello' })
    expect(parsed.errors).toEqual([])
    expect(parsed.warnings).toEqual([])
    expect(parsed.manifest.name).toBe('hello')
    expect(parsed.manifest.description).toBe('Says hello.')
    expect(parsed.manifest.body).toBe('# Instructions\n\nDo the thing.\n')
    expect(parsed.manifest.frontmatter).toEqual({ name: 'hello', description: 'Says hello.' })
  })

  it('reports FRONTMATTER_MISSING on line 1 and keeps the whole text as the body', () => {
    const parsed = parseSkillMd('# Just markdown\n\nname: not-frontmatter\n')
    expect(parsed.errors).toHaveLength(1)
    const issue = only(parsed.errors, 'FRONTMATTER_MISSING')
    expect(issue.line).toBe(1)
    expect(issue.message).toContain('---')
    expect(parsed.manifest.body).toBe('# Just markdown\n\nname: not-frontmatter\n')
    expect(parsed.manifest.name).toBeNull()
  })

  it('treats an empty file as missing frontmatter', () => {
    expect(codes(parseSkillMd('').errors)).toEqual(['FRONTMATTER_MISSING'])
  })

  it('reports FRONTMATTER_UNTERMINATED when the closing --- is missing', () => {
    const parsed = parseSkillMd('---\nname: x\ndescription: y\n\n# Body\n')
    expect(codes(parsed.errors)).toEqual(['FRONTMATTER_UNTERMINATED'])
    expect(parsed.errors[0]?.line).toBe(1)
    expect(parsed.errors[0]?.message).toContain('never closed')
  })

  it('reports FRONTMATTER_NOT_MAP for a list and for a single value', () => {
    const list = parseSkillMd(skillMd(['- name', '- description']))
    expect(codes(list.errors)).toEqual(['FRONTMATTER_NOT_MAP'])
    expect(list.errors[0]?.line).toBe(2)
    expect(list.errors[0]?.message).toContain('a list')
    const scalar = parseSkillMd(skillMd(['just some words']))
    expect(codes(scalar.errors)).toEqual(['FRONTMATTER_NOT_MAP'])
  })

  it('treats an empty frontmatter block as a map missing name and description', () => {
    const parsed = parseSkillMd('---\n---\n\n# Body\n')
    expect(codes(parsed.errors)).toEqual(['NAME_MISSING', 'DESCRIPTION_MISSING'])
    expect(parsed.errors.map((issue) => issue.line)).toEqual([1, 1])
  })

  it('warns BODY_EMPTY when nothing follows the frontmatter, on the line after it', () => {
    const parsed = parseSkillMd('---\nname: a\ndescription: b\n---\n\n   \n')
    const issue = only(parsed.warnings, 'BODY_EMPTY')
    expect(issue.line).toBe(5)
    expect(issue.message).toContain('instructions')
    expect(parsed.errors).toEqual([])
  })

  it('accepts trailing spaces after both delimiters', () => {
    const parsed = parseSkillMd('---  \nname: a\ndescription: b\n---   \n# Body\n')
    expect(parsed.errors).toEqual([])
    expect(parsed.manifest.body).toBe('# Body\n')
  })
})

describe('parseSkillMd: lenient loading', () => {
  it('normalizes CRLF endings and strips a BOM', () => {
    const text = '\uFEFF---\r\nname: crlf\r\ndescription: Windows file.\r\n---\r\n\r\n# Body\r\nLine two\r\n'
    const parsed = parseSkillMd(text)
    expect(parsed.errors).toEqual([])
    expect(parsed.warnings).toEqual([])
    expect(parsed.manifest.name).toBe('crlf')
    expect(parsed.manifest.body).toBe('# Body\nLine two\n')
  })

  it('normalizes lone CR line endings', () => {
    const parsed = parseSkillMd('---\rname: old-mac\rdescription: Classic Mac file.\r---\r# Body\r')
    expect(parsed.errors).toEqual([])
    expect(parsed.manifest.name).toBe('old-mac')
    expect(parsed.manifest.body).toBe('# Body\n')
  })

  it('keeps line numbers right in a CRLF file', () => {
    const parsed = parseSkillMd('---\r\nname: Bad_Name\r\ndescription: x\r\n---\r\n# Body\r\n')
    expect(only(parsed.errors, 'NAME_INVALID').line).toBe(2)
  })

  it('retries a value with an unquoted ": " and warns UNQUOTED_COLON instead of failing', () => {
    const text = skillMd(['name: units', 'description: Use this when: you need X', 'license: MIT'])
    const parsed = parseSkillMd(text)
    expect(parsed.errors).toEqual([])
    expect(parsed.manifest.description).toBe('Use this when: you need X')
    expect(parsed.manifest.license).toBe('MIT')
    const warning = only(parsed.warnings, 'UNQUOTED_COLON')
    expect(warning.line).toBe(3)
    expect(warning.field).toBe('description')
    expect(warning.message).toContain('double quotes')
  })

  it('retries values starting with @ or a backtick and values ending with a colon', () => {
    const parsed = parseSkillMd(
      skillMd([
        'name: at-sign',
        'description: Use when:',
        'argument-hint: @file',
        'when_to_use: `code` blocks',
      ]),
    )
    expect(parsed.errors).toEqual([])
    expect(parsed.manifest.description).toBe('Use when:')
    expect(parsed.manifest.frontmatter['argument-hint']).toBe('@file')
    expect(parsed.manifest.frontmatter.when_to_use).toBe('`code` blocks')
    expect(parsed.warnings.map((issue) => [issue.code, issue.line])).toEqual([
      ['UNQUOTED_COLON', 3],
      ['UNQUOTED_COLON', 4],
      ['UNQUOTED_COLON', 5],
    ])
  })

  it('does not quote inline JSON metadata while retrying another line', () => {
    const parsed = parseSkillMd(
      skillMd([
        'name: mixed',
        'description: Use when: asked',
        'metadata: {"openclaw": {"requires": {"bins": ["gh"]}}}',
      ]),
    )
    expect(parsed.errors).toEqual([])
    expect(parsed.manifest.requires.bins).toEqual(['gh'])
    expect(codes(parsed.warnings)).toEqual(['UNQUOTED_COLON'])
  })

  it('folds indented lines continuing an unquoted colon value into it', () => {
    const parsed = parseSkillMd(
      skillMd([
        'name: folded',
        'description: Use this when: the user asks',
        '  to convert units.',
        'license: MIT',
      ]),
    )
    expect(parsed.errors).toEqual([])
    expect(parsed.manifest.description).toBe('Use this when: the user asks to convert units.')
    expect(parsed.manifest.license).toBe('MIT')
    expect(only(parsed.warnings, 'UNQUOTED_COLON').line).toBe(3)
  })

  it('does not warn when the colon value is already quoted', () => {
    const parsed = parseSkillMd(skillMd(['name: ok', 'description: "Use this when: you need X"']))
    expect(parsed.warnings).toEqual([])
  })

  it('preserves Claude Code keys without warnings', () => {
    const parsed = parseSkillMd(
      skillMd([
        'name: claude',
        'description: A Claude Code skill.',
        'when_to_use: When asked.',
        'argument-hint: "[file]"',
        'disable-model-invocation: true',
        'user-invocable: false',
        'model: opus',
        'context: fork',
        'agent: Explore',
        'hooks: {PreToolUse: []}',
        'allowed-tools: Read Grep',
        'mode: true',
      ]),
    )
    expect(parsed.errors).toEqual([])
    expect(parsed.warnings).toEqual([])
    expect(parsed.manifest.frontmatter['disable-model-invocation']).toBe(true)
    expect(parsed.manifest.frontmatter.hooks).toEqual({ PreToolUse: [] })
  })

  it('treats keys named like Object.prototype members as ordinary unknown keys', () => {
    for (const yamlError of [false, true]) {
      const lines = [
        'name: a',
        'description: b',
        'constructor: x',
        'toString: y',
        '__proto__: {polluted: true}',
      ]
      const parsed = parseSkillMd(skillMd(yamlError ? [...lines, 'tags: [x'] : lines))
      expect(parsed.warnings.map((issue) => issue.field)).toEqual(['constructor', 'toString', '__proto__'])
      expect(Object.getPrototypeOf(parsed.manifest.frontmatter)).toBe(Object.prototype)
      expect(Object.keys(parsed.manifest.frontmatter)).toContain('__proto__')
    }
  })

  it('warns UNKNOWN_KEY with the key and its line, and suggests a close known key', () => {
    const parsed = parseSkillMd(skillMd(['name: a', 'description: b', 'author: me', 'tgas: [x]']))
    expect(parsed.errors).toEqual([])
    expect(parsed.warnings.map((issue) => [issue.code, issue.field, issue.line])).toEqual([
      ['UNKNOWN_KEY', 'author', 4],
      ['UNKNOWN_KEY', 'tgas', 5],
    ])
    expect(parsed.warnings[0]?.message).toContain('"author"')
    expect(parsed.warnings[1]?.message).toContain('Did you mean "tags"?')
  })
})

describe('parseSkillMd: YAML errors', () => {
  it('reports YAML_ERROR with the file line and a plain message', () => {
    const parsed = parseSkillMd(skillMd(['name: tabbed', 'description: ok', 'metadata:', '\tauthor: me']))
    const issue = only(parsed.errors, 'YAML_ERROR')
    expect(issue.line).toBe(5)
    expect(issue.message).toContain('line 5')
    expect(issue.message).toContain('tab')
    expect(issue.message).not.toContain('^')
  })

  it('still checks name and description on the lines it can read after a YAML error', () => {
    const parsed = parseSkillMd(skillMd(['name: Bad Name', 'tags: [one, two', 'license: MIT']))
    expect(parsed.errors.map((issue) => [issue.code, issue.line])).toEqual([
      ['DESCRIPTION_MISSING', 1],
      ['NAME_INVALID', 2],
      // The parser notices the unclosed "[" on line 4; the problem is the tags line.
      ['YAML_ERROR', 3],
    ])
    expect(parsed.errors[1]?.message).toContain('spaces')
    expect(parsed.manifest.license).toBe('MIT')
  })

  it('does not call a present-but-unreadable key missing', () => {
    const parsed = parseSkillMd(skillMd(['name: ok-name', 'description: [unclosed', 'license: MIT']))
    expect(codes(parsed.errors)).toEqual(['YAML_ERROR'])
    expect(parsed.manifest.name).toBe('ok-name')
    expect(parsed.manifest.license).toBe('MIT')
  })

  it('combines a YAML error, a bad name, a missing description and an over-long one (broken fixture)', () => {
    const loaded = loadSkill(fixture('broken'), { strict: true })
    expect(loaded.errors.map((issue) => [issue.code, issue.line])).toEqual([
      ['NAME_INVALID', 2],
      ['DESCRIPTION_MISSING', 3],
      ['YAML_ERROR', 4],
      ['DESCRIPTION_TOO_LONG', 4],
    ])
    const [name, missing, yaml, tooLong] = loaded.errors
    expect(name?.message).toContain('uppercase letters')
    expect(name?.message).toContain('"pdf-tools"')
    expect(missing?.message).toContain('description is empty')
    expect(yaml?.message).toContain('"description" appears twice (lines 3 and 4)')
    expect(tooLong?.message).toBe(
      'description is 2000 characters; the limit is 1024. Shorten it and move detail into the instructions.',
    )
  })

  it('reports one error per problem for a syntax error, a bad name and an absent description', () => {
    const parsed = parseSkillMd(
      skillMd(['name: My_Skill', 'compatibility: Python 3', '  oops: nested', `tags: [a]`]),
    )
    expect(parsed.errors.map((issue) => [issue.code, issue.line])).toEqual([
      ['DESCRIPTION_MISSING', 1],
      ['NAME_INVALID', 2],
      ['YAML_ERROR', 3],
    ])
    expect(parsed.manifest.tags).toEqual(['a'])
  })

  it('keeps UNQUOTED_COLON warnings from the line scan when another line still breaks YAML', () => {
    const parsed = parseSkillMd(
      skillMd(['name: a', 'description: Use when: asked', 'tags: [x', 'license: MIT']),
    )
    expect(codes(parsed.errors)).toEqual(['YAML_ERROR'])
    expect(parsed.manifest.description).toBe('Use when: asked')
    expect(only(parsed.warnings, 'UNQUOTED_COLON').line).toBe(3)
  })

  it('reads a multi-line flow map after a YAML error elsewhere', () => {
    const parsed = parseSkillMd(
      skillMd([
        'name: a',
        'description: b',
        'tags: [x',
        'metadata: {',
        '  "openclaw": {"requires": {"bins": ["gh"]}}',
        '}',
      ]),
    )
    expect(codes(parsed.errors)).toEqual(['YAML_ERROR'])
    expect(parsed.errors[0]?.line).toBe(4)
    expect(parsed.manifest.requires.bins).toEqual(['gh'])
  })

  it('rejects an alias bomb instead of expanding it', () => {
    const lines = ['name: bomb', 'description: x', 'a: &a [x, x, x, x, x, x, x, x, x]']
    for (let i = 0; i < 8; i++)
      lines.push(
        `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9)
          .fill(`*${i === 0 ? 'a' : 'bcdefghi'[i - 1]}`)
          .join(', ')}]`,
      )
    const parsed = parseSkillMd(skillMd(lines))
    expect(codes(parsed.errors)).toContain('YAML_ERROR')
  })
})
