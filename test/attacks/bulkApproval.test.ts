import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { makeCore } from '../support/core'
import { tempDir, writeSkill } from '../support/fs'

const fixtures = resolve(__dirname, '../fixtures/governance')
const criticalCode = readFileSync(join(fixtures, 'loader', 'skill.py'), 'utf8')

/** A folder source: harmless LOW skills and a CRITICAL copy of the `loader` fixture. */
function teamFolder(): string {
  const root = tempDir('team-')
  writeSkill(root, 'team-notes')
  writeSkill(root, 'team-dates')
  cpSync(join(fixtures, 'loader'), join(root, 'team-loader'), { recursive: true })
  const md = join(root, 'team-loader', 'SKILL.md')
  writeFileSync(md, readFileSync(md, 'utf8').replace('name: loader', 'name: team-loader'))
  return root
}

// The attack is on the person's attention: one broad "approve all" that carries a CRITICAL skill
// (or `trusted`) past the review each of those needs, or that approves something other than what
// the person was shown.
describe('attack: slipping a skill through a bulk approval', () => {
  it('a CRITICAL request named explicitly in a bulk approval is skipped and stays pending', async () => {
    const t = makeCore()
    await t.call('repos.add', { name: 'team', url: teamFolder(), type: 'local' })
    await t.call('repos.sync', { name: 'team' })
    const pending = await t.call('approvals.list', { status: 'pending', source: 'team' })
    const critical = pending.find((a) => a.skill === 'team-loader')!
    expect(critical.risk).toBe('CRITICAL')
    const result = await t.call('approvals.approveMany', {
      ids: pending.map((a) => a.id),
      maxRisk: 'HIGH',
      trust: 'sandboxed',
    })
    expect(result.items.find((i) => i.skill === 'team-loader')?.outcome).toBe('skipped')
    expect((await t.call('approvals.get', { id: critical.id })).status).toBe('pending')
    expect((await t.call('skills.get', { name: 'team-loader' })).state).toBe('pending')
    // And no bulk grants `trusted`, whatever it is asked.
    expect(await t.raw('approvals.approveMany', { ids: [pending[0]!.id], trust: 'trusted' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })

  it('a skill made CRITICAL on disk after the preview is not approved with the rest', async () => {
    const t = makeCore()
    await t.call('repos.add', { name: 'team', url: teamFolder(), type: 'local' })
    await t.call('repos.sync', { name: 'team' })
    const preview = await t.call('approvals.approveMany', { source: 'team', maxRisk: 'LOW', dryRun: true })
    const listed = preview.items.filter((i) => i.outcome === 'would-approve')
    expect(listed.map((i) => i.skill).sort()).toEqual(['team-dates', 'team-notes'])

    // Between the preview and the click, team-notes's installed files gain the loader's code.
    const notes = await t.call('skills.get', { name: 'team-notes' })
    writeFileSync(join(notes.path, 'skill.py'), criticalCode)

    const result = await t.call('approvals.approveMany', { ids: listed.map((i) => i.id), maxRisk: 'LOW' })
    const outcome = Object.fromEntries(result.items.map((i) => [i.skill, i.outcome]))
    expect(outcome).toEqual({ 'team-dates': 'approved', 'team-notes': 'failed' })
    expect((await t.call('skills.get', { name: 'team-notes' })).state).not.toBe('active')
    // The new content has its own request, with the CRITICAL finding, waiting for a person.
    const [fresh] = await t.call('approvals.list', { status: 'pending', source: 'team', risk: 'CRITICAL' })
    expect(fresh).toBeDefined()
    expect(
      (await t.call('approvals.list', { status: 'pending', source: 'team' })).map((a) => a.skill).sort(),
    ).toEqual(['team-loader', 'team-notes'])
  })

  it('the CLI bulk approval never reaches CRITICAL, not even with --max-risk CRITICAL', async () => {
    const home = tempDir('home-')
    expect((await cli(['--home', home, 'repo', 'add', 'team', teamFolder(), '--type', 'local'])).code).toBe(0)
    expect((await cli(['--home', home, 'repo', 'sync', 'team'])).code).toBe(0)
    for (const maxRisk of ['CRITICAL', 'HIGH']) {
      expect((await cli(['--home', home, 'approve', '--source', 'team', '--max-risk', maxRisk])).code).toBe(2)
    }
    const run = await cli(['--home', home, 'approve', '--source', 'team', '--max-risk', 'MEDIUM', '--json'])
    expect(run.code).toBe(0)
    const states = (await cli(['--home', home, 'list', '--json'])).json() as Array<{
      name: string
      state: string
    }>
    expect(states.find((s) => s.name === 'team-loader')?.state).toBe('pending')
    expect(
      states
        .filter((s) => s.state === 'active')
        .map((s) => s.name)
        .sort(),
    ).toEqual(['team-dates', 'team-notes'])
  })
})
