import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  checkEligibility,
  createHostEnvironment,
  type HostEnvironment,
} from '../../../../src-main/core/skills/gating'
import type { GatingRequirements } from '../../../../src-main/core/skills/manifest'

function requirements(partial: Partial<GatingRequirements>): GatingRequirements {
  return { os: [], bins: [], anyBins: [], env: [], config: [], ...partial }
}

function fakeHost(
  options: { platform?: NodeJS.Platform; bins?: string[]; env?: string[] } = {},
): HostEnvironment {
  return {
    platform: options.platform ?? 'linux',
    hasBinary: (name) => (options.bins ?? []).includes(name),
    hasEnv: (name) => (options.env ?? []).includes(name),
  }
}

describe('checkEligibility', () => {
  it('is eligible when nothing is required', () => {
    expect(checkEligibility(requirements({}), fakeHost())).toEqual({ eligible: true, reasons: [] })
  })

  it('is eligible when every requirement is met', () => {
    const host = fakeHost({ platform: 'darwin', bins: ['gh', 'rg'], env: ['GITHUB_TOKEN'] })
    const requires = requirements({
      os: ['darwin'],
      bins: ['gh'],
      anyBins: ['grep', 'rg'],
      env: ['GITHUB_TOKEN'],
    })
    expect(checkEligibility(requires, host)).toEqual({ eligible: true, reasons: [] })
  })

  it('names the supported systems and this one when the OS does not match', () => {
    const result = checkEligibility(
      requirements({ os: ['darwin', 'win32'] }),
      fakeHost({ platform: 'linux' }),
    )
    expect(result).toEqual({ eligible: false, reasons: ['only runs on macOS, Windows (this is Linux)'] })
  })

  it('accepts OS aliases in requirements', () => {
    expect(checkEligibility(requirements({ os: ['macos'] }), fakeHost({ platform: 'darwin' })).eligible).toBe(
      true,
    )
    expect(
      checkEligibility(requirements({ os: ['Windows'] }), fakeHost({ platform: 'win32' })).eligible,
    ).toBe(true)
  })

  it('gives one reason per missing binary', () => {
    const result = checkEligibility(requirements({ bins: ['gh', 'jq', 'git'] }), fakeHost({ bins: ['git'] }))
    expect(result.reasons).toEqual(['needs `gh` on PATH', 'needs `jq` on PATH'])
    expect(result.eligible).toBe(false)
  })

  it('needs only one of anyBins', () => {
    const requires = requirements({ anyBins: ['rg', 'grep'] })
    expect(checkEligibility(requires, fakeHost({ bins: ['grep'] })).eligible).toBe(true)
    expect(checkEligibility(requires, fakeHost()).reasons).toEqual(['needs one of `rg`, `grep` on PATH'])
  })

  it('explains how to provide a missing environment variable', () => {
    const result = checkEligibility(requirements({ env: ['GITHUB_TOKEN'] }), fakeHost())
    expect(result.reasons).toEqual([
      'needs environment variable `GITHUB_TOKEN` (set it, or store it with `skilldock secrets set <skill> GITHUB_TOKEN`)',
    ])
    const named = checkEligibility(requirements({ env: ['GITHUB_TOKEN'] }), fakeHost(), {
      skillName: 'gh-issues',
    })
    expect(named.reasons[0]).toContain('`skilldock secrets set gh-issues GITHUB_TOKEN`')
  })

  it('ignores config requirements', () => {
    expect(checkEligibility(requirements({ config: ['browser.enabled'] }), fakeHost()).eligible).toBe(true)
  })

  it('lists every unmet requirement in order: OS, bins, anyBins, env', () => {
    const requires = requirements({ os: ['win32'], bins: ['gh'], anyBins: ['rg'], env: ['TOKEN'] })
    const reasons = checkEligibility(requires, fakeHost({ platform: 'darwin' })).reasons
    expect(reasons).toHaveLength(4)
    expect(reasons[0]).toBe('only runs on Windows (this is macOS)')
    expect(reasons[1]).toBe('needs `gh` on PATH')
    expect(reasons[2]).toBe('needs one of `rg` on PATH')
    expect(reasons[3]).toContain('`TOKEN`')
  })

  it('does not repeat a duplicated requirement', () => {
    expect(checkEligibility(requirements({ bins: ['gh', 'gh'] }), fakeHost()).reasons).toEqual([
      'needs `gh` on PATH',
    ])
  })
})

