import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ValidationIssue } from '../../../../src-main/contract/models'
import {
  findSkillFile,
  loadSkill,
  MAX_SKILL_MD_BYTES,
  parseSkillMd,
  SKILL_FILE_NAMES,
  validateSkillPath,
  validateSkillText,
} from '../../../../src-main/core/skills/manifest'

const FIXTURES = resolve(__dirname, '../../../fixtures/skills')
const fixture = (name: string): string => join(FIXTURES, name)

/** A SKILL.md whose frontmatter lines start on line 2. */
function skillMd(lines: string[], body = '# Instructions\n\nDo the thing.\n'): string {
  return `---\n${lines.join('\n')}\n---\n\n${body}`
}

function only(issues: ValidationIssue[], code: string): ValidationIssue {
  const found = issues.filter((issue) => issue.code === code)
  expect(found, `expected exactly one ${code} in ${JSON.stringify(issues)}`).toHaveLength(1)
  return found[0] as ValidationIssue
}

const codes = (issues: ValidationIssue[]): string[] => issues.map((issue) => issue.code)

const tempDirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skilldock-manifest-'))
  tempDirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

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

describe('findSkillFile', () => {
  it('prefers SKILL.md over skill.md', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'skill.md'), 'lower')
    expect(findSkillFile(dir)).toBe(join(dir, 'skill.md'))
    writeFileSync(join(dir, 'SKILL.md'), 'upper')
    expect(findSkillFile(dir)).toBe(join(dir, 'SKILL.md'))
  })

  it('returns null for a folder without one, a missing folder, and a SKILL.md that is a folder', () => {
    expect(findSkillFile(fixture('no-skill-md'))).toBeNull()
    expect(findSkillFile(join(tempDir(), 'nope'))).toBeNull()
    const dir = tempDir()
    mkdirSync(join(dir, 'SKILL.md'))
    expect(findSkillFile(dir)).toBeNull()
  })

  it('lists the accepted names in order of preference', () => {
    expect(SKILL_FILE_NAMES).toEqual(['SKILL.md', 'skill.md'])
  })
})

