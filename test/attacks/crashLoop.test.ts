import { cpSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../support/build'
import { tempDir } from '../support/fs'
import { root } from '../support/mcp'
import { addAndApprove, copyFixture, skilldockJson, skilldockRun, stateOf } from './support/processes'

/**
 * The attack: a skill that crashes on every call is called again and again, each time by a new
 * `skilldock call` process (a script in a loop, an agent spawning the CLI). The in-process
 * supervisor disables a skill after three crashes in five minutes, but each process saw only
 * its own one crash, so the loop never ended.
 */
const crash = (home: string) => skilldockRun(home, 'call', 'echo', 'crash', '--args', '{}')

beforeAll(() => ensureBuilt(), 300_000)

describe('a crash loop spread over separate CLI processes', { timeout: 240_000 }, () => {
  it('three crashes in three processes disable the skill; enabling it starts a fresh count', () => {
    const home = tempDir()
    addAndApprove(home, copyFixture('runtime/echo', 'echo'), 'echo')

    for (let i = 0; i < 2; i++) {
      const run = crash(home)
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/crashed/)
      expect(stateOf(home, 'echo')).toBe('active')
    }
    expect(crash(home).code).toBe(1)
    expect(stateOf(home, 'echo')).toBe('disabled')
    const refused = skilldockRun(home, 'call', 'echo', 'echo', '--args', '{"text":"hi"}')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/disabled/)
    const audit = skilldockJson<{ audit: { action: string; detail: { reason?: string } }[] }>(
      home,
      'logs',
      'echo',
    ).audit
    expect(audit.some((e) => e.action === 'skill.disable' && /3 crashes/.test(e.detail.reason ?? ''))).toBe(
      true,
    )

    // The owner fixed it and switched it back on: earlier crashes no longer count.
    skilldockJson(home, 'enable', 'echo')
    expect(crash(home).code).toBe(1)
    expect(stateOf(home, 'echo')).toBe('active')
    expect(skilldockRun(home, 'call', 'echo', 'echo', '--args', '{"text":"hi"}').stdout).toContain('hi')
  })

  it('a draft crashing under `skilldock test` in three processes stays a draft: the loop never enables it', () => {
    const home = tempDir()
    skilldockJson(home, 'init')
    cpSync(
      join(root, 'test', 'fixtures', 'runtime', 'exits-at-start'),
      join(home, 'drafts', 'exits-at-start'),
      {
        recursive: true,
      },
    )
    for (let i = 0; i < 3; i++) {
      const run = skilldockRun(home, 'test', 'exits-at-start')
      expect(run.code).toBe(1)
      expect(run.stdout + run.stderr).toMatch(/missing configuration|could not start/)
    }
    expect(stateOf(home, 'exits-at-start')).toBe('draft')
    // Were it `disabled`, `enable` would switch it on without anyone approving it; a draft's
    // `enable` only asks for approval.
    expect(skilldockRun(home, 'enable', 'exits-at-start').code).toBe(0)
    expect(stateOf(home, 'exits-at-start')).toBe('pending')
  })
})
