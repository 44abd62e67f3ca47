import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { describe, expect, it } from 'vitest'
import { makeCore, type TestCore } from '../../../support/core'
import { skillMd, tempDir, writeSkill } from '../../../support/fs'

const root = resolve(__dirname, '..', '..', '..', '..')

/** A core whose app root bundles `bundled-one` (with a binary file) before it starts. */
function coreWithBundled(): TestCore {
  const appRoot = tempDir('skilldock-app-')
  writeSkill(join(appRoot, 'skills'), 'bundled-one', 'A bundled skill.', {
    'scripts/run.py': 'print("hi")\n',
    'assets/logo.bin': '\u0000\u0001binary',
  })
  return makeCore({ appRoot })
}

/** Imports a library skill and approves it, so the library repository pins a commit. */
async function approvedLibrarySkill(t: TestCore, name: string): Promise<string> {
  const src = writeSkill(tempDir(), name, 'A library skill.', { 'skill.py': 'x = 1\n' })
  await t.call('skills.add', { path: src })
  const detail = await t.call('skills.get', { name })
  await t.call('approvals.decide', { id: detail.approval!.id, approve: true })
  return join(t.home, 'skills', name)
}

const gitStatus = (dir: string) =>
  execFileSync('git', ['-C', dir, 'status', '--porcelain'], { encoding: 'utf8' }).trim()

