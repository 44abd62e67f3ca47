import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../../support/cli'
import { tempDir } from '../../support/fs'

const said = "I don't have a tool to translate Klingon"

/** `skilldock gap`: the gap is recorded; a generation that fails says why and exits 1, like `generate`. */
describe('skilldock gap output', () => {
  it('a failed generation (offline template) says the gap is recorded, that generation failed and why, and exits 1', async () => {
    const home = tempDir('skilldock-home-')
    const run = await cli(['--home', home, 'gap', said])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/translate Klingon\s+recorded; generation failed\s+1/)
    expect(run.stdout).not.toMatch(/\bproposed\b/)
    expect(run.stdout).toContain('Generation failed; the draft stays in drafts/translate-klingon.')
    expect(run.stdout).toContain('No model provider is configured')
    expect(existsSync(join(home, 'drafts', 'translate-klingon', 'SKILL.md'))).toBe(true)

    // The gap is recorded (and counted again), and nothing is generated twice: exit 0.
    const again = await cli(['--home', home, '--json', 'gap', said])
    expect(again.code).toBe(0)
    expect(again.json()).toMatchObject({
      gaps: [{ capability: 'translate Klingon', occurrences: 2 }],
      generations: [],
    })
  })

  it('with self-generation off it records the gap and exits 0, saying nothing was generated', async () => {
    const home = tempDir('skilldock-home-')
    await cli(['--home', home, 'governance', '--self-generation', 'off'])
    const run = await cli(['--home', home, 'gap', said])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/translate Klingon\s+open\s+1/)
    expect(run.stdout).toContain('gaps are recorded, nothing is generated')
  })

  it('`gaps add ""` is a usage error (exit 2) saying what to give, and records nothing', async () => {
    const home = tempDir('skilldock-home-')
    for (const words of ['', '   ']) {
      const run = await cli(['--home', home, 'gaps', 'add', words])
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('say in a few words what is missing, e.g. "resize PNG images"')
    }
    expect((await cli(['--home', home, '--json', 'gaps'])).json()).toEqual([])
  })
})
