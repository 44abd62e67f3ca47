import { describe, expect, it, vi } from 'vitest'
import type { Approval } from '../../src-main/contract/models'
import { cli } from '../support/cli'
import { tempDir } from '../support/fs'

describe('skilldock call <composite> run with a held step', () => {
  it('says how to release the held step instead of printing nothing, then finishes once approved', async () => {
    const home = tempDir('skilldock-held-')
    const run = (...args: string[]) => cli(['--home', home, ...args])
    expect((await run('compose', 'doc-report', '--step', 'json-tools/json_format')).code).toBe(0)
    const [request] = (await run('--json', 'approvals')).json() as Approval[]
    if (request) expect((await run('approve', request.id)).code).toBe(0)
    expect(
      (await run('policy', 'add', 'json-tools/json_format', '--requires-approval', '--timeout', '2m')).code,
    ).toBe(0)

    const call = run('call', 'doc-report', 'run', '--args', '{"document": "{\\"b\\": 1}"}')
    type Held = { id: string; skill: string; tool: string }
    const held = await vi.waitFor(
      async () => {
        const found = ((await run('--json', 'calls', 'list')).json() as Held[]).find(
          (c) => c.tool === 'json_format',
        )
        if (!found) throw new Error('the step is not held yet')
        return found
      },
      { timeout: 20_000, interval: 200 },
    )
    expect((await run('calls', 'approve', held.id.slice(0, 8))).code).toBe(0)
    const done = await call
    expect(done.code).toBe(0)
    expect(done.stderr).toContain(
      `The call to json-tools/json_format waits for approval (a requires_approval policy): approve it with \`skilldock calls approve ${held.id.slice(0, 8)}\``,
    )
  }, 120_000)
})