describe('loadSkill', () => {
  it('loads the minimal fixture folder cleanly', () => {
    const loaded = loadSkill(fixture('valid-minimal'))
    expect(loaded.errors).toEqual([])
    expect(loaded.warnings).toEqual([])
    expect(loaded.file).toBe(join(fixture('valid-minimal'), 'SKILL.md'))
    expect(loaded.folder).toBe(fixture('valid-minimal'))
    expect(loaded.manifest.name).toBe('valid-minimal')
  })

  it('loads the full fixture with every extension filled in', () => {
    const loaded = loadSkill(fixture('valid-full'))
    expect(loaded.errors).toEqual([])
    expect(loaded.warnings).toEqual([])
    const { manifest } = loaded
    expect(manifest.version).toBe('1.2.3')
    expect(manifest.license).toBe('MIT')
    expect(manifest.allowedTools).toEqual(['Bash(gh issue list:*)', 'Read'])
    expect(manifest.tools).toEqual(['list_issues', 'get_issue'])
    expect(manifest.triggers).toEqual(['github issues', 'open pull requests'])
    expect(manifest.tags).toEqual(['github', 'issues'])
    expect(manifest.category).toBe('development')
    expect(manifest.requires).toEqual({
      os: ['darwin', 'linux'],
      bins: ['gh'],
      anyBins: ['rg', 'grep'],
      env: ['GITHUB_TOKEN'],
      config: ['github.enabled'],
    })
    expect(manifest.primaryEnv).toBe('GITHUB_TOKEN')
    expect(manifest.emoji).toBe('🐙')
    expect(manifest.homepage).toBe('https://cli.github.com')
    expect(manifest.credentials).toEqual([
      { name: 'GITHUB_TOKEN', description: 'A token with read access to the repository.', required: true },
      {
        name: 'GITHUB_ENTERPRISE_URL',
        description: 'Base URL of a GitHub Enterprise server.',
        required: false,
      },
    ])
    expect(manifest.network).toEqual(['api.github.com', '*.githubusercontent.com'])
    expect(manifest.timeoutSeconds).toBe(120)
    expect(manifest.metadata.author).toBe('skilldock')
  })

  it('loads a CRLF + BOM fixture', () => {
    const loaded = loadSkill(fixture('crlf'))
    expect(loaded.errors).toEqual([])
    expect(loaded.warnings).toEqual([])
    expect(loaded.manifest.version).toBe('0.1.0')
    expect(loaded.manifest.body).toBe('# CRLF\n\nLines end with CRLF.\n')
  })

  it('accepts a lowercase skill.md', () => {
    const loaded = loadSkill(fixture('lowercase-file'))
    expect(loaded.errors).toEqual([])
    expect(loaded.file).toBe(join(fixture('lowercase-file'), 'skill.md'))
    expect(loaded.manifest.name).toBe('lowercase-file')
  })

  it('loads a SKILL.md path directly, using its folder name for the mismatch check', () => {
    const loaded = loadSkill(join(fixture('valid-minimal'), 'SKILL.md'))
    expect(loaded.errors).toEqual([])
    expect(loaded.warnings).toEqual([])
    expect(loaded.folder).toBe(fixture('valid-minimal'))
  })

  it('warns NAME_FOLDER_MISMATCH when the folder is named differently', () => {
    const dir = join(tempDir(), 'other-folder')
    mkdirSync(dir)
    writeFileSync(join(dir, 'SKILL.md'), skillMd(['name: valid-minimal', 'description: x']))
    const issue = only(loadSkill(dir).warnings, 'NAME_FOLDER_MISMATCH')
    expect(issue.line).toBe(2)
    expect(issue.message).toContain('"other-folder"')
  })

  it('reads the unquoted-colon and inline-JSON OpenClaw fixtures', () => {
    const colon = loadSkill(fixture('unquoted-colon'))
    expect(colon.errors).toEqual([])
    expect(colon.warnings.map((issue) => [issue.code, issue.line])).toEqual([
      ['UNQUOTED_COLON', 3],
      ['UNQUOTED_COLON', 4],
    ])
    const openclaw = loadSkill(fixture('openclaw-json'))
    expect(openclaw.errors).toEqual([])
    expect(openclaw.manifest.requires).toEqual({
      os: ['darwin', 'linux'],
      bins: ['gh'],
      anyBins: [],
      env: ['GH_TOKEN'],
      config: [],
    })
    expect(openclaw.manifest.primaryEnv).toBe('GH_TOKEN')
    expect(openclaw.manifest.emoji).toBe('🐙')
  })

  it('warns TOOLS_WITHOUT_SERVER on the tools line when there is no skill.py and no server', () => {
    const issue = only(loadSkill(fixture('tools-no-server')).warnings, 'TOOLS_WITHOUT_SERVER')
    expect(issue.line).toBe(4)
    expect(issue.message).toContain('skill.py')
  })

  it('does not warn TOOLS_WITHOUT_SERVER when a server command is declared', () => {
    const dir = join(tempDir(), 'node-server')
    mkdirSync(dir)
    writeFileSync(
      join(dir, 'SKILL.md'),
      skillMd([
        'name: node-server',
        'description: x',
        'tools: [run]',
        'metadata:',
        '  skilldock:',
        '    server: {command: node, args: [server.js]}',
      ]),
    )
    const loaded = loadSkill(dir)
    expect(loaded.warnings).toEqual([])
    expect(loaded.manifest.server).toEqual({ command: 'node', args: ['server.js'] })
  })

  it('reports SKILL_MD_MISSING for a folder without SKILL.md', () => {
    const loaded = loadSkill(fixture('no-skill-md'))
    const issue = only(loaded.errors, 'SKILL_MD_MISSING')
    expect(issue.message).toContain(`no SKILL.md in ${fixture('no-skill-md')}`)
    expect(loaded.file).toBeNull()
    expect(loaded.folder).toBe(fixture('no-skill-md'))
    expect(loaded.manifest.name).toBeNull()
  })

  it('reports PATH_NOT_FOUND for a path that does not exist', () => {
    const missing = join(tempDir(), 'gone', 'SKILL.md')
    const loaded = loadSkill(missing)
    expect(codes(loaded.errors)).toEqual(['PATH_NOT_FOUND'])
    expect(loaded.errors[0]?.message).toContain(missing)
    expect(loaded.file).toBeNull()
    expect(loaded.folder).toBe(join(missing, '..'))
  })

  it('refuses a SKILL.md over 1 MiB without parsing it', () => {
    const dir = tempDir()
    writeFileSync(
      join(dir, 'SKILL.md'),
      skillMd(['name: big', 'description: x'], 'x'.repeat(MAX_SKILL_MD_BYTES)),
    )
    const loaded = loadSkill(dir)
    const issue = only(loaded.errors, 'SKILL_MD_TOO_LARGE')
    expect(issue.message).toContain('the limit is 1 MiB')
    expect(loaded.file).toBe(join(dir, 'SKILL.md'))
    expect(loaded.manifest.name).toBeNull()
  })

  it.skipIf(process.getuid?.() === 0)('reports SKILL_MD_UNREADABLE when the file cannot be read', () => {
    const dir = tempDir()
    const file = join(dir, 'SKILL.md')
    writeFileSync(file, skillMd(['name: locked', 'description: x']))
    chmodSync(file, 0o000)
    const loaded = loadSkill(dir)
    expect(codes(loaded.errors)).toEqual(['SKILL_MD_UNREADABLE'])
    expect(loaded.errors[0]?.message).toContain('EACCES')
  })
})

