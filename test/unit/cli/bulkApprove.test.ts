import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../../support/cli'
import { tempDir, writeSkill } from '../../support/fs'

const fixtures = resolve(__dirname, '../../fixtures/governance')

/** A source with two LOW skills and a CRITICAL one (a copy of the `loader` fixture). */
async function homeWithSource(): Promise<string> {
  const home = tempDir('home-')
  const team = tempDir('team-')
  writeSkill(team, 'team-notes')
  writeSkill(team, 'team-dates')
  cpSync(join(fixtures, 'loader'), join(team, 'team-loader'), { recursive: true })
  const md = join(team, 'team-loader', 'SKILL.md')
  writeFileSync(md, readFileSync(md, 'utf8').replace('name: loader', 'name: team-loader'))
  expect((await cli(['--home', home, 'repo', 'add', 'team', team, '--type', 'local'])).code).toBe(0)
  expect((await cli(['--home', home, 'repo', 'sync', 'team'])).code).toBe(0)
  return home
}

describe('skilldock approve --source', () => {
  it('approves the LOW requests of a source, prints them, and leaves CRITICAL pending', async () => {
    const home = await homeWithSource()
    const dry = await cli(['--home', home, 'approve', '--source', 'team', '--max-risk', 'LOW', '--dry-run'])
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain('Would approve 2 requests from team')
    expect((await cli(['--home', home, 'list', '--state', 'pending', '--json'])).json()).toHaveLength(3)

    const run = await cli([
      '--home',
      home,
      'approve',
      '--source',
      'team',
      '--max-risk',
      'LOW',
      '--trust',
      'monitored',
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Approved 2 requests from team')
    expect(run.stdout).toMatch(/team-notes\s+LOW\s+monitored/)
    expect(run.stdout).toMatch(/team-dates\s+LOW\s+monitored/)
    expect(run.stdout).toMatch(/team-loader\s+CRITICAL\s+CRITICAL findings: decide it on its own/)
    const listed = (await cli(['--home', home, 'list', '--json'])).json() as Array<{
      name: string
      state: string
      trust: string
    }>
    const state = Object.fromEntries(listed.map((s) => [s.name, `${s.state}/${s.trust}`]))
    expect(state['team-notes']).toBe('active/monitored')
    expect(state['team-dates']).toBe('active/monitored')
    expect(state['team-loader']?.startsWith('pending')).toBe(true)
  })

  it('refuses CRITICAL as a max risk (usage), trusted (error), and an unknown source, approving nothing', async () => {
    const home = await homeWithSource()
    const critical = await cli(['--home', home, 'approve', '--source', 'team', '--max-risk', 'CRITICAL'])
    expect(critical.code).toBe(2)
    expect(critical.stderr).toContain('CRITICAL requests are approved one by one')
    const trusted = await cli(['--home', home, 'approve', '--source', 'team', '--trust', 'trusted'])
    expect(trusted.code).toBe(1)
    expect(trusted.stderr).toContain('trusted is never granted in bulk')
    const unknown = await cli(['--home', home, 'approve', '--source', 'nope', '--json'])
    expect(unknown.code).toBe(1)
    expect(unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
    // The hint names the README's command, not the `repo` alias.
    const hint = await cli(['--home', home, 'approve', '--source', 'local'])
    expect(hint.code).toBe(1)
    expect(hint.stderr).toContain('Run `skilldock source list` to see them.')
    expect(hint.stderr).not.toContain('skilldock repo')
    const both = await cli(['--home', home, 'approve', 'abcd1234', '--source', 'team'])
    expect(both.code).toBe(2)
    expect((await cli(['--home', home, 'list', '--state', 'pending', '--json'])).json()).toHaveLength(3)
  })
})
