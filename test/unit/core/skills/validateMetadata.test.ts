import { describe, expect, it } from 'vitest'
import type { ParsedSkill } from '../../../../src-main/core/skills/manifest'
import { CLAUDE_CODE_KEYS, KNOWN_KEYS } from '../../../../src-main/core/skills/validate'
import { only, parseWith } from './manifestSupport'

describe('metadata', () => {
  it('keeps a plain metadata map', () => {
    const parsed = parseWith(['metadata:', '  author: me', '  version: "2"'])
    expect(parsed.errors).toEqual([])
    expect(parsed.manifest.metadata).toEqual({ author: 'me', version: '2' })
  })

  it('parses inline JSON written as YAML flow and as a quoted string', () => {
    const flow = parseWith(['metadata: {"openclaw": {"requires": {"bins": ["gh"]}}}'])
    const quoted = parseWith([`metadata: '{"openclaw": {"requires": {"bins": ["gh"]}}}'`])
    for (const parsed of [flow, quoted]) {
      expect(parsed.errors).toEqual([])
      expect(parsed.manifest.metadata).toEqual({ openclaw: { requires: { bins: ['gh'] } } })
      expect(parsed.manifest.requires.bins).toEqual(['gh'])
    }
  })

  it('reports METADATA_INVALID for invalid JSON, a JSON non-object and a list', () => {
    const badJson = only(parseWith([`metadata: '{"openclaw": '`]).errors, 'METADATA_INVALID')
    expect(badJson.line).toBe(4)
    expect(badJson.message).toContain('not valid JSON')
    expect(only(parseWith([`metadata: '[1, 2]'`]).errors, 'METADATA_INVALID').message).toContain('a list')
    const list = only(parseWith(['metadata: [a]']).errors, 'METADATA_INVALID')
    expect([list.field, list.line]).toEqual(['metadata', 4])
  })

  it('reports a JSON-string problem on the metadata line', () => {
    const parsed = parseWith([`metadata: '{"skilldock": {"timeoutSeconds": -1}}'`])
    const issue = only(parsed.errors, 'TIMEOUT_INVALID')
    expect([issue.field, issue.line]).toEqual(['metadata.skilldock.timeoutSeconds', 4])
  })
})

describe('metadata.openclaw / metadata.clawdbot', () => {
  it('fills requires (empty lists when absent), primaryEnv, emoji and homepage', () => {
    const parsed = parseWith([
      'metadata:',
      '  openclaw:',
      '    requires: {env: [API_KEY]}',
      '    primaryEnv: API_KEY',
      '    emoji: "📄"',
      '    homepage: https://example.com',
      '    os: [macOS, Windows, linux, darwin]',
    ])
    expect(parsed.errors).toEqual([])
    expect(parsed.manifest.requires).toEqual({
      os: ['darwin', 'win32', 'linux'],
      bins: [],
      anyBins: [],
      env: ['API_KEY'],
      config: [],
    })
    expect(parsed.manifest.primaryEnv).toBe('API_KEY')
    expect(parsed.manifest.emoji).toBe('📄')
    expect(parsed.manifest.homepage).toBe('https://example.com')
    expect(parsed.manifest.credentials).toEqual([])
  })

  it('reads the older clawdbot key, and prefers openclaw when both are present', () => {
    expect(parseWith(['metadata: {clawdbot: {requires: {bins: [jq]}}}']).manifest.requires.bins).toEqual([
      'jq',
    ])
    const both = parseWith([
      'metadata: {clawdbot: {requires: {bins: [jq]}}, openclaw: {requires: {bins: [gh]}}}',
    ])
    expect(both.manifest.requires.bins).toEqual(['gh'])
  })

  it('has empty requirements when there is no metadata', () => {
    expect(parseWith([]).manifest.requires).toEqual({ os: [], bins: [], anyBins: [], env: [], config: [] })
  })

  it.each([
    [['    requires: [gh]'], 'metadata.openclaw.requires', 6],
    [['    requires:', '      bins: gh'], 'metadata.openclaw.requires.bins', 7],
    [['    requires:', '      anyBins: [rg, 3]'], 'metadata.openclaw.requires.anyBins', 7],
    [['    requires:', '      env: {A: 1}'], 'metadata.openclaw.requires.env', 7],
    [['    requires:', '      config: true'], 'metadata.openclaw.requires.config', 7],
    [['    os: linux'], 'metadata.openclaw.os', 6],
    [['    os:', '      - linux', '      - beos'], 'metadata.openclaw.os[1]', 8],
    [['    os: [constructor]'], 'metadata.openclaw.os[0]', 6],
    [['    primaryEnv: [A]'], 'metadata.openclaw.primaryEnv', 6],
    [['    emoji: 1'], 'metadata.openclaw.emoji', 6],
    [['    homepage: {url: x}'], 'metadata.openclaw.homepage', 6],
    [['    install: brew install gh'], 'metadata.openclaw.install', 6],
  ])('reports OPENCLAW_INVALID for %j at %s', (lines, field, line) => {
    const issue = only(parseWith(['metadata:', '  openclaw:', ...lines]).errors, 'OPENCLAW_INVALID')
    expect(issue.field).toBe(field)
    expect(issue.line).toBe(line)
    expect(issue.message).toContain(field.replace(/\[\d+\]$/, ''))
  })

  it('reports OPENCLAW_INVALID when openclaw is not a map, naming the key used', () => {
    const issue = only(parseWith(['metadata:', '  clawdbot: yes']).errors, 'OPENCLAW_INVALID')
    expect([issue.field, issue.line]).toEqual(['metadata.clawdbot', 5])
  })
})

