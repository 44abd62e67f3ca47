import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../../support/cli'
import { tempDir } from '../../support/fs'

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
})
