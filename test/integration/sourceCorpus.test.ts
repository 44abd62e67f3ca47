import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SourceSkill } from '../../src-main/contract/sources'
import { cli } from '../support/cli'
import { makeCore, type TestCore } from '../support/core'
import { skillMd, tempDir, writeTree } from '../support/fs'
import { git, gitRepo } from '../support/git'

/**
 * A corpus of 1,000 generated skill folders, made by the test: 975 valid ones, 10 with a SKILL.md
 * that has no frontmatter, 5 whose SKILL.md is over the 1 MiB limit, and 10 that offer a name a
 * folder read earlier already offers (`extra/s-0076` is read before `skills/s-0076`).
 */
const pad = (i: number) => String(i).padStart(4, '0')
type Offer = SourceSkill['offer']

function corpus(): { files: Record<string, string>; expected: Map<string, Offer> } {
  const files: Record<string, string> = {}
  const expected = new Map<string, Offer>()
  for (let i = 0; i < 990; i++) {
    const name = `s-${pad(i)}`
    const path = `skills/${name}`
    if (i % 100 === 10) {
      files[`${path}/SKILL.md`] = `# ${name}\n\nNo frontmatter at all.\n`
      expected.set(path, 'invalid')
    } else if (i % 200 === 55) {
      files[`${path}/SKILL.md`] = skillMd(name, `Big ${name}.`, '', `# ${name}\n${'x'.repeat(1100 * 1024)}\n`)
      expected.set(path, 'invalid')
    } else if (i % 100 === 76) {
      files[`${path}/SKILL.md`] = skillMd(name, `Second ${name}.`)
      expected.set(path, 'skipped')
      files[`extra/${name}/SKILL.md`] = skillMd(name, `First ${name}.`)
      expected.set(`extra/${name}`, 'new')
    } else {
      files[`${path}/SKILL.md`] = skillMd(name, `Does ${name} things.`)
      expected.set(path, 'new')
    }
  }
  return { files, expected }
}

const count = (offers: Iterable<Offer>) => {
  const by: Partial<Record<Offer, number>> = {}
  for (const o of offers) by[o] = (by[o] ?? 0) + 1
  return by
}

const pending = async (t: TestCore) => (await t.call('approvals.list', { status: 'pending' })).length

/** Syncs a pick source of the corpus and checks every offered skill's outcome, then installs two. */
async function checkPickSource(t: TestCore, name: string, expected: Map<string, Offer>) {
  const counted: [string | null, number | undefined, number | undefined][] = []
  t.core.events.on('sync.progress', (e) => {
    if (e.phase === 'reconciling' && e.total !== undefined) counted.push([e.message, e.current, e.total])
  })
  const [report] = await t.call('repos.sync', { name })
  // Progress per skill (about a hundred steps, not one event per skill), ending at all of them.
  expect(counted.length).toBeGreaterThan(50)
  expect(counted.at(-1)).toEqual(['checking', 1000, 1000])
  const items = report!.items
  expect(items).toHaveLength(1000)
  expect(items.filter((i) => i.status === 'offered')).toHaveLength(975)
  expect(items.filter((i) => i.status === 'skipped')).toHaveLength(25)
  expect(items.filter((i) => i.status === 'installed')).toHaveLength(0)
  // Listing installs nothing: the inbox and the library are as they were.
  expect(await pending(t)).toBe(0)
  const library = (await t.call('skills.list', {})).map((s) => s.name)
  expect(library.filter((n) => n.startsWith('s-'))).toEqual([])

  const browsed = await t.call('repos.browse', { name })
  expect(new Map(browsed.map((s) => [s.path, s.offer]))).toEqual(expected)
  expect(count(browsed.map((s) => s.offer))).toEqual({ new: 975, invalid: 15, skipped: 10 })
  const byPath = new Map(browsed.map((s) => [s.path, s]))
  expect(byPath.get('skills/s-0010')!.reason).toMatch(/^SKILL\.md could not be read: /)
  expect(byPath.get('skills/s-0055')!.reason).toMatch(/^SKILL\.md could not be read: .*/)
  expect(byPath.get('skills/s-0076')!.reason).toBe(
    'Not installed: another folder of this source (extra/s-0076) offers a skill named s-0076.',
  )

  const installed = await t.call('repos.install', { name, skills: ['s-0001'] })
  expect(installed.installed.map((a) => a.name)).toEqual(['s-0001'])
  const two = await t.call('repos.install', { name, skills: ['s-0002', 's-0076'] })
  expect(two.installed.map((a) => [a.name, a.state]).sort()).toEqual([
    ['s-0002', 'pending'],
    ['s-0076', 'pending'],
  ])
  expect(await pending(t)).toBe(3)
  const lock = JSON.parse(readFileSync(join(t.home, 'skilldock.lock.json'), 'utf8')) as {
    skills: Record<string, { source: string; path: string }>
  }
  // The duplicate name installs the folder read first, and the lockfile records that one.
  expect(lock.skills['s-0076']).toMatchObject({ source: name, path: 'extra/s-0076' })
  expect(
    Object.keys(lock.skills)
      .filter((n) => n.startsWith('s-'))
      .sort(),
  ).toEqual(['s-0001', 's-0002', 's-0076'])

  // Installing again, an invalid skill, or a name it does not offer: nothing new is installed.
  const again = await t.call('repos.install', { name, skills: ['s-0002', 'skills/s-0010'] })
  expect(again.installed).toEqual([])
  expect(again.skipped.map((s) => s.name)).toEqual(['s-0002', 'skills/s-0010'])
  expect(again.skipped[1]!.reason).toMatch(/^SKILL\.md could not be read/)
  const unknown = await t.raw('repos.install', { name, skills: ['s-0003', 'no-such-skill'] })
  expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  expect(await pending(t)).toBe(3)

  const after = new Map((await t.call('repos.browse', { name })).map((s) => [s.path, s.offer]))
  for (const p of ['skills/s-0001', 'skills/s-0002', 'extra/s-0076']) expect(after.get(p)).toBe('installed')
  expect(after.get('skills/s-0003')).toBe('new')

  // A re-sync with nothing changed upstream still installs nothing.
  const [resync] = await t.call('repos.sync', { name })
  expect(count(resync!.items.map((i) => (i.status === 'unchanged' ? 'installed' : 'new')))).toEqual({
    installed: 3,
    new: 997,
  })
  expect(await pending(t)).toBe(3)
}

