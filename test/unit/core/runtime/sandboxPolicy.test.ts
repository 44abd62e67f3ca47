import { describe, expect, it } from 'vitest'
import {
  effectiveLimits,
  limitExitReason,
  ulimitLines,
} from '../../../../src-main/core/runtime/sandboxLimits'
import { commandLinePaths } from '../../../../src-main/core/runtime/sandboxPaths'
import { sandboxFilesystemRules } from '../../../../src-main/core/runtime/sandboxPolicy'
import { loadSkill } from '../../../../src-main/core/skills/manifest'
import { tempDir, writeTree } from '../../../support/fs'

const policy = {
  dataDir: '/data/skill-data/s',
  readable: ['/data/skills/s', '/app/resources/python'],
  dataHome: '/data',
  allowedDomains: [],
}

describe('sandbox filesystem rules', () => {
  it('allowlist: denies / and binds back only the system, the skill and its data folder', () => {
    const rules = sandboxFilesystemRules(policy, '/home/u')
    expect(rules.denyRead).toContain('/')
    expect(rules.denyRead).toEqual(
      expect.arrayContaining(['/home/u/.ssh', '/home/u/.pgpass', '/data', '/data/skilldock.db']),
    )
    expect(rules.allowRead).toEqual(
      expect.arrayContaining([
        '/usr',
        '/etc',
        '/data/skills/s',
        '/app/resources/python',
        '/data/skill-data/s',
      ]),
    )
    expect(rules.allowRead).not.toContain('/home/u')
    expect(rules.allowWrite).toEqual(['/data/skill-data/s'])
  })

  it('userFiles: no deny of /, but every secret and the data home stay denied', () => {
    const rules = sandboxFilesystemRules({ ...policy, reads: 'userFiles' }, ['/home/u', '/root'])
    expect(rules.denyRead).not.toContain('/')
    for (const secret of [
      '/home/u/.ssh',
      '/root/.ssh',
      '/home/u/.local/share/keyrings',
      '/home/u/.codex',
      '/data',
    ])
      expect(rules.denyRead).toContain(secret)
  })

  it('drops an allow that names a secret, a path inside one, or the data home itself', () => {
    const readable = ['/home/u/.ssh', '/home/u/.aws/credentials', '/data', '/home/u/reports']
    const rules = sandboxFilesystemRules({ ...policy, readable }, '/home/u')
    expect(rules.allowRead).toContain('/home/u/reports')
    for (const closed of readable.slice(0, 3)) expect(rules.allowRead).not.toContain(closed)
  })
})

describe('command line paths of a source or server command', () => {
  it("binds a script's project, never the home folder, a secret's folder above it, or the data home", () => {
    const home = tempDir()
    const data = writeTree(tempDir(), { 'skilldock.db': 'x' })
    const project = writeTree(tempDir(), { 'package.json': '{}', 'src/server.js': '' })
    const paths = commandLinePaths(
      ['node', `${project}/src/server.js`, home, `${data}/skilldock.db`, '--port', '/nonexistent/x'],
      home,
      [data],
    )
    expect(paths).toEqual([project])
  })
})

describe('sandbox limits', () => {
  it('defaults, overrides in range, and a clear error out of range', () => {
    expect(effectiveLimits()).toEqual({ cpuSeconds: 600, memoryMb: 4096, processes: 128 })
    expect(effectiveLimits({ cpuSeconds: 2 })).toMatchObject({ cpuSeconds: 2, memoryMb: 4096 })
    expect(() => effectiveLimits({ memoryMb: 1 })).toThrow(/memoryMb must be a whole number from 64/)
  })

  it('sets soft and hard limits before the skill runs, and names a CPU-limit death', () => {
    const lines = ulimitLines({ cpuSeconds: 5, memoryMb: 100, processes: 16 })
    expect(lines).toContain('ulimit -St 5')
    expect(lines).toContain('ulimit -v 102400')
    expect(lines).toMatch(/ulimit -u 16 .*\|\| ulimit -p 16/)
    expect(limitExitReason(152, null)).toMatch(/CPU-time limit/)
    expect(limitExitReason(1, null)).toBeNull()
  })
})

describe('metadata.skilldock.read', () => {
  it('takes absolute and ~/ paths and refuses relative ones or ..', () => {
    const ok = writeTree(tempDir(), {
      'SKILL.md':
        '---\nname: r\ndescription: Reads reports.\nmetadata:\n  skilldock:\n    read: ["~/reports", "/srv/data"]\n---\n# r\n',
    })
    expect(loadSkill(ok).manifest.readPaths).toEqual(['~/reports', '/srv/data'])
    const bad = writeTree(tempDir(), {
      'SKILL.md':
        '---\nname: r\ndescription: Reads reports.\nmetadata:\n  skilldock:\n    read: ["reports", "~/../etc"]\n---\n# r\n',
    })
    const parsed = loadSkill(bad)
    expect(parsed.manifest.readPaths).toEqual([])
    expect(parsed.errors.map((e) => e.code)).toContain('READ_PATHS_INVALID')
  })
})
