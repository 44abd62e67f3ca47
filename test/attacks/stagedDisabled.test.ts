import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../support/build'
import { skilldockRun, stateOf } from './support/processes'
import { proposedEcho } from './support/proposals'

/**
 * The attack: an optimize proposal (a new description, staged) waits in the inbox; meanwhile the
 * owner switches the skill off (`skilldock disable`: they found a problem). Approving the waiting
 * description change — one click in the inbox, or a bulk approve — must not switch the skill back
 * on: it takes the new files, and stays off until a person enables it.
 */

beforeAll(() => ensureBuilt(), 300_000)

describe('a staged proposal of a skill switched off while it waits', { timeout: 300_000 }, () => {
  it('is approved into the library and the skill stays disabled until enabled', () => {
    const { home, library, approvalId } = proposedEcho()

    expect(skilldockRun(home, 'disable', 'echo').code).toBe(0)
    expect(stateOf(home, 'echo')).toBe('disabled')
    const approved = skilldockRun(home, 'approve', approvalId)
    expect(approved.code, approved.stderr).toBe(0)

    expect(readFileSync(join(library, 'SKILL.md'), 'utf8')).toContain('PROPOSED-7Q')
    expect(stateOf(home, 'echo')).toBe('disabled')
    const call = skilldockRun(home, 'call', 'echo', 'echo', '--args', '{"text":"should not run"}')
    expect(call.code).not.toBe(0)
    expect(call.stdout).not.toContain('should not run')

    // The person turns it back on: the approved new version runs.
    expect(skilldockRun(home, 'enable', 'echo').code).toBe(0)
    const after = skilldockRun(home, 'call', 'echo', 'echo', '--args', '{"text":"back on"}')
    expect(after.code, after.stderr).toBe(0)
    expect(after.stdout).toContain('back on')
  })
})