describe('a corpus of 1,000 generated skills', () => {
  const { files, expected } = corpus()

  it('as a local folder pick source: sync lists every skill, installs none; install takes exactly the named ones', async () => {
    const folder = writeTree(tempDir('skilldock-corpus-'), files)
    const t = makeCore()
    const repo = await t.call('repos.add', { name: 'corpus', url: folder, pick: true })
    expect(repo).toMatchObject({ type: 'local', pick: true })
    await checkPickSource(t, 'corpus', expected)
  }, 180_000)

  it('as a git pick source: the same outcomes, at the fetched commit', async () => {
    const upstream = gitRepo(files)
    const t = makeCore()
    await t.call('repos.add', { name: 'corpus-git', url: `file://${upstream}`, ref: 'main', pick: true })
    await checkPickSource(t, 'corpus-git', expected)
    const [report] = await t.call('repos.sync', { name: 'corpus-git' })
    expect(report!.commit).toBe(git(upstream, 'rev-parse', 'HEAD'))
  }, 180_000)

  it('through the CLI: `repo add --pick`, `source sync`, `repo browse`, `repo install` of two names', async () => {
    const folder = tempDir('skilldock-corpus-')
    for (const [path, content] of Object.entries(files)) {
      if (/^skills\/s-00[0-4]\d\//.test(path)) writeTree(folder, { [path]: content })
    }
    const home = tempDir('skilldock-home-')
    const run = (...args: string[]) => cli(['--home', home, ...args])
    expect((await run('repo', 'add', 'few', folder, '--pick')).stdout).toContain('source browse few')
    const sync = await run('source', 'sync', 'few')
    expect(sync.code).toBe(0)
    expect(sync.stdout).toMatch(/offered\s+s-0000/)
    const browse = await run('repo', 'browse', 'few', '--json')
    const offers = browse.json() as SourceSkill[]
    expect(offers).toHaveLength(50)
    expect(offers.find((s) => s.path === 'skills/s-0010')).toMatchObject({ offer: 'invalid' })
    expect(count(offers.map((s) => s.offer))).toEqual({ new: 49, invalid: 1 })
    expect((await run('approvals', '--json')).json()).toEqual([])
    const install = await run('repo', 'install', 'few', 's-0003', 's-0004')
    expect(install.code).toBe(0)
    expect(install.stdout).toContain('s-0003 (pending')
    const inbox = (await run('approvals', '--json')).json() as { skill: string }[]
    expect(inbox.map((a) => a.skill).sort()).toEqual(['s-0003', 's-0004'])
    const none = await run('repo', 'install', 'few')
    expect(none.code).not.toBe(0)
    expect(none.stderr).toContain('Name the skills to install, or pass --all.')
  }, 120_000)
})
