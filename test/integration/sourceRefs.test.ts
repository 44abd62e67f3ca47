import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SyncReport } from '../../src-main/contract/sources'
import { makeCore, type TestCore } from '../support/core'
import { commit, git, gitRepo } from '../support/git'
import { skillMd, tempDir } from '../support/fs'

const lock = (t: TestCore) =>
  JSON.parse(readFileSync(join(t.home, 'skilldock.lock.json'), 'utf8')) as {
    skills: Record<string, Record<string, unknown>>
  }
const items = (report: SyncReport[]) => report[0]!.items.map((i) => [i.name, i.status])
const description = async (t: TestCore, name: string) => (await t.call('skills.get', { name })).description

/**
 * `main` holds alpha; `dev` changes alpha and adds dev-only; the annotated tag `v1` sits on a side
 * branch that moved on after it; `main` moves on last, so none of these refs is the default branch's head.
 */
function repoWithRefs() {
  const upstream = gitRepo({ 'skills/alpha/SKILL.md': skillMd('alpha', 'Alpha on main.') })
  git(upstream, 'checkout', '-q', '-b', 'dev')
  const devHead = commit(
    upstream,
    {
      'skills/alpha/SKILL.md': skillMd('alpha', 'Alpha on dev.'),
      'skills/dev-only/SKILL.md': skillMd('dev-only', 'Only on dev.'),
    },
    'dev',
  )
  git(upstream, 'checkout', '-q', '-b', 'side', 'main')
  const tagged = commit(
    upstream,
    {
      'skills/alpha/SKILL.md': skillMd('alpha', 'Alpha at v1.'),
      'skills/tagged/SKILL.md': skillMd('tagged', 'Only at v1.'),
    },
    'v1',
  )
  git(upstream, 'tag', '-a', 'v1', '-m', 'release v1')
  commit(upstream, { 'skills/after-tag/SKILL.md': skillMd('after-tag', 'After v1.') }, 'after v1')
  git(upstream, 'checkout', '-q', 'main')
  commit(upstream, { 'skills/main-later/SKILL.md': skillMd('main-later', 'Later on main.') }, 'main later')
  return { upstream, devHead, tagged }
}

