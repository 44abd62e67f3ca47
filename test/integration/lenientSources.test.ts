import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { makeCore } from '../support/core'
import { skillMd, tempDir, writeSkill, writeTree } from '../support/fs'

/** 1,068 characters, like anthropics/skills' claude-api (over the spec's 1,024). */
const longDescription = 'Build apps with the Claude API and its SDKs. '.repeat(30).slice(0, 1067) + '.'

/** A folder source with the breaches hosts tolerate, and one SKILL.md no host can read. */
function sourceFolder(): string {
  const root = tempDir('lenient-source-')
  writeSkill(root, 'claude-api', longDescription)
  writeTree(root, {
    'folder-name/SKILL.md': skillMd('proper-name', 'Named unlike its folder.'),
    'extra-keys/SKILL.md': skillMd('extra-keys', 'Has keys the spec does not know.', 'colour: blue\n'),
    'malformed/SKILL.md': '---\nname: malformed\n---\n# No description at all\n',
  })
  return root
}

describe('a local source with skills that bend the spec', () => {
  it('imports the tolerated ones with warnings (sync, inbox, skill), skips the malformed one with its reason', async () => {
    expect(longDescription).toHaveLength(1068)
    const t = makeCore()
    const folder = sourceFolder()
    await t.call('repos.add', { name: 'lenient', url: folder, type: 'local' })
    const [report] = await t.call('repos.sync', { name: 'lenient' })
    const status = Object.fromEntries(report!.items.map((i) => [i.name, i.status]))
    expect(status).toMatchObject({
      'claude-api': 'installed',
      'proper-name': 'installed',
      'extra-keys': 'installed',
    })
    const malformed = report!.items.find((i) => i.status === 'skipped')
    expect(malformed?.message).toContain('description')

    // The inbox shows each request's warnings.
    const pending = await t.call('approvals.list', { status: 'pending', source: 'lenient' })
    const warningsOf = (skill: string) =>
      pending.find((a) => a.skill === skill)?.details?.warnings?.join('\n') ?? ''
    expect(warningsOf('claude-api')).toContain('description is 1068 characters; the limit is 1024')
    expect(warningsOf('proper-name')).toContain('differs from the folder name "folder-name"')
    expect(warningsOf('extra-keys')).toContain('unknown key "colour"')
    expect(
      (await t.call('approvals.get', { id: pending.find((a) => a.skill === 'claude-api')!.id })).details
        ?.warnings,
    ).toEqual([expect.stringContaining('description is 1068 characters')])

    // The skill itself keeps the warning (and is valid); browse says why the malformed one is not installed.
    const skill = await t.call('skills.get', { name: 'claude-api' })
    expect(skill.valid).toBe(true)
    expect(skill.description).toBe(longDescription)
    expect(skill.warnings.map((w) => w.code)).toContain('DESCRIPTION_TOO_LONG')
    const offered = await t.call('repos.browse', { name: 'lenient' })
    expect(offered.find((s) => s.path === 'malformed')?.reason).toContain(
      'the frontmatter has no description',
    )
  })

  it('validate stays strict, and export to codex names the skill Codex will not load', async () => {
    const home = tempDir('home-')
    const folder = sourceFolder()
    const validate = await cli(['validate', join(folder, 'claude-api'), '--json'])
    expect(validate.code).toBe(1)
    expect(validate.json()).toMatchObject([{ valid: false, errors: [{ code: 'DESCRIPTION_TOO_LONG' }] }])

    expect((await cli(['--home', home, 'repo', 'add', 'lenient', folder, '--type', 'local'])).code).toBe(0)
    expect((await cli(['--home', home, 'repo', 'sync', 'lenient'])).code).toBe(0)
    const inbox = (await cli(['--home', home, 'approvals', '--json'])).json() as Array<{
      id: string
      skill: string
    }>
    const request = inbox.find((a) => a.skill === 'claude-api')!
    const shown = await cli(['--home', home, 'approvals', '--id', request.id])
    expect(shown.stdout).toMatch(/warning: description is 1068 characters; the limit is 1024/)
    expect((await cli(['--home', home, 'approve', '--source', 'lenient'])).code).toBe(0)
    const out = tempDir('codex-skills-')
    const exported = await cli(['--home', home, 'export', '--target', 'codex', '--dir', out])
    expect(exported.code).toBe(0)
    expect(exported.stdout).toMatch(/3 written/)
    expect(exported.stdout).toMatch(/warning: claude-api: Codex skips it: its description is 1068 characters/)
    expect(exported.stdout).not.toMatch(/warning: (extra-keys|proper-name)/)
  })
})