describe('skill files for the editor', () => {
  it('lists a skill’s files, reads text and refuses binary files', async () => {
    const t = coreWithBundled()
    const workspace = await t.call('files.list', { name: 'bundled-one' })
    expect(workspace).toMatchObject({ origin: 'builtin', hasDraft: false, canSubmit: false })
    const byPath = Object.fromEntries(workspace.files.map((f) => [f.path, f]))
    expect(byPath['SKILL.md']?.editable).toBe(true)
    expect(byPath['scripts/run.py']?.editable).toBe(true)
    expect(byPath['assets/logo.bin']).toMatchObject({
      editable: false,
      reason: expect.stringMatching(/binary/),
    })

    const text = await t.call('files.read', { name: 'bundled-one', path: 'scripts/run.py' })
    expect(text.content).toBe('print("hi")\n')
    const binary = await t.raw('files.read', { name: 'bundled-one', path: 'assets/logo.bin' })
    expect(binary).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: /binary/ } })
  })

  it('refuses paths that leave the skill folder, for reading and saving', async () => {
    const t = coreWithBundled()
    writeFileSync(join(t.home, 'secret.txt'), 'top secret')
    for (const path of ['../secret.txt', '../../secret.txt', '/etc/passwd', 'scripts/../../x', 'a\\..\\b']) {
      const read = await t.raw('files.read', { name: 'bundled-one', path })
      expect(read, path).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      const save = await t.raw('files.saveDraft', { name: 'bundled-one', files: [{ path, content: 'x' }] })
      expect(save, path).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    // A refused save writes nothing, not even the draft copy.
    expect(existsSync(join(t.home, 'drafts', '.edits', 'bundled-one'))).toBe(false)
    expect(existsSync(join(t.home, 'x'))).toBe(false)
  })

  it('refuses to follow a linked folder out of a skill', async () => {
    const t = coreWithBundled()
    const outside = tempDir()
    writeFileSync(join(outside, 'private.txt'), 'private')
    symlinkSync(outside, join(t.builtin, 'bundled-one', 'linked'))
    const read = await t.raw('files.read', { name: 'bundled-one', path: 'linked/private.txt' })
    expect(read).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('saves edits of a library skill to a draft copy and never touches the library copy', async () => {
    const t = makeCore()
    const libraryCopy = await approvedLibrarySkill(t, 'lib-skill')
    const original = readFileSync(join(libraryCopy, 'SKILL.md'), 'utf8')
    const before = (await t.call('skills.get', { name: 'lib-skill' })).fingerprint

    const broken = original.replace('description: A library skill.', 'description: [unclosed')
    const saved = await t.call('files.saveDraft', {
      name: 'lib-skill',
      files: [{ path: 'SKILL.md', content: broken }],
    })
    // The validator runs on save; the frontmatter error comes back at its line.
    expect(saved.report.valid).toBe(false)
    expect(saved.report.errors[0]?.line).toBe(3)
    expect(saved.workspace).toMatchObject({ hasDraft: true, canSubmit: true })
    expect(saved.workspace.dir).toBe(join(t.home, 'drafts', '.edits', 'lib-skill'))
    // The draft copy holds every file, the edited one changed.
    expect(readFileSync(join(saved.workspace.dir, 'skill.py'), 'utf8')).toBe('x = 1\n')
    expect((await t.call('files.read', { name: 'lib-skill', path: 'SKILL.md' })).content).toBe(broken)

    const fixed = original.replace('A library skill.', 'A better library skill.')
    const again = await t.call('files.saveDraft', {
      name: 'lib-skill',
      files: [{ path: 'SKILL.md', content: fixed }],
    })
    expect(again.report).toMatchObject({ valid: true, errors: [] })

    expect(readFileSync(join(libraryCopy, 'SKILL.md'), 'utf8')).toBe(original)
    expect(gitStatus(join(t.home, 'skills'))).toBe('')
    await t.call('skills.reindex')
    const after = await t.call('skills.get', { name: 'lib-skill' })
    expect(after).toMatchObject({ state: 'active', fingerprint: before, description: 'A library skill.' })
  })

  it('removing a skill drops its draft copy, so a later skill of that name starts clean', async () => {
    const t = makeCore()
    const libraryCopy = await approvedLibrarySkill(t, 'gone-soon')
    const original = readFileSync(join(libraryCopy, 'SKILL.md'), 'utf8')
    const saved = await t.call('files.saveDraft', {
      name: 'gone-soon',
      files: [{ path: 'SKILL.md', content: original.replace('A library skill.', 'Edited.') }],
    })
    expect(existsSync(saved.workspace.dir)).toBe(true)
    await t.call('skills.remove', { name: 'gone-soon' })
    expect(existsSync(saved.workspace.dir)).toBe(false)
    await approvedLibrarySkill(t, 'gone-soon')
    expect(await t.call('files.list', { name: 'gone-soon' })).toMatchObject({ hasDraft: false })
  })

  it('diffs the draft against the approved commit', async () => {
    const t = makeCore()
    const libraryCopy = await approvedLibrarySkill(t, 'lib-skill')
    const original = readFileSync(join(libraryCopy, 'SKILL.md'), 'utf8')
    expect((await t.call('files.diff', { name: 'lib-skill' })).diff).toBe('')

    await t.call('files.saveDraft', {
      name: 'lib-skill',
      files: [
        { path: 'SKILL.md', content: original.replace('Instructions.', 'Better instructions.') },
        { path: 'references/notes.md', content: 'new notes\n' },
      ],
    })
    const diff = await t.call('files.diff', { name: 'lib-skill' })
    expect(diff.base).toBe('approved')
    expect(diff.commit).toMatch(/^[0-9a-f]{40}$/)
    expect(diff.diff).toContain('--- a/lib-skill/SKILL.md')
    expect(diff.diff).toContain('+++ b/lib-skill/SKILL.md')
    expect(diff.diff).toContain('\n-Instructions.\n+Better instructions.\n')
    expect(diff.diff).toContain('+++ b/lib-skill/references/notes.md')
    expect(diff.diff).toContain('+new notes')

    expect((await t.call('files.list', { name: 'lib-skill' })).baseChanged).toBe(false)
    // The library copy changes under the draft (an update, an outside edit): the editor is told.
    writeFileSync(join(libraryCopy, 'skill.py'), 'x = 2\n')
    await t.call('skills.reindex')
    expect((await t.call('files.list', { name: 'lib-skill' })).baseChanged).toBe(true)

    // Discarding the draft brings the editor back to the approved files.
    const workspace = await t.call('files.discardDraft', { name: 'lib-skill' })
    expect(workspace).toMatchObject({ hasDraft: false, baseChanged: false })
    expect(existsSync(join(t.home, 'drafts', '.edits', 'lib-skill.base'))).toBe(false)
    expect((await t.call('files.diff', { name: 'lib-skill' })).diff).toContain('+x = 2')
  })

  it('submits an edited library skill as an update waiting for approval', async () => {
    const t = makeCore()
    const libraryCopy = await approvedLibrarySkill(t, 'lib-skill')
    const original = readFileSync(join(libraryCopy, 'SKILL.md'), 'utf8')
    const edited = original.replace('Instructions.', 'Edited instructions.')
    await t.call('files.saveDraft', { name: 'lib-skill', files: [{ path: 'SKILL.md', content: edited }] })
    const approval = await t.call('files.submit', { name: 'lib-skill' })
    expect(approval).toMatchObject({ skill: 'lib-skill', kind: 'update', status: 'pending' })
    expect(approval.diff).toContain('+Edited instructions.')
    expect((await t.call('skills.get', { name: 'lib-skill' })).state).toBe('changed')
    expect(readFileSync(join(libraryCopy, 'SKILL.md'), 'utf8')).toBe(edited)
    expect(existsSync(join(t.home, 'drafts', '.edits', 'lib-skill'))).toBe(false)
  })

  it('refuses to submit an invalid draft, a skill without a draft, and a bundled skill', async () => {
    const t = coreWithBundled()
    const libraryCopy = await approvedLibrarySkill(t, 'lib-skill')
    expect(await t.raw('files.submit', { name: 'lib-skill' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: /save your edits first/ },
    })
    await t.call('files.saveDraft', {
      name: 'lib-skill',
      files: [{ path: 'SKILL.md', content: '---\nname: lib-skill\n---\nNo description.\n' }],
    })
    expect(await t.raw('files.submit', { name: 'lib-skill' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_SKILL', message: /1 validation error/ },
    })
    expect(readFileSync(join(libraryCopy, 'SKILL.md'), 'utf8')).toBe(skillMd('lib-skill', 'A library skill.'))

    await t.call('files.saveDraft', {
      name: 'bundled-one',
      files: [{ path: 'SKILL.md', content: skillMd('bundled-one', 'Edited bundled.') }],
    })
    expect(readFileSync(join(t.builtin, 'bundled-one', 'SKILL.md'), 'utf8')).toBe(
      skillMd('bundled-one', 'A bundled skill.'),
    )
    expect((await t.call('files.diff', { name: 'bundled-one' })).base).toBe('bundled')
    expect(await t.raw('files.submit', { name: 'bundled-one' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: /bundled/ },
    })
  })

  it('creates a new skill from the template as a valid draft and submits it', async () => {
    const t = makeCore()
    const workspace = await t.call('files.create', { name: 'my-new-skill', withServer: true })
    expect(workspace).toMatchObject({ origin: 'draft', hasDraft: true, canSubmit: true })
    expect(workspace.dir).toBe(join(t.home, 'drafts', 'my-new-skill'))
    expect(workspace.files.map((f) => f.path)).toEqual(['SKILL.md', 'skill.py'])
    const report = await t.call('skills.validate', { path: workspace.dir })
    expect(report).toMatchObject({ valid: true, errors: [] })
    expect((await t.call('skills.get', { name: 'my-new-skill' })).state).toBe('draft')
    // The template's server starts with the bundled kit (as SkillDock launches it) and its tool works.
    const client = new Client({ name: 'skill-files-test', version: '1.0.0' })
    await client.connect(
      new StdioClientTransport({
        command: 'python3',
        args: ['-I', join(root, 'resources/python/launch.py'), join(workspace.dir, 'skill.py')],
        env: { PATH: process.env.PATH ?? '' },
      }),
    )
    try {
      const result = await client.callTool({ name: 'hello', arguments: { name: 'Ada' } })
      expect(JSON.stringify(result.content)).toContain('Hello, Ada!')
    } finally {
      await client.close()
    }

    expect(await t.raw('files.create', { name: 'my-new-skill' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
    expect(await t.raw('files.discardDraft', { name: 'my-new-skill' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    const diff = await t.call('files.diff', { name: 'my-new-skill' })
    expect(diff.base).toBe('none')
    expect(diff.diff).toContain('+++ b/my-new-skill/skill.py')

    // Renaming the skill in SKILL.md is saved, and said plainly.
    const renamed = await t.raw('files.saveDraft', {
      name: 'my-new-skill',
      files: [{ path: 'SKILL.md', content: skillMd('other-name', 'Renamed.') }],
    })
    expect(renamed).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: /names the skill "other-name"/ },
    })
    expect((await t.call('skills.get', { name: 'other-name' })).path).toBe(workspace.dir)
    const back = await t.raw('files.saveDraft', {
      name: 'other-name',
      files: [{ path: 'SKILL.md', content: skillMd('my-new-skill', 'Back again. Use when testing.') }],
    })
    expect(back).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: /names the skill "my-new-skill"/ },
    })

    const approval = await t.call('files.submit', { name: 'my-new-skill' })
    expect(approval).toMatchObject({ skill: 'my-new-skill', kind: 'generated', status: 'pending' })
  })

  it('refuses a file too large to edit, writing nothing', async () => {
    const t = coreWithBundled()
    const huge = 'x'.repeat(1024 * 1024 + 1)
    const save = await t.raw('files.saveDraft', {
      name: 'bundled-one',
      files: [
        { path: 'SKILL.md', content: skillMd('bundled-one', 'Edited.') },
        { path: 'big.txt', content: huge },
      ],
    })
    expect(save).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: /too large/ } })
    expect(existsSync(join(t.home, 'drafts', '.edits', 'bundled-one'))).toBe(false)
    mkdirSync(join(t.builtin, 'bundled-one', 'data'))
    writeFileSync(join(t.builtin, 'bundled-one', 'data', 'big.txt'), huge)
    const listed = await t.call('files.list', { name: 'bundled-one' })
    expect(listed.files.find((f) => f.path === 'data/big.txt')).toMatchObject({
      editable: false,
      reason: expect.stringMatching(/too large/),
    })
  })
})