describe('createHostEnvironment', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  /** A temp folder holding an executable `mytool`, a non-executable `notexec` and a folder `adir`. */
  function binDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'skilldock-gating-'))
    dirs.push(dir)
    writeFileSync(join(dir, 'mytool'), '#!/bin/sh\necho hi\n')
    chmodSync(join(dir, 'mytool'), 0o755)
    writeFileSync(join(dir, 'notexec'), 'plain data\n')
    chmodSync(join(dir, 'notexec'), 0o644)
    mkdirSync(join(dir, 'adir'))
    chmodSync(join(dir, 'adir'), 0o755)
    return dir
  }

  it.skipIf(process.platform === 'win32')(
    'finds an executable file on PATH and ignores non-executables',
    () => {
      const dir = binDir()
      const host = createHostEnvironment({ env: { PATH: ['/nonexistent-skilldock', dir].join(delimiter) } })
      expect(host.hasBinary('mytool')).toBe(true)
      expect(host.hasBinary('notexec')).toBe(false)
      expect(host.hasBinary('adir')).toBe(false)
      expect(host.hasBinary('missing-tool')).toBe(false)
      expect(host.hasBinary('')).toBe(false)
      expect(host.platform).toBe(process.platform)
    },
  )

  it.skipIf(process.platform === 'win32')('caches lookups per name', () => {
    const dir = binDir()
    const host = createHostEnvironment({ env: { PATH: dir } })
    expect(host.hasBinary('later')).toBe(false)
    writeFileSync(join(dir, 'later'), '#!/bin/sh\n')
    chmodSync(join(dir, 'later'), 0o755)
    expect(host.hasBinary('later')).toBe(false)
    expect(createHostEnvironment({ env: { PATH: dir } }).hasBinary('later')).toBe(true)
  })

  it.skipIf(process.platform === 'win32')('drives checkEligibility end to end', () => {
    const dir = binDir()
    const host = createHostEnvironment({ env: { PATH: dir, TOKEN: 'x' } })
    const ok = checkEligibility(
      requirements({ bins: ['mytool'], anyBins: ['nope', 'mytool'], env: ['TOKEN'] }),
      host,
    )
    expect(ok).toEqual({ eligible: true, reasons: [] })
    const missing = checkEligibility(requirements({ bins: ['notexec'] }), host)
    expect(missing.reasons).toEqual(['needs `notexec` on PATH'])
  })

  it.skipIf(process.platform === 'win32')(
    'ignores empty and relative PATH entries (they mean the working folder)',
    () => {
      const dir = binDir()
      const cwd = process.cwd()
      process.chdir(dir)
      try {
        expect(createHostEnvironment({ env: { PATH: ['', '.'].join(delimiter) } }).hasBinary('mytool')).toBe(
          false,
        )
        expect(createHostEnvironment({ env: { PATH: dir } }).hasBinary('mytool')).toBe(true)
      } finally {
        process.chdir(cwd)
      }
    },
  )

  it.skipIf(process.platform === 'win32')('checks an absolute path given as the binary name', () => {
    const dir = binDir()
    const host = createHostEnvironment({ env: { PATH: '' } })
    expect(host.hasBinary(join(dir, 'mytool'))).toBe(true)
    expect(host.hasBinary(join(dir, 'notexec'))).toBe(false)
    expect(host.hasBinary('./mytool')).toBe(false)
  })

  it('resolves PATHEXT extensions and a case-insensitive Path on win32', () => {
    const dir = binDir()
    writeFileSync(join(dir, 'gh.EXE'), 'MZ')
    writeFileSync(join(dir, 'tool.cmd'), '@echo off')
    const host = createHostEnvironment({ platform: 'win32', env: { Path: dir, PATHEXT: '.EXE;.cmd' } })
    expect(host.platform).toBe('win32')
    expect(host.hasBinary('gh')).toBe(true)
    expect(host.hasBinary('tool')).toBe(true)
    expect(host.hasBinary('tool.cmd')).toBe(true)
    // Without a PATHEXT extension a file is not a program on Windows.
    expect(host.hasBinary('notexec')).toBe(false)
  })

  it('reads environment variables: set and non-empty counts, empty does not', () => {
    const host = createHostEnvironment({ env: { SET: 'value', EMPTY: '' } })
    expect(host.hasEnv('SET')).toBe(true)
    expect(host.hasEnv('EMPTY')).toBe(false)
    expect(host.hasEnv('UNSET')).toBe(false)
    expect(host.hasEnv('set')).toBe(false)
  })

  it('does not mistake Object.prototype members for environment variables', () => {
    const host = createHostEnvironment({ env: {} })
    expect(host.hasEnv('constructor')).toBe(false)
    expect(host.hasEnv('toString')).toBe(false)
  })

  it('matches environment names case-insensitively on win32', () => {
    const host = createHostEnvironment({ platform: 'win32', env: { GitHub_Token: 'x' } })
    expect(host.hasEnv('GITHUB_TOKEN')).toBe(true)
  })

  it('counts names from extraEnvNames, asking again on every call', () => {
    const stored = new Set<string>()
    const host = createHostEnvironment({ env: {}, extraEnvNames: () => stored })
    expect(host.hasEnv('API_KEY')).toBe(false)
    stored.add('API_KEY')
    expect(host.hasEnv('API_KEY')).toBe(true)
  })

  it('defaults to process.env', () => {
    const name = 'SKILLDOCK_GATING_TEST_VAR'
    process.env[name] = '1'
    try {
      expect(createHostEnvironment().hasEnv(name)).toBe(true)
    } finally {
      delete process.env[name]
    }
  })
})