describe('metadata.skilldock', () => {
  const skilldock = (lines: string[]): ParsedSkill => parseWith(['metadata:', '  skilldock:', ...lines])

  it('fills credentials (required by default), network, server and timeoutSeconds', () => {
    const parsed = skilldock([
      '    credentials:',
      '      - name: API_TOKEN',
      '        description: The service token.',
      '      - {name: _OPTIONAL_2, required: false}',
      '    network: [api.example.com, "*.example.org", localhost]',
      '    server: {command: node, args: [server.js, --stdio]}',
      '    timeoutSeconds: 90',
    ])
    expect(parsed.errors).toEqual([])
    expect(parsed.manifest.credentials).toEqual([
      { name: 'API_TOKEN', description: 'The service token.', required: true },
      { name: '_OPTIONAL_2', description: '', required: false },
    ])
    expect(parsed.manifest.network).toEqual(['api.example.com', '*.example.org', 'localhost'])
    expect(parsed.manifest.server).toEqual({ command: 'node', args: ['server.js', '--stdio'] })
    expect(parsed.manifest.timeoutSeconds).toBe(90)
  })

  it('keeps requires.env and primaryEnv out of credentials', () => {
    const parsed = parseWith(['metadata: {openclaw: {primaryEnv: A_KEY, requires: {env: [B_KEY]}}}'])
    expect(parsed.manifest.credentials).toEqual([])
    expect(parsed.manifest.requires.env).toEqual(['B_KEY'])
  })

  it('reports METADATA_INVALID when skilldock is not a map', () => {
    const issue = only(skilldock(['    - a']).errors, 'METADATA_INVALID')
    expect([issue.field, issue.line]).toEqual(['metadata.skilldock', 5])
  })

  it.each([
    [['    credentials: API_TOKEN'], 'metadata.skilldock.credentials', 6, 'must be a list'],
    [['    credentials: [API_TOKEN]'], 'metadata.skilldock.credentials[0]', 6, 'must be a map'],
    [
      ['    credentials:', '      - name: api-token'],
      'metadata.skilldock.credentials[0].name',
      7,
      'environment variable name',
    ],
    [['    credentials:', '      - description: x'], 'metadata.skilldock.credentials[0].name', 7, 'empty'],
    [
      ['    credentials:', '      - name: A', '        description: [x]'],
      'metadata.skilldock.credentials[0].description',
      8,
      'must be text',
    ],
    [
      ['    credentials:', '      - name: A', '        required: "no"'],
      'metadata.skilldock.credentials[0].required',
      8,
      'true or false',
    ],
    [
      ['    credentials:', '      - name: A', '      - name: A'],
      'metadata.skilldock.credentials[1].name',
      8,
      'declared twice',
    ],
  ])('reports CREDENTIALS_INVALID for %j', (lines, field, line, text) => {
    const parsed = skilldock(lines)
    const issue = only(parsed.errors, 'CREDENTIALS_INVALID')
    expect([issue.field, issue.line]).toEqual([field, line])
    expect(issue.message).toContain(text)
  })

  it.each([
    [['    network: api.example.com'], 'metadata.skilldock.network', 'must be a list'],
    [['    network: ["https://api.example.com"]'], 'metadata.skilldock.network[0]', 'host name only'],
    [['    network: ["api.example.com:443"]'], 'metadata.skilldock.network[0]', 'host name only'],
    [['    network: ["exa mple.com"]'], 'metadata.skilldock.network[0]', 'use a domain like'],
    [['    network: ["*"]'], 'metadata.skilldock.network[0]', 'use a domain like'],
    [['    network: [5]'], 'metadata.skilldock.network[0]', 'the number 5'],
  ])('reports NETWORK_INVALID for %j', (lines, field, text) => {
    const issue = only(skilldock(lines).errors, 'NETWORK_INVALID')
    expect(issue.field).toBe(field)
    expect(issue.line).toBe(6)
    expect(issue.message).toContain(text)
  })

  it.each([
    [['    server: node server.js'], 'metadata.skilldock.server'],
    [['    server: {args: [x]}'], 'metadata.skilldock.server.command'],
    [['    server: {command: ""}'], 'metadata.skilldock.server.command'],
    [['    server: {command: node, args: server.js}'], 'metadata.skilldock.server.args'],
    [['    server: {command: node, args: [1]}'], 'metadata.skilldock.server.args'],
  ])('reports SERVER_INVALID for %j', (lines, field) => {
    const parsed = skilldock(lines)
    const issue = only(parsed.errors, 'SERVER_INVALID')
    expect(issue.field).toBe(field)
    expect(issue.line).toBe(6)
    expect(parsed.manifest.server).toBeNull()
  })

  it('defaults server args to an empty list', () => {
    expect(skilldock(['    server: {command: ./run}']).manifest.server).toEqual({
      command: './run',
      args: [],
    })
  })

  it.each(['0', '-5', '3601', '"60"', '.inf'])('reports TIMEOUT_INVALID for %s', (value) => {
    const parsed = skilldock([`    timeoutSeconds: ${value}`])
    const issue = only(parsed.errors, 'TIMEOUT_INVALID')
    expect([issue.field, issue.line]).toEqual(['metadata.skilldock.timeoutSeconds', 6])
    expect(issue.message).toContain('at most 3600')
    expect(parsed.manifest.timeoutSeconds).toBeNull()
  })

  it('accepts the 3600-second maximum and fractions', () => {
    expect(skilldock(['    timeoutSeconds: 3600']).manifest.timeoutSeconds).toBe(3600)
    expect(skilldock(['    timeoutSeconds: 0.5']).manifest.timeoutSeconds).toBe(0.5)
  })
})

