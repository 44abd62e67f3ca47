import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { tempDir } from '../support/fs'

describe('skilldock add says what comes next', { timeout: 120_000 }, () => {
  it('points a held skill to the inbox and the approve command, and following it activates the skill', async () => {
    const home = tempDir('skilldock-add-next-')
    const dir = join(tempDir('skilldock-add-next-src-'), 'hello-note')
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, 'SKILL.md'),
      '---\nname: hello-note\ndescription: Writes a hello note. Use when asked for one.\n---\n# hello\n',
    )
    const added = await cli(['--home', home, 'add', dir])
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout).toContain('Added hello-note (pending, risk LOW)')
    expect(added.stdout).toContain('`skilldock approvals` lists them')
    expect(added.stdout).toContain('then `skilldock approve <id>`')

    const [request] = JSON.parse((await cli(['--home', home, '--json', 'approvals'])).stdout) as Array<{
      id: string
    }>
    expect((await cli(['--home', home, 'approve', request!.id])).code).toBe(0)
    const shown = JSON.parse((await cli(['--home', home, '--json', 'show', 'hello-note'])).stdout) as {
      state: string
    }
    expect(shown.state).toBe('active')
  })
})
