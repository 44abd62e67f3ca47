import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../../support/cli'
import { skillMd, tempDir, writeTree } from '../../support/fs'
import { gitEnv } from '../../support/git'

describe('skilldock marketplace', () => {
  it('browses a catalog file (by tag), shows and installs an entry, and explains bad input with exit 1', async () => {
    const home = tempDir()
    const upstream = writeTree(tempDir(), {
      'skills/cli-pdf/SKILL.md': skillMd('cli-pdf', 'PDFs from a catalog.'),
    })
    const env = gitEnv
    for (const args of [
      ['init', '-q'],
      ['add', '-A'],
      ['commit', '-qm', 'x'],
    ])
      execFileSync('git', ['-C', upstream, ...args], { env })
    const catalog = join(tempDir(), 'catalog.json')
    writeFileSync(
      catalog,
      JSON.stringify({
        name: 'CLI catalog',
        skills: [
          {
            id: 'acme/cli-pdf',
            name: 'cli-pdf',
            description: 'PDF tools.',
            tags: ['pdf'],
            source: `file://${upstream}`,
          },
          {
            id: 'acme/other',
            name: 'other',
            description: 'Other.',
            tags: ['misc'],
            source: 'https://example.com/x',
          },
        ],
      }),
    )

    const browse = await cli(['--home', home, 'marketplace', 'browse', '--catalog', catalog])
    expect(browse.code).toBe(0)
    expect(browse.stdout).toMatch(/acme\/cli-pdf\s+cli-pdf\s+pdf\s+PDF tools\./)
    expect(browse.stdout).toContain('acme/other')
    const tagged = await cli(['--home', home, '--json', 'marketplace', 'browse', '--tag', 'misc'])
    expect(tagged.code).toBe(0)
    expect((tagged.json() as { skills: { id: string }[] }).skills.map((s) => s.id)).toEqual(['acme/other'])

    const show = await cli(['--home', home, 'marketplace', 'show', 'acme/cli-pdf'])
    expect(show.code).toBe(0)
    expect(show.stdout).toContain(`source:   file://${upstream}`)
    expect(show.stdout).toContain('skilldock marketplace install acme/cli-pdf')

    const install = await cli(['--home', home, '--json', 'marketplace', 'install', 'acme/cli-pdf'])
    expect(install.code).toBe(0)
    expect(install.json()).toMatchObject({
      id: 'acme/cli-pdf',
      skills: [{ name: 'cli-pdf', state: 'pending' }],
    })
    const lock = JSON.parse(readFileSync(join(home, 'skilldock.lock.json'), 'utf8')) as {
      skills: Record<string, unknown>
    }
    expect(Object.keys(lock.skills)).toEqual(['cli-pdf'])

    const unknown = await cli(['--home', home, 'marketplace', 'install', 'acme/nope'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('skilldock marketplace browse')

    const broken = join(tempDir(), 'broken.json')
    writeFileSync(broken, JSON.stringify({ name: 'x', skills: [{ id: 'a/b', name: 'b' }] }))
    const bad = await cli(['--home', home, '--json', 'marketplace', 'browse', '--catalog', broken])
    expect(bad.code).toBe(1)
    expect(bad.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } })
  })
})
