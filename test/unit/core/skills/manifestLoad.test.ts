import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  findSkillFile,
  loadSkill,
  MAX_SKILL_MD_BYTES,
  SKILL_FILE_NAMES,
  validateSkillPath,
  validateSkillText,
} from '../../../../src-main/core/skills/manifest'
import { fixture, skillMd, only, codes, tempDirs, tempDir } from './manifestSupport'

afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
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
