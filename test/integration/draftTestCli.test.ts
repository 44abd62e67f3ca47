import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { tempDir } from '../support/fs'

const bundled = resolve(__dirname, '../../skills/text-stats')

describe('skilldock test --draft', { timeout: 120_000 }, () => {
  it("tests the editor's saved draft of a bundled skill, not the bundled version", async () => {
    const home = tempDir()
    expect((await cli(['--home', home, 'list', '--json'])).code).toBe(0)
    // The editor's draft copy, with one example that no longer holds.
    const draft = join(home, 'drafts', '.edits', 'text-stats')
    cpSync(bundled, draft, { recursive: true, filter: (src) => !src.includes('__pycache__') })
    const examples = JSON.parse(readFileSync(join(draft, 'examples.json'), 'utf8')) as { expect: string }[]
    examples[0]!.expect = '"sentences": 99'
    writeFileSync(join(draft, 'examples.json'), JSON.stringify(examples))

    const drafted = await cli(['--home', home, 'test', 'text-stats', '--draft'])
    expect(drafted.code).toBe(1)
    expect(drafted.stdout).toContain('expected "\\"sentences\\": 99"')
    expect(drafted.stdout).toContain('text-stats: some checks failed')

    const approved = await cli(['--home', home, 'test', 'text-stats'])
    expect(approved.code).toBe(0)
    expect(approved.stdout).toContain('all checks passed')
  })

  it('says how to make a draft when there is none', async () => {
    const home = tempDir()
    const run = await cli(['--home', home, 'test', 'text-stats', '--draft'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/text-stats has no draft to test; save your edits in the editor first/)
  })
})
