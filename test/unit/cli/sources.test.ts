import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../../support/cli'
import { tempDir, writeSkill } from '../../support/fs'

describe('skilldock repo / update / export', () => {
  it('adds and syncs a git source, lists it, and refuses an unsafe URL with exit 1', async () => {
    const home = tempDir()
    const upstream = tempDir()
    writeSkill(join(upstream, 'skills'), 'cli-skill', 'From the CLI.')
    const env = {
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    }
    execFileSync('git', ['-C', upstream, 'init', '-q'])
    execFileSync('git', ['-C', upstream, 'add', '-A'])
    execFileSync('git', ['-C', upstream, 'commit', '-qm', 'x'], { env: { ...process.env, ...env } })
    expect((await cli(['--home', home, 'repo', 'add', 'up', `file://${upstream}`])).code).toBe(0)
    const sync = await cli(['--home', home, '--json', 'repo', 'sync', 'up'])
    expect(sync.code).toBe(0)
    expect(sync.json()).toMatchObject([{ repo: 'up', items: [{ name: 'cli-skill', status: 'installed' }] }])
    const list = await cli(['--home', home, 'repo', 'list'])
    expect(list.stdout).toMatch(/up\s+git\s+file:\/\//)
    const lock = JSON.parse(readFileSync(join(home, 'skilldock.lock.json'), 'utf8')) as {
      skills: Record<string, unknown>
    }
    expect(Object.keys(lock.skills)).toEqual(['cli-skill'])
    const bad = await cli([
      '--home',
      home,
      '--json',
      'repo',
      'add',
      'bad',
      '--',
      '--upload-pack=touch /tmp/x',
      '--type',
      'git',
    ])
    expect(bad.code).not.toBe(0)
    const unsafe = await cli(['--home', home, '--json', 'repo', 'add', 'bad', 'ext::sh -c touch% /tmp/x'])
    expect(unsafe.code).toBe(1)
    expect(unsafe.json()).toMatchObject({ error: { code: 'UNSAFE_SOURCE' } })
    const update = await cli(['--home', home, 'update', 'cli-skill'])
    expect(update.code).toBe(1)
    expect(update.stderr).toMatch(/no update available/)
  })

  it('exports into --dir and reports what it wrote', async () => {
    const home = tempDir()
    await cli(['--home', home, 'governance', 'full_auto'])
    await cli(['--home', home, 'add', writeSkill(tempDir(), 'exported', 'Exported skill.')])
    const dir = join(tempDir(), 'agents')
    mkdirSync(dir)
    const run = await cli(['--home', home, '--json', 'export', '--target', 'agents', '--dir', dir])
    expect(run.code).toBe(0)
    expect(run.json()).toMatchObject({ written: ['exported'] })
    expect(existsSync(join(dir, 'exported', 'SKILL.md'))).toBe(true)
    expect((await cli(['--home', home, 'export', '--target', 'nope', '--dir', dir])).code).toBe(1)
  })
})
