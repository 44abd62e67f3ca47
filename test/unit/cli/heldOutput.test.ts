import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../../support/cli'
import { tempDir, writeSkill } from '../../support/fs'
import { gitEnv } from '../../support/git'

function commitAll(dir: string, message: string): void {
  execFileSync('git', ['-C', dir, 'add', '-A'])
  execFileSync('git', ['-C', dir, 'commit', '-qm', message], { env: gitEnv })
}

/** A skill that waits for approval is out of service: the CLI says so, and how to approve, every time. */
describe('held skills in sync / update output', () => {
  it('sync and update say the skill is held (not served) until approved, with the approve command', async () => {
    const home = tempDir()
    const upstream = tempDir()
    writeSkill(join(upstream, 'skills'), 'gamma', 'Gamma things.')
    execFileSync('git', ['-C', upstream, 'init', '-q'])
    commitAll(upstream, 'one')
    expect((await cli(['--home', home, 'repo', 'add', 'up', `file://${upstream}`])).code).toBe(0)

    const sync = await cli(['--home', home, 'repo', 'sync', 'up'])
    expect(sync.code).toBe(0)
    const firstId = /skilldock approve (\S+)/.exec(sync.stdout)?.[1]
    expect(sync.stdout).toContain(
      `gamma is held (not served to CLI or MCP clients) until it is approved: skilldock approve ${firstId}`,
    )
    expect((await cli(['--home', home, 'approve', firstId!])).code).toBe(0)

    writeSkill(join(upstream, 'skills'), 'gamma', 'Gamma things, better.')
    commitAll(upstream, 'two')
    expect((await cli(['--home', home, 'repo', 'sync', 'up'])).code).toBe(0)
    const update = await cli(['--home', home, 'update', 'gamma'])
    expect(update.code).toBe(0)
    const id = /skilldock approve (\S+)/.exec(update.stdout)?.[1]
    expect(id).toBeDefined()
    expect(id).not.toBe(firstId)
    expect(update.stdout.trim()).toBe(
      `Updated gamma (changed): gamma is held (not served to CLI or MCP clients) until the update is approved: skilldock approve ${id}`,
    )
    // The command it names works.
    expect((await cli(['--home', home, 'approve', id!])).code).toBe(0)
    expect((await cli(['--home', home, '--json', 'show', 'gamma'])).json()).toMatchObject({ state: 'active' })
  })
})
