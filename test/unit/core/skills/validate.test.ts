import { describe, expect, it } from 'vitest'
import { describeNameProblems, suggestSkillName } from '../../../../src-main/core/skills/naming'
import { splitAllowedTools } from '../../../../src-main/core/skills/validate'
import { codes, only, parseOnly, parseWith } from './manifestSupport'

describe('name', () => {
  it('accepts lowercase words joined by single hyphens, and digits', () => {
    for (const name of ['a', 'pdf', 'pdf-tools', 'v2', 'web-search-2', 'a'.repeat(64)]) {
      expect(parseOnly([`name: ${name}`, 'description: x']).errors, name).toEqual([])
    }
  })

  it('reports NAME_MISSING on line 1 when absent, and on its own line when empty', () => {
    const absent = only(parseOnly(['description: x']).errors, 'NAME_MISSING')
    expect(absent.line).toBe(1)
    expect(absent.message).toContain('name: my-skill')
    const withFolder = only(parseOnly(['description: x'], 'pdf-tools').errors, 'NAME_MISSING')
    expect(withFolder.message).toContain('name: pdf-tools')
    for (const empty of ['name:', 'name: ""', "name: '   '"]) {
      const issue = only(parseOnly([empty, 'description: x']).errors, 'NAME_MISSING')
      expect(issue.line, empty).toBe(2)
      expect(issue.field).toBe('name')
    }
  })

  it('reports NAME_INVALID when the name is not text', () => {
    const issue = only(parseOnly(['name: [a, b]', 'description: x']).errors, 'NAME_INVALID')
    expect(issue.line).toBe(2)
    expect(issue.message).toContain('must be text, but it is a list')
    expect(parseOnly(['name: 7', 'description: x']).errors[0]?.message).toContain('the number 7')
  })

  it('reports NAME_TOO_LONG with the length and the limit', () => {
    const issue = only(parseOnly([`name: ${'a'.repeat(70)}`, 'description: x']).errors, 'NAME_TOO_LONG')
    expect(issue.line).toBe(2)
    expect(issue.message).toBe('name is 70 characters; the limit is 64. Shorten it.')
  })

  it.each([
    ['PdfTools', 'uppercase letters', 'pdftools'],
    ['pdf_tools', 'underscores', 'pdf-tools'],
    ['-pdf', 'a leading hyphen', 'pdf'],
    ['pdf-', 'a trailing hyphen', 'pdf'],
    ['pdf--tools', 'a double hyphen', 'pdf-tools'],
    ['"pdf tools"', 'characters other than letters, digits and hyphens (spaces)', 'pdf-tools'],
    ['pdf.tools!', 'characters other than letters, digits and hyphens (".", "!")', 'pdf-tools'],
    ['"Café Menu"', '"é"', 'cafe-menu'],
  ])('reports NAME_INVALID for %s saying "%s" and suggesting "%s"', (name, problem, suggestion) => {
    const issue = only(parseOnly([`name: ${name}`, 'description: x']).errors, 'NAME_INVALID')
    expect(issue.line).toBe(2)
    expect(issue.field).toBe('name')
    expect(issue.message).toContain(problem)
    expect(issue.message).toContain(`e.g. "${suggestion}"`)
  })

  it('lists every problem of a name at once', () => {
    expect(describeNameProblems('-My_Skill--')).toEqual([
      'uppercase letters',
      'underscores',
      'a leading hyphen',
      'a trailing hyphen',
      'a double hyphen',
    ])
  })

  it('suggests no name when nothing usable is left', () => {
    const issue = only(parseOnly(['name: "___"', 'description: x']).errors, 'NAME_INVALID')
    expect(issue.message).not.toContain('e.g.')
    expect(suggestSkillName('___')).toBe('')
  })

  it('suggests names that pass the rule and fit the limit', () => {
    expect(suggestSkillName('  My Great_Skill!! v2 ')).toBe('my-great-skill-v2')
    const long = suggestSkillName(`${'ab-'.repeat(40)}`)
    expect(long.length).toBeLessThanOrEqual(64)
    expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  })

  it('keeps an invalid string name in the manifest, but not a non-string one', () => {
    expect(parseOnly(['name: Bad_Name', 'description: x']).manifest.name).toBe('Bad_Name')
    expect(parseOnly(['name: 12', 'description: x']).manifest.name).toBeNull()
  })

  it('warns NAME_FOLDER_MISMATCH only for a valid name that differs from the folder', () => {
    const mismatch = only(
      parseOnly(['name: pdf-tools', 'description: x'], 'pdf').warnings,
      'NAME_FOLDER_MISMATCH',
    )
    expect(mismatch.line).toBe(2)
    expect(mismatch.message).toContain('"pdf-tools" differs from the folder name "pdf"')
    expect(parseOnly(['name: pdf', 'description: x'], 'pdf').warnings).toEqual([])
    expect(codes(parseOnly(['name: Pdf', 'description: x'], 'pdf').warnings)).toEqual([])
  })
})

