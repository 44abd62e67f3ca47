import { cpSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { makeCore } from '../support/core'
import { tempDir } from '../support/fs'

const fixtures = resolve(__dirname, '../fixtures/governance')

/** A data home with the governance fixture `fixture` added through the CLI; returns its request id. */
async function homeWith(fixture: string): Promise<{ home: string; id: string }> {
  const home = tempDir('skilldock-home-')
  const dir = join(tempDir(), fixture)
  cpSync(join(fixtures, fixture), dir, { recursive: true })
  expect((await cli(['--home', home, 'add', dir])).code).toBe(0)
  const pending = (await cli(['--home', home, '--json', 'approvals'])).json() as {
    id: string
    skill: string
  }[]
  const request = pending.find((a) => a.skill === fixture)
  expect(request, `${fixture} waits in the inbox`).toBeDefined()
  return { home, id: request!.id }
}

const stateOf = async (home: string, skill: string) =>
  ((await cli(['--home', home, '--json', 'show', skill])).json() as { state: string }).state

// The attack is on the person: a CRITICAL skill slipped through by one routine command, or a
// rejection no one can later understand.
describe('attack: approving what matters most with no friction', () => {
  it('the CLI refuses to approve a CRITICAL skill without --acknowledge-critical, and says to add it', async () => {
    const { home, id } = await homeWith('loader')
    const refused = await cli(['--home', home, 'approve', id.slice(0, 8)])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('CRITICAL')
    expect(refused.stderr).toContain('--acknowledge-critical')
    expect(await stateOf(home, 'loader')).toBe('pending')

    const approved = await cli(['--home', home, 'approve', id.slice(0, 8), '--acknowledge-critical'])
    expect(approved.code).toBe(0)
    expect(await stateOf(home, 'loader')).toBe('active')
  })

  it('the approvals.decide route (what the UI calls) needs acknowledgeCritical for CRITICAL, and notes to reject', async () => {
    const t = makeCore()
    const dir = join(tempDir(), 'loader')
    cpSync(join(fixtures, 'loader'), dir, { recursive: true })
    await t.call('skills.add', { path: dir })
    const [request] = await t.call('approvals.list', { status: 'pending' })
    for (const input of [
      { id: request!.id, approve: true },
      { id: request!.id, approve: true, acknowledgeCritical: false },
      { id: request!.id, approve: false },
      { id: request!.id, approve: false, notes: ' ' },
    ]) {
      expect(await t.raw('approvals.decide', input), JSON.stringify(input)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
    expect((await t.call('approvals.get', { id: request!.id })).status).toBe('pending')
    const approved = await t.call('approvals.decide', {
      id: request!.id,
      approve: true,
      acknowledgeCritical: true,
    })
    expect(approved.status).toBe('approved')
  })

  it('a LOW skill needs no acknowledgement', async () => {
    const { home, id } = await homeWith('tidy-notes')
    expect((await cli(['--home', home, 'approve', id])).code).toBe(0)
    expect(await stateOf(home, 'tidy-notes')).toBe('active')
  })

  it('rejecting without a reason is refused; with --reason the reason is kept', async () => {
    const { home, id } = await homeWith('shell-runner')
    // A missing --reason is a usage error (exit 2, CLI contract), with the same message.
    const refused = await cli(['--home', home, 'reject', id])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('Say why you reject it: add --reason "<why>". Nothing was rejected.')
    expect(await stateOf(home, 'shell-runner')).toBe('pending')
    const blank = await cli(['--home', home, 'reject', id, '--reason', '   '])
    expect(blank.code).toBe(2)
    expect(await stateOf(home, 'shell-runner')).toBe('pending')

    const rejected = await cli(['--home', home, '--json', 'reject', id, '--reason', 'runs any shell command'])
    expect(rejected.code).toBe(0)
    expect(rejected.json()).toMatchObject({ status: 'rejected', notes: 'runs any shell command' })
    expect(await stateOf(home, 'shell-runner')).toBe('rejected')
  })

  it('a fail-open LLM review that could not run is recorded on the request and in the audit log', async () => {
    const home = tempDir('skilldock-home-')
    // Review on, fail-open, and no model configured: the review cannot run.
    const set = await cli(['--home', home, 'governance', '--llm-review', 'on', '--review-fail-open', 'on'])
    expect(set.code).toBe(0)
    const dir = join(tempDir(), 'tidy-notes')
    cpSync(join(fixtures, 'tidy-notes'), dir, { recursive: true })
    expect((await cli(['--home', home, 'add', dir])).code).toBe(0)

    const [request] = (await cli(['--home', home, '--json', 'approvals', '--all'])).json() as { id: string }[]
    const full = (await cli(['--home', home, '--json', 'approvals', '--id', request!.id])).json() as {
      details: { reviewFailure: string | null }
      findings: { rule: string }[]
    }
    expect(full.details.reviewFailure).toMatch(/no model provider/)
    expect(full.findings.map((f) => f.rule)).toContain('scan.review-failed-open')
    const shown = await cli(['--home', home, 'approvals', '--id', request!.id])
    expect(shown.stdout).toContain('AI review failed (fail-open)')

    const log = (await cli(['--home', home, '--json', 'activity', '--action', 'scan.'])).json() as {
      action: string
      skill: string | null
    }[]
    expect(log).toContainEqual(
      expect.objectContaining({ action: 'scan.review-failed-open', skill: 'tidy-notes' }),
    )
  })
})
