import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeCore, type TestCore } from '../support/core'
import { skillMd, tempDir, writeSkill } from '../support/fs'
import { git } from '../support/git'

const lockLine = async (t: TestCore) => {
  const checks = await t.call('app.doctor', { port: 0 })
  return checks.find((c) => c.id === 'lockfile')!
}

describe('doctor verifies installed skills against skilldock.lock.json', () => {
  it('reports local edits, recorded-but-removed skills and fetched skills missing from the lockfile', async () => {
    const upstream = tempDir('skilldock-upstream-')
    for (const name of ['alpha', 'beta', 'gamma'])
      writeSkill(join(upstream, 'skills'), name, `${name} things.`)
    git(upstream, 'init', '-q', '-b', 'main')
    git(upstream, 'add', '-A')
    git(upstream, 'commit', '-q', '-m', 'init')
    const t = makeCore()
    await t.call('repos.add', { name: 'up', url: `file://${upstream}` })
    await t.call('repos.sync', { name: 'up' })
    // A skill added from a plain folder is not a fetched one: it needs no lockfile entry.
    await t.call('skills.add', { path: writeSkill(tempDir(), 'handmade', 'Made by hand.') })
    expect(await lockLine(t)).toMatchObject({
      status: 'ok',
      detail: '3 installed skills match skilldock.lock.json',
    })

    writeFileSync(join(t.home, 'skills', 'alpha', 'SKILL.md'), skillMd('alpha', 'Edited by hand.'))
    await t.call('skills.remove', { name: 'beta' })
    const lockPath = join(t.home, 'skilldock.lock.json')
    const doc = JSON.parse(readFileSync(lockPath, 'utf8')) as { skills: Record<string, unknown> }
    delete doc.skills.gamma
    writeFileSync(lockPath, JSON.stringify(doc))

    const line = await lockLine(t)
    expect(line.status).toBe('warn')
    expect(line.detail).toMatch(/changed on disk since install: alpha/)
    expect(line.detail).toMatch(/recorded but not installed: beta/)
    expect(line.detail).toMatch(/installed from a source but not recorded: gamma/)
    expect(line.detail).not.toMatch(/handmade/)
    expect(line.fix).toMatch(/skilldock update/)
  })

  it('fails the check, with a fix, when the lockfile is damaged', async () => {
    const t = makeCore()
    writeFileSync(join(t.home, 'skilldock.lock.json'), '{ not json')
    expect(await lockLine(t)).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/damaged/),
      fix: expect.stringMatching(/sync --all/),
    })
  })
})