describe('metadata.skilldock.processes', () => {
  const skilldock = (lines: string[]): ParsedSkill => parseWith(['metadata:', '  skilldock:', ...lines])

  it('is 1 when not declared, and takes 1 to 4', () => {
    expect(skilldock(['    timeoutSeconds: 5']).manifest.processes).toBe(1)
    expect(skilldock(['    processes: 3']).manifest.processes).toBe(3)
    expect(skilldock(['    processes: 4']).errors).toEqual([])
  })

  it.each(['0', '5', '100', '2.5', '"2"'])(
    'reports PROCESSES_INVALID for %s and runs one process',
    (value) => {
      const parsed = skilldock([`    processes: ${value}`])
      const issue = only(parsed.errors, 'PROCESSES_INVALID')
      expect([issue.field, issue.line]).toEqual(['metadata.skilldock.processes', 6])
      expect(issue.message).toContain('from 1 to 4')
      expect(parsed.manifest.processes).toBe(1)
    },
  )
})

describe('known keys', () => {
  it('knows the spec, SkillDock and Claude Code keys', () => {
    for (const key of [
      'name',
      'description',
      'license',
      'compatibility',
      'allowed-tools',
      'metadata',
      'version',
    ]) {
      expect(KNOWN_KEYS).toContain(key)
    }
    for (const key of ['tools', 'triggers', 'tags', 'category', ...CLAUDE_CODE_KEYS])
      expect(KNOWN_KEYS).toContain(key)
  })

  it('does not suggest a key for an unrelated one', () => {
    const issue = only(parseWith(['xyz: 1']).warnings, 'UNKNOWN_KEY')
    expect(issue.message).not.toContain('Did you mean')
    expect(issue.message).toContain('move it under metadata')
  })
})