describe('git refs', () => {
  it('--ref of a branch installs that branch’s skills and records its commit', async () => {
    const { upstream, devHead } = repoWithRefs()
    const t = makeCore()
    await t.call('repos.add', { name: 'up', url: `file://${upstream}`, ref: 'dev' })
    const report = await t.call('repos.sync', { name: 'up' })
    expect(items(report)).toEqual([
      ['alpha', 'installed'],
      ['dev-only', 'installed'],
    ])
    expect(report[0]!.commit).toBe(devHead)
    expect(await description(t, 'alpha')).toBe('Alpha on dev.')
    expect(await t.raw('skills.get', { name: 'main-later' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(lock(t).skills.alpha).toMatchObject({ url: `file://${upstream}`, ref: 'dev', commit: devHead })
    expect(lock(t).skills['dev-only']).toMatchObject({ ref: 'dev', commit: devHead, path: 'skills/dev-only' })
  })

  it('--ref of an annotated tag installs the tagged tree and records the tagged commit, not the tag object', async () => {
    const { upstream, tagged } = repoWithRefs()
    const tagObject = git(upstream, 'rev-parse', 'v1')
    expect(tagObject).not.toBe(tagged)
    const t = makeCore()
    await t.call('repos.add', { name: 'up', url: `file://${upstream}`, ref: 'v1' })
    const report = await t.call('repos.sync', { name: 'up' })
    expect(items(report)).toEqual([
      ['alpha', 'installed'],
      ['tagged', 'installed'],
    ])
    expect(report[0]!.commit).toBe(tagged)
    expect(await description(t, 'alpha')).toBe('Alpha at v1.')
    expect(lock(t).skills.alpha).toMatchObject({ ref: 'v1', commit: tagged })
    expect(lock(t).skills.tagged).toMatchObject({ ref: 'v1', commit: tagged, path: 'skills/tagged' })
  })
})

describe('GitHub tree URLs, fetched for real from a local repository', () => {
  it('installs only the sub-path’s skills; only upstream commits under the sub-path become updates', async () => {
    const upstream = gitRepo({ 'README.md': 'default branch' })
    git(upstream, 'checkout', '-q', '-b', 'release')
    const first = commit(
      upstream,
      {
        'packs/x/alpha/SKILL.md': skillMd('alpha', 'Alpha.'),
        'packs/x/beta/SKILL.md': skillMd('beta', 'Beta.'),
        'packs/y/gamma/SKILL.md': skillMd('gamma', 'Gamma, another pack.'),
        'skills/outside/SKILL.md': skillMd('outside', 'Outside the sub-path.'),
      },
      'packs',
    )
    git(upstream, 'checkout', '-q', 'main')
    // The user's own git configuration (HOME/.gitconfig) points github.com at the local repository:
    // git itself resolves the URL; SkillDock's safety options still apply on top of it.
    const home = tempDir('skilldock-githome-')
    writeFileSync(
      join(home, '.gitconfig'),
      `[url "file://${upstream}"]\n\tinsteadOf = https://github.com/acme/skills.git\n`,
    )
    const t = makeCore({ env: { ...process.env, HOME: home } })
    const url = 'https://github.com/acme/skills/tree/release/packs/x'
    await t.call('repos.add', { name: 'gh', url })

    const synced = await t.call('repos.sync', { name: 'gh' })
    expect(items(synced)).toEqual([
      ['alpha', 'installed'],
      ['beta', 'installed'],
    ])
    expect(synced[0]!.commit).toBe(first)
    for (const name of ['gamma', 'outside'])
      expect(await t.raw('skills.get', { name })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(lock(t).skills.alpha).toMatchObject({
      source: 'gh',
      sourceType: 'git',
      url,
      ref: 'release',
      commit: first,
      path: 'packs/x/alpha',
    })
    expect(lock(t).skills.beta).toMatchObject({ ref: 'release', commit: first, path: 'packs/x/beta' })
    expect((await t.call('repos.browse', { name: 'gh' })).map((s) => [s.name, s.installed])).toEqual([
      ['alpha', true],
      ['beta', true],
    ])

    // A commit outside the sub-path changes nothing SkillDock installed.
    git(upstream, 'checkout', '-q', 'release')
    const outside = commit(
      upstream,
      {
        'packs/y/gamma/SKILL.md': skillMd('gamma', 'Gamma, changed.'),
        'skills/outside/SKILL.md': skillMd('outside', 'Outside, changed.'),
        'packs/x-other/delta/SKILL.md': skillMd('delta', 'A sibling folder whose name starts like x.'),
      },
      'outside',
    )
    const second = await t.call('repos.sync', { name: 'gh' })
    expect(second[0]!.commit).toBe(outside)
    expect(items(second)).toEqual([
      ['alpha', 'unchanged'],
      ['beta', 'unchanged'],
    ])

    // A commit under the sub-path is an update, applied through governance.
    const inside = commit(upstream, { 'packs/x/alpha/SKILL.md': skillMd('alpha', 'Alpha, improved.') }, 'in')
    const third = await t.call('repos.sync', { name: 'gh' })
    expect(items(third)).toEqual([
      ['alpha', 'update-available'],
      ['beta', 'unchanged'],
    ])
    expect(await description(t, 'alpha')).toBe('Alpha.')
    await t.call('skills.update', { name: 'alpha' })
    expect(await description(t, 'alpha')).toBe('Alpha, improved.')
    expect(lock(t).skills.alpha).toMatchObject({
      url,
      ref: 'release',
      commit: inside,
      path: 'packs/x/alpha',
      status: 'unchanged',
    })
  })

  it('a git configuration that rewrites github.com to a command-running transport still runs nothing', async () => {
    const home = tempDir('skilldock-githome-')
    const marker = join(home, 'pwned')
    writeFileSync(
      join(home, '.gitconfig'),
      `[url "ext::sh -c touch% ${marker}"]\n\tinsteadOf = https://github.com/evil/skills.git\n`,
    )
    const t = makeCore({ env: { ...process.env, HOME: home } })
    await t.call('repos.add', { name: 'evil', url: 'https://github.com/evil/skills/tree/main/packs/x' })
    expect(await t.raw('repos.sync', { name: 'evil' })).toMatchObject({
      ok: false,
      error: { code: 'SOURCE_UNREACHABLE', message: expect.stringMatching(/transport 'ext' not allowed/) },
    })
    expect(existsSync(marker)).toBe(false)
  })
})
