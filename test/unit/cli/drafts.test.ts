import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../../support/cli'
import { skillMd, tempDir, writeSkill } from '../../support/fs'

describe('skilldock new / submit', () => {
  it('scaffolds a valid draft, refuses a taken name, and submits it for approval', async () => {
    const home = tempDir()
    const made = await cli([
      '--home',
      home,
      'new',
      'csv-notes',
      '--description',
      'Notes: about CSV files. Use when asked.',
    ])
    expect(made.code).toBe(0)
    expect(made.stdout).toContain('skilldock submit csv-notes')
    const dir = join(home, 'drafts', 'csv-notes')
    expect(existsSync(join(dir, 'skill.py'))).toBe(true)
    expect(readFileSync(join(dir, 'SKILL.md'), 'utf8')).toContain(
      'description: "Notes: about CSV files. Use when asked."',
    )
    const validated = await cli(['--home', home, '--json', 'validate', dir])
    expect(validated.code).toBe(0)
    expect(validated.json()).toMatchObject([{ name: 'csv-notes', valid: true, errors: [] }])

    const again = await cli(['--home', home, 'new', 'csv-notes'])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/already exists; pick another name/)
    const bad = await cli(['--home', home, 'new', 'Bad_Name'])
    expect(bad.code).toBe(1)

    const submitted = await cli(['--home', home, '--json', 'submit', 'csv-notes', '--reason', 'hand-written'])
    expect(submitted.code).toBe(0)
    expect(submitted.json()).toMatchObject({ skill: 'csv-notes', kind: 'generated', status: 'pending' })
  })

  it('scaffolds SKILL.md alone with --no-server, and refuses to submit a broken draft', async () => {
    const home = tempDir()
    expect((await cli(['--home', home, 'new', 'plain-notes', '--no-server'])).code).toBe(0)
    const dir = join(home, 'drafts', 'plain-notes')
    expect(existsSync(join(dir, 'skill.py'))).toBe(false)
    writeFileSync(join(dir, 'SKILL.md'), '---\nname: plain-notes\n---\nNo description.\n')
    const submitted = await cli(['--home', home, 'submit', 'plain-notes'])
    expect(submitted.code).toBe(1)
    expect(submitted.stderr).toMatch(/validation error/)
  })

  it('says an edited library skill is held (not served) until the update is approved, and how to approve', async () => {
    const home = tempDir()
    await cli(['--home', home, 'governance', 'full_auto'])
    expect((await cli(['--home', home, 'add', writeSkill(tempDir(), 'notes', 'Takes notes.')])).code).toBe(0)
    // The editor's draft copy of a library skill, as files.saveDraft leaves it.
    const edits = join(home, 'drafts', '.edits', 'notes')
    cpSync(join(home, 'skills', 'notes'), edits, { recursive: true })
    writeFileSync(join(edits, 'SKILL.md'), skillMd('notes', 'Takes better notes.'))
    await cli(['--home', home, 'governance', 'semi_auto'])

    const submitted = await cli(['--home', home, 'submit', 'notes'])
    expect(submitted.code).toBe(0)
    const id = /request (\S+) is pending/.exec(submitted.stdout)?.[1]
    expect(id).toBeDefined()
    expect(submitted.stdout).toContain(
      `notes is held (not served to CLI or MCP clients) until the update is approved: skilldock approve ${id}`,
    )
    const shown = await cli(['--home', home, '--json', 'show', 'notes'])
    expect(shown.json()).toMatchObject({ state: 'changed' })
  })

  it('under locked governance says the draft was refused, with the reason, and exits 1', async () => {
    const home = tempDir()
    expect(
      (await cli(['--home', home, 'new', 'locked-draft', '--description', 'Locked. Use when asked.'])).code,
    ).toBe(0)
    await cli(['--home', home, 'governance', 'locked'])
    const submitted = await cli(['--home', home, 'submit', 'locked-draft'])
    expect(submitted.code).toBe(1)
    expect(submitted.stdout).toMatch(
      /^Not sent for approval: governance is locked: self-generated skills are refused/,
    )
    expect(submitted.stdout).not.toMatch(/Sent locked-draft for approval/)
    expect(existsSync(join(home, 'drafts', 'locked-draft', 'SKILL.md'))).toBe(true)
    // What it advises works: the kept draft goes to the inbox once governance is not locked.
    await cli(['--home', home, 'governance', 'semi_auto'])
    const again = await cli(['--home', home, 'submit', 'locked-draft'])
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(
      /is pending\.\nlocked-draft is held \(not served to CLI or MCP clients\) until it is approved/,
    )
  })
})