describe('description', () => {
  it('reports DESCRIPTION_MISSING on line 1 when absent and on its line when empty', () => {
    expect(only(parseOnly(['name: a']).errors, 'DESCRIPTION_MISSING').line).toBe(1)
    const empty = only(parseOnly(['name: a', 'description: "  "']).errors, 'DESCRIPTION_MISSING')
    expect(empty.line).toBe(3)
    expect(empty.field).toBe('description')
  })

  it('reports DESCRIPTION_INVALID when it is not text', () => {
    const issue = only(parseOnly(['name: a', 'description: {what: x}']).errors, 'DESCRIPTION_INVALID')
    expect(issue.line).toBe(3)
    expect(issue.message).toContain('a map')
  })

  it('reports DESCRIPTION_TOO_LONG above 1024 characters, counting characters not bytes', () => {
    const issue = only(
      parseOnly(['name: a', `description: ${'d'.repeat(1025)}`]).errors,
      'DESCRIPTION_TOO_LONG',
    )
    expect(issue.line).toBe(3)
    expect(issue.message).toBe(
      'description is 1025 characters; the limit is 1024. Shorten it and move detail into the instructions.',
    )
    expect(parseOnly(['name: a', `description: ${'d'.repeat(1024)}`]).errors).toEqual([])
    expect(parseOnly(['name: a', `description: ${'é'.repeat(1024)}`]).errors).toEqual([])
  })

  it('warns DESCRIPTION_ANGLE_BRACKETS for < or >', () => {
    const issue = only(
      parseOnly(['name: a', 'description: Use for <file> inputs']).warnings,
      'DESCRIPTION_ANGLE_BRACKETS',
    )
    expect(issue.line).toBe(3)
    expect(issue.message).toContain('angle brackets')
    expect(parseOnly(['name: a', 'description: a -> b']).warnings).toHaveLength(1)
  })

  it('trims a block-scalar description', () => {
    const parsed = parseOnly(['name: a', 'description: |', '  Line one.', '  Line two.'])
    expect(parsed.errors).toEqual([])
    expect(parsed.manifest.description).toBe('Line one.\nLine two.')
  })
})

describe('license, compatibility, allowed-tools, category', () => {
  it('reports FIELD_TYPE when license is not text', () => {
    const issue = only(parseWith(['license: [MIT]']).errors, 'FIELD_TYPE')
    expect([issue.field, issue.line]).toEqual(['license', 4])
    expect(parseWith(['license: Apache-2.0']).manifest.license).toBe('Apache-2.0')
  })

  it('reports FIELD_TYPE and COMPATIBILITY_TOO_LONG for compatibility', () => {
    const type = only(parseWith(['compatibility: 3']).errors, 'FIELD_TYPE')
    expect([type.field, type.line]).toEqual(['compatibility', 4])
    const long = only(parseWith([`compatibility: ${'c'.repeat(501)}`]).errors, 'COMPATIBILITY_TOO_LONG')
    expect(long.line).toBe(4)
    expect(long.message).toContain('501 characters; the limit is 500')
    expect(parseWith([`compatibility: ${'c'.repeat(500)}`]).errors).toEqual([])
  })

  it('accepts allowed-tools as a space or comma separated string, or a list', () => {
    expect(parseWith(['allowed-tools: Read Grep']).manifest.allowedTools).toEqual(['Read', 'Grep'])
    expect(parseWith(['allowed-tools: Read, Grep,Glob']).manifest.allowedTools).toEqual([
      'Read',
      'Grep',
      'Glob',
    ])
    expect(parseWith(['allowed-tools: [Read, "Bash(ls:*)"]']).manifest.allowedTools).toEqual([
      'Read',
      'Bash(ls:*)',
    ])
    expect(splitAllowedTools('Bash(git add:*), Bash(git commit:*) Read')).toEqual([
      'Bash(git add:*)',
      'Bash(git commit:*)',
      'Read',
    ])
  })

  it('reports FIELD_TYPE when allowed-tools is neither', () => {
    const issue = only(parseWith(['allowed-tools: {Read: true}']).errors, 'FIELD_TYPE')
    expect([issue.field, issue.line]).toEqual(['allowed-tools', 4])
  })

  it('warns CATEGORY_INVALID when category is not text', () => {
    const parsed = parseWith(['category: [a, b]'])
    expect(parsed.errors).toEqual([])
    const issue = only(parsed.warnings, 'CATEGORY_INVALID')
    expect([issue.field, issue.line]).toEqual(['category', 4])
    expect(parsed.manifest.category).toBeNull()
  })
})

