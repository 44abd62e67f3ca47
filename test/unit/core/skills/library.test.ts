import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeCore } from '../../../support/core'
import { tempDir, writeSkill } from '../../../support/fs'

const gitLog = (dir: string) =>
  execFileSync('git', ['-C', dir, 'log', '--format=%s'], { encoding: 'utf8' }).trim()

describe('SkillLibrary', () => {
  it('imports a local skill into the library, sends it to the inbox, records its source and commits', async () => {
    const t = makeCore()
    const src = writeSkill(tempDir(), 'my-skill', 'Does my things.', {
      'skill.py': 'x = 1\n',
      'references/a.md': 'ref',
    })
    const result = await t.call('skills.add', { path: src })
    expect(result).toEqual({ skills: [{ name: 'my-skill', state: 'pending', risk: 'LOW' }] })
    const detail = await t.call('skills.get', { name: 'my-skill' })
    expect(detail).toMatchObject({ origin: 'library', state: 'pending', source: `local:${src}`, risk: 'LOW' })
    expect(detail.approval).toMatchObject({ kind: 'import', status: 'pending', requester: 'user' })
    expect(detail.path).toBe(join(t.home, 'skills', 'my-skill'))
    expect(detail.files.map((f) => f.path)).toEqual(['SKILL.md', 'references/a.md', 'skill.py'])
    expect(gitLog(join(t.home, 'skills'))).toBe('Add my-skill')
    await t.call('approvals.decide', { id: detail.approval!.id, approve: true })
    expect((await t.call('skills.get', { name: 'my-skill' })).state).toBe('active')
  })

  it('imports every skill of a folder of skills, following the skills/ convention', async () => {
    const t = makeCore()
    const repo = tempDir()
    writeSkill(join(repo, 'skills'), 'alpha', 'Alpha skill.')
    writeSkill(join(repo, 'skills'), 'beta', 'Beta skill.')
    writeFileSync(join(repo, 'README.md'), 'not a skill')
    const result = await t.call('skills.add', { path: repo })
    expect(result.skills.map((s) => s.name)).toEqual(['alpha', 'beta'])
  })

  it('installs nothing when any skill in the batch is invalid', async () => {
    const t = makeCore()
    const repo = tempDir()
    writeSkill(repo, 'good-one', 'Fine.')
    writeSkill(repo, 'bad-one', '')
    const result = await t.raw('skills.add', { path: repo })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_SKILL' } })
    expect(!result.ok && result.error.message).toMatch(/Nothing was installed[\s\S]*bad-one/)
    // The way forward for the good ones, not just the refusal.
    expect(!result.ok && result.error.message).toContain('add the others one folder at a time')
    expect(readdirSync(join(t.home, 'skills')).filter((e) => !e.startsWith('.'))).toEqual([])
    expect((await t.call('skills.list')).length).toBe(0)
  })

  it('refuses a skill containing a symlink and leaves no staging folder behind', async () => {
    const t = makeCore()
    const src = writeSkill(tempDir(), 'linked', 'Has a link.')
    symlinkSync('/etc/passwd', join(src, 'passwd'))
    const result = await t.raw('skills.add', { path: src })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_SKILL' } })
    expect(readdirSync(join(t.home, 'skills')).filter((e) => e !== '.git')).toEqual([])
  })

  it('clears staging folders of a killed SkillDock at the next install, never those of a live one', async () => {
    const t = makeCore()
    const library = join(t.home, 'skills')
    // A pid far above any pid_max: that process is gone. The test runner's parent is alive.
    const dead = join(library, '.staging-99999999-0a1b2c3d4e5f')
    const live = join(library, `.staging-${process.ppid}-0a1b2c3d4e5f`)
    writeSkill(dead, 'half-copied', 'Left by a kill.')
    writeSkill(live, 'in-progress', 'Another process is installing.')
    await t.call('skills.add', { path: writeSkill(tempDir(), 'next-one', 'The next install.') })
    expect(existsSync(dead)).toBe(false)
    expect(existsSync(live)).toBe(true)
    expect((await t.call('skills.list')).map((s) => s.name)).toEqual(['next-one'])
  })

  it('refuses a name that is already taken', async () => {
    const appRoot = tempDir()
    writeSkill(join(appRoot, 'skills'), 'taken', 'Bundled.')
    const t = makeCore({ appRoot })
    const src = writeSkill(tempDir(), 'taken', 'Mine.')
    expect(await t.raw('skills.add', { path: src })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_SKILL' },
    })
    const again = writeSkill(tempDir(), 'fresh', 'Fresh.')
    await t.call('skills.add', { path: again })
    const second = await t.raw('skills.add', { path: again })
    expect(!second.ok && second.error.message).toMatch(/fresh is already installed/)
  })

  it('gives a clear error for a path that does not exist or holds no skill', async () => {
    const t = makeCore()
    expect(await t.raw('skills.add', { path: '/no/such/place' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/does not exist/) },
    })
    expect(await t.raw('skills.add', { path: tempDir() })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/No skills found/) },
    })
  })

  it('removes a library skill and refuses to remove a bundled one', async () => {
    const appRoot = tempDir()
    writeSkill(join(appRoot, 'skills'), 'bundled', 'Bundled.')
    const t = makeCore({ appRoot })
    await t.call('skills.add', { path: writeSkill(tempDir(), 'gone-soon', 'Temporary.') })
    expect(await t.call('skills.remove', { name: 'gone-soon' })).toEqual({
      removed: 'gone-soon',
      credentialsRemoved: [],
    })
    expect(existsSync(join(t.home, 'skills', 'gone-soon'))).toBe(false)
    expect((await t.call('skills.list')).map((s) => s.name)).toEqual(['bundled'])
    expect(gitLog(join(t.home, 'skills')).split('\n')[0]).toBe('Remove gone-soon')
    expect(await t.raw('skills.remove', { name: 'bundled' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/skilldock disable bundled/) },
    })
  })
})
