import { readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeCore } from '../support/core'
import { tempDir, writeSkill, writeTree, snapshot } from '../support/fs'

describe('adopting skills already in agent folders', () => {
  it('lists what SkillDock did not put there and imports it through governance, leaving the folder alone', async () => {
    const home = tempDir('skilldock-userhome-')
    const agentDir = join(home, '.claude', 'skills')
    writeSkill(agentDir, 'my-notes', 'Keeps my notes tidy.', { 'scripts/tidy.sh': 'echo tidy\n' })
    writeTree(join(agentDir, 'broken'), { 'SKILL.md': '---\nname: broken\n---\nNo description.\n' })
    const elsewhere = writeSkill(tempDir(), 'linked-skill', 'Lives elsewhere, linked in.')
    symlinkSync(elsewhere, join(agentDir, 'linked-skill'))
    writeFileSync(join(agentDir, 'README.txt'), 'not a skill')

    const t = makeCore({ env: { ...process.env, HOME: home } })
    // A skill SkillDock exported there is never offered for adoption.
    await t.call('governance.set', { mode: 'full_auto' })
    await t.call('skills.add', { path: writeSkill(tempDir(), 'from-dock', 'Exported by SkillDock.') })
    await t.call('governance.set', { mode: 'semi_auto' })
    expect((await t.call('skills.export', { target: 'claude-code' })).written).toEqual(['from-dock'])
    const before = snapshot(agentDir)

    const listed = await t.call('skills.adoptable', { target: 'claude-code' })
    expect(listed.map((s) => [s.name, s.valid, s.problem])).toEqual([
      ['broken', false, expect.stringMatching(/invalid/)],
      ['linked-skill', true, null],
      ['my-notes', true, null],
    ])

    const result = await t.call('skills.adopt', { target: 'claude-code' })
    expect(result.dir).toBe(agentDir)
    expect(result.adopted.map((a) => [a.name, a.state])).toEqual([
      ['linked-skill', 'pending'],
      ['my-notes', 'pending'],
    ])
    expect(result.skipped).toEqual([{ name: 'broken', reason: expect.stringMatching(/invalid/) }])
    const pending = (await t.call('approvals.list', { status: 'pending' })).map((a) => a.skill).sort()
    expect(pending).toEqual(['linked-skill', 'my-notes'])
    expect(readFileSync(join(t.home, 'skills', 'my-notes', 'scripts', 'tidy.sh'), 'utf8')).toBe('echo tidy\n')
    const lock = JSON.parse(readFileSync(join(t.home, 'skilldock.lock.json'), 'utf8')) as {
      skills: Record<string, unknown>
    }
    expect(lock.skills['my-notes']).toMatchObject({
      source: 'adopt:claude-code',
      url: agentDir,
      path: 'my-notes',
    })
    // The agent's folder is exactly as it was: adoption copies, it never moves or edits.
    expect(snapshot(agentDir)).toEqual(before)

    // Adopted once: offered again only with the reason it cannot be adopted twice.
    const again = await t.call('skills.adoptable', { target: 'claude-code' })
    expect(again.find((s) => s.name === 'my-notes')?.problem).toMatch(/already has a skill named my-notes/)
    const named = await t.call('skills.adopt', { target: 'claude-code', names: ['my-notes', 'nope'] })
    expect(named.adopted).toEqual([])
    expect(named.skipped.map((s) => s.name).sort()).toEqual(['my-notes', 'nope'])
    expect((await t.call('app.doctor', { port: 0 })).find((c) => c.id === 'lockfile')?.status).toBe('ok')
  })

  it('reads the default folder of each target (codex: ~/.codex/skills)', async () => {
    const home = tempDir('skilldock-userhome-')
    writeSkill(join(home, '.codex', 'skills'), 'codex-one', 'A codex skill.')
    const t = makeCore({ env: { ...process.env, HOME: home } })
    expect((await t.call('skills.adoptable', { target: 'codex' })).map((s) => s.name)).toEqual(['codex-one'])
    expect(await t.call('skills.adoptable', { target: 'agents' })).toEqual([])
    const result = await t.call('skills.adopt', { target: 'codex', names: ['codex-one'] })
    expect(result.adopted.map((a) => a.name)).toEqual(['codex-one'])
    expect((await t.call('skills.get', { name: 'codex-one' })).description).toBe('A codex skill.')
  })
})
