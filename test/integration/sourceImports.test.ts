import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { zipOf } from '../support/archives'
import { makeCore } from '../support/core'
import { skillMd, tempDir, writeSkill } from '../support/fs'

const lock = (home: string) =>
  JSON.parse(readFileSync(join(home, 'skilldock.lock.json'), 'utf8')) as {
    skills: Record<string, Record<string, unknown>>
  }

describe('one-off imports from the UI: uploaded archives and pasted SKILL.md', () => {
  it('installs pasted SKILL.md text through governance; a bad name writes nothing', async () => {
    const t = makeCore()
    const added = await t.call('skills.importText', { content: skillMd('pasted-one', 'Pasted in.') })
    expect(added).toEqual({ skills: [{ name: 'pasted-one', state: 'pending', risk: expect.any(String) }] })
    expect(readFileSync(join(t.home, 'skills', 'pasted-one', 'SKILL.md'), 'utf8')).toContain('Pasted in.')
    expect(lock(t.home).skills['pasted-one']).toMatchObject({
      source: 'pasted:pasted-one',
      sourceType: 'local',
    })
    for (const content of [
      'no frontmatter at all',
      skillMd('../escape', 'Climbs.'),
      skillMd('Bad_Name', 'X.'),
    ]) {
      expect(await t.raw('skills.importText', { content })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_SKILL' },
      })
    }
    // Twice the same name: refused by the library, the first copy kept.
    expect(await t.raw('skills.importText', { content: skillMd('pasted-one', 'Again.') })).toMatchObject({
      ok: false,
    })
    expect(readFileSync(join(t.home, 'skills', 'pasted-one', 'SKILL.md'), 'utf8')).toContain('Pasted in.')
    expect(existsSync(join(t.home, 'escape'))).toBe(false)
    expect(readdirSync(join(t.home, 'sources'))).toEqual([])
  })

  it('installs an uploaded archive with the archive safety rules and a size limit', async () => {
    const t = makeCore()
    const packed = tempDir()
    writeSkill(packed, 'uploaded', 'From an upload.', { 'scripts/run.sh': 'echo hi\n' })
    const zip = join(tempDir(), 'up.zip')
    execFileSync('zip', ['-qr', zip, 'uploaded'], { cwd: packed })
    const base64 = readFileSync(zip).toString('base64')
    const added = await t.call('skills.importArchive', { fileName: 'up.zip', base64 })
    expect(added.skills.map((s) => [s.name, s.state])).toEqual([['uploaded', 'pending']])
    expect(readFileSync(join(t.home, 'skills', 'uploaded', 'scripts', 'run.sh'), 'utf8')).toBe('echo hi\n')
    expect(lock(t.home).skills.uploaded).toMatchObject({
      source: 'upload:up.zip',
      archiveSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    })

    const twin = zipOf([
      ['twin/SKILL.md', skillMd('twin', 'Harmless.')],
      ['twin/SKILL.md', skillMd('twin', 'Evil twin.')],
    ])
    expect(
      await t.raw('skills.importArchive', { fileName: 'twin.zip', base64: twin.toString('base64') }),
    ).toMatchObject({ ok: false, error: { code: 'UNSAFE_SOURCE' } })
    const notAnArchive = Buffer.from('\x89PNG\r\n' + 'x'.repeat(2000)).toString('base64')
    expect(
      await t.raw('skills.importArchive', { fileName: 'photo.zip', base64: notAnArchive }),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNSAFE_SOURCE', message: expect.stringMatching(/not a valid/) },
    })
    const big = Buffer.alloc(1024 * 1024 + 10, 1).toString('base64')
    expect(await t.raw('skills.importArchive', { fileName: 'big.zip', base64: big })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/1 MiB/) },
    })
    expect((await t.call('skills.list')).map((s) => s.name)).toEqual(['uploaded'])
    expect(readdirSync(join(t.home, 'sources'))).toEqual([])
  })

  it('lists the updates waiting, with their source', async () => {
    const folder = tempDir()
    writeSkill(folder, 'upd', 'Version one.')
    writeSkill(folder, 'mine', 'Mine.')
    const t = makeCore()
    await t.call('repos.add', { name: 'local-src', url: folder, type: 'local' })
    await t.call('repos.sync', { name: 'local-src' })
    expect(await t.call('skills.updates')).toEqual([])
    writeFileSync(join(folder, 'upd', 'SKILL.md'), skillMd('upd', 'Version two.'))
    writeFileSync(join(folder, 'mine', 'SKILL.md'), skillMd('mine', 'Upstream change.'))
    writeFileSync(join(t.home, 'skills', 'mine', 'SKILL.md'), skillMd('mine', 'My local edit.'))
    await t.call('repos.sync', { name: 'local-src' })
    expect(await t.call('skills.updates')).toEqual([
      { name: 'mine', source: 'local-src', status: 'conflict' },
      { name: 'upd', source: 'local-src', status: 'update-available' },
    ])
    await t.call('skills.update', { name: 'upd' })
    expect((await t.call('skills.updates')).map((u) => u.name)).toEqual(['mine'])
  })
})