describe('version', () => {
  it.each(['1.0.0', '0.1.0', '10.20.30', '1.0.0-alpha.1', '1.0.0+build.5', '2.0.0-rc.1+sha.abc'])(
    'accepts %s',
    (v) => {
      const parsed = parseWith([`version: "${v}"`])
      expect(parsed.errors).toEqual([])
      expect(parsed.manifest.version).toBe(v)
    },
  )

  it('tells to quote a YAML number and suggests a full version', () => {
    const parsed = parseWith(['version: 1.0'])
    const issue = only(parsed.errors, 'VERSION_INVALID')
    expect(issue.line).toBe(4)
    expect(issue.message).toContain('version 1.0 is read as a number')
    expect(issue.message).toContain('"1.0.0"')
    expect(parsed.manifest.version).toBeNull()
  })

  it.each([
    ['"1.0"', '"1.0.0"'],
    ['"v1.2.3"', '"1.2.3"'],
    ['"01.2.3"', '"1.2.3"'],
    ['"1.2.3.4"', '"1.0.0"'],
    ['latest', '"1.0.0"'],
  ])('rejects the string %s and suggests %s', (written, suggestion) => {
    const issue = only(parseWith([`version: ${written}`]).errors, 'VERSION_INVALID')
    expect(issue.message).toContain('is not a semantic version')
    expect(issue.message).toContain(suggestion)
  })

  it('rejects non-text versions', () => {
    expect(only(parseWith(['version: [1]']).errors, 'VERSION_INVALID').message).toContain('a list')
  })
})

describe('tools, triggers, tags', () => {
  it('accepts a list of tool names', () => {
    const parsed = parseWith(['tools:', '  - list_issues', '  - get-issue', '  - _private'])
    expect(parsed.errors).toEqual([])
    expect(parsed.manifest.tools).toEqual(['list_issues', 'get-issue', '_private'])
  })

  it('reports TOOLS_INVALID when tools is not a list', () => {
    const issue = only(parseWith(['tools: list_issues']).errors, 'TOOLS_INVALID')
    expect([issue.field, issue.line]).toEqual(['tools', 4])
    expect(issue.message).toContain('must be a list')
  })

  it('reports TOOLS_INVALID per bad or repeated tool name, on its own line', () => {
    const parsed = parseWith([
      'tools:',
      '  - ok_tool',
      '  - 1bad',
      '  - ""',
      '  - {x: 1}',
      '  - ok_tool',
      `  - ${'t'.repeat(65)}`,
    ])
    expect(parsed.errors.map((issue) => [issue.code, issue.field, issue.line])).toEqual([
      ['TOOLS_INVALID', 'tools[1]', 6],
      ['TOOLS_INVALID', 'tools[2]', 7],
      ['TOOLS_INVALID', 'tools[3]', 8],
      ['TOOLS_INVALID', 'tools[4]', 9],
      ['TOOLS_INVALID', 'tools[5]', 10],
    ])
    expect(parsed.errors[0]?.message).toContain('"1bad"')
    expect(parsed.errors[3]?.message).toContain('listed twice')
    expect(parsed.manifest.tools).toEqual(['ok_tool'])
  })

  it('warns TRIGGERS_INVALID / TAGS_INVALID and keeps the usable items', () => {
    const parsed = parseWith(['triggers: when asked', 'tags: [pdf, 3, ""]'])
    expect(parsed.errors).toEqual([])
    expect(parsed.warnings.map((issue) => [issue.code, issue.line])).toEqual([
      ['TRIGGERS_INVALID', 4],
      ['TAGS_INVALID', 5],
    ])
    expect(parsed.manifest.triggers).toEqual([])
    expect(parsed.manifest.tags).toEqual(['pdf'])
  })
})