describe('validateSkillPath / validateSkillText', () => {
  it('reports a valid skill with its name and SKILL.md path', () => {
    expect(validateSkillPath(fixture('valid-minimal'))).toEqual({
      path: join(fixture('valid-minimal'), 'SKILL.md'),
      name: 'valid-minimal',
      valid: true,
      errors: [],
      warnings: [],
    })
  })

  it('reports an invalid skill with its (invalid) name and all errors', () => {
    const report = validateSkillPath(fixture('broken'))
    expect(report.valid).toBe(false)
    expect(report.name).toBe('PDF_Tools--')
    expect(report.errors).toHaveLength(4)
  })

  it('reports a missing folder with a null name', () => {
    const report = validateSkillPath(join(tempDir(), 'nothing-here'))
    expect(report.valid).toBe(false)
    expect(report.name).toBeNull()
    expect(codes(report.errors)).toEqual(['PATH_NOT_FOUND'])
  })

  it('validates inline text with the <inline> path and an optional folder name', () => {
    const text = skillMd(['name: inline-skill', 'description: x'])
    expect(validateSkillText(text)).toEqual({
      path: '<inline>',
      name: 'inline-skill',
      valid: true,
      errors: [],
      warnings: [],
    })
    expect(codes(validateSkillText(text, 'elsewhere').warnings)).toEqual(['NAME_FOLDER_MISMATCH'])
  })

  it('counts warnings as still valid, and a non-string name as null', () => {
    const warned = validateSkillText(skillMd(['name: w', 'description: uses <tags>', 'extra: 1']))
    expect(warned.valid).toBe(true)
    expect(codes(warned.warnings)).toEqual(['DESCRIPTION_ANGLE_BRACKETS', 'UNKNOWN_KEY'])
    const numeric = validateSkillText(skillMd(['name: 42', 'description: x']))
    expect(numeric.valid).toBe(false)
    expect(numeric.name).toBeNull()
  })
})
