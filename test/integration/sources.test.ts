import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SyncReport } from '../../src-main/contract/sources'
import { makeCore, type TestCore } from '../support/core'
import { commit, git, gitEnv, gitRepo } from '../support/git'
import { skillMd, tempDir, writeSkill } from '../support/fs'

const lock = (t: TestCore) =>
  JSON.parse(readFileSync(join(t.home, 'skilldock.lock.json'), 'utf8')) as {
    version: number
    skills: Record<string, Record<string, unknown>>
  }
const statusOf = (report: SyncReport[], name: string) => report[0]!.items.find((i) => i.name === name)?.status
const approveAll = async (t: TestCore) => {
  for (const a of await t.call('approvals.list', { status: 'pending' }))
    await t.call('approvals.decide', { id: a.id, approve: true })
}

const servers: Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r))
})
async function serve(routes: Record<string, { status?: number; body?: string | Buffer; location?: string }>) {
  const server = createServer((req, res) => {
    const route = routes[req.url ?? '']
    if (!route) return void res.writeHead(404).end()
    res.writeHead(route.status ?? 200, route.location ? { location: route.location } : {})
    res.end(route.body ?? '')
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('git sources', () => {
  it('adds, syncs, browses; an upstream change becomes an update that goes through governance', async () => {
    const upstream = gitRepo({
      'skills/alpha/SKILL.md': skillMd('alpha', 'Alpha things.'),
      'skills/beta/SKILL.md': skillMd('beta', 'Beta things.'),
      'README.md': 'repo',
    })
    const t = makeCore()
    const repo = await t.call('repos.add', { name: 'up', url: `file://${upstream}`, ref: 'main' })
    expect(repo).toMatchObject({ type: 'git', ref: 'main', lastSyncAt: null })
    const first = await t.call('repos.sync', { name: 'up' })
    expect(first[0]!.items.map((i) => [i.name, i.status, i.state])).toEqual([
      ['alpha', 'installed', 'pending'],
      ['beta', 'installed', 'pending'],
    ])
    const head = git(upstream, 'rev-parse', 'HEAD')
    expect(first[0]!.commit).toBe(head)
    expect(lock(t).skills.alpha).toMatchObject({
      source: 'up',
      sourceType: 'git',
      url: `file://${upstream}`,
      ref: 'main',
      commit: head,
      path: 'skills/alpha',
      status: 'unchanged',
    })
    expect((await t.call('skills.get', { name: 'alpha' })).fingerprint).toBe(
      lock(t).skills.alpha!.fingerprint,
    )
    expect((await t.call('repos.list'))[0]).toMatchObject({ lastStatus: 'ok', lastError: null })
    expect((await t.call('repos.browse', { name: 'up' })).map((s) => [s.name, s.installed])).toEqual([
      ['alpha', true],
      ['beta', true],
    ])
    await approveAll(t)

    // Unchanged → nothing; changed upstream → update available; new → installed; removed → orphaned.
    const second = await t.call('repos.sync', { name: 'up' })
    expect(second[0]!.items.map((i) => i.status)).toEqual(['unchanged', 'unchanged'])
    execFileSync('git', ['-C', upstream, 'rm', '-q', '-r', 'skills/beta'], { env: gitEnv })
    const next = commit(
      upstream,
      {
        'skills/alpha/SKILL.md': skillMd('alpha', 'Alpha things, improved.'),
        'skills/gamma/SKILL.md': skillMd('gamma', 'Gamma things.'),
      },
      'change',
    )
    const third = await t.call('repos.sync', { name: 'up' })
    expect(statusOf(third, 'alpha')).toBe('update-available')
    expect(statusOf(third, 'gamma')).toBe('installed')
    expect(statusOf(third, 'beta')).toBe('orphaned')
    expect((await t.call('skills.get', { name: 'beta' })).state).toBe('active')
    // Sync alone never replaces the installed files.
    expect((await t.call('skills.get', { name: 'alpha' })).description).toBe('Alpha things.')

    const updated = await t.call('skills.update', { name: 'alpha' })
    expect(updated).toEqual([{ name: 'alpha', applied: true, state: 'changed', message: null }])
    const alpha = await t.call('skills.get', { name: 'alpha' })
    expect(alpha.description).toBe('Alpha things, improved.')
    expect(alpha.approval).toMatchObject({ kind: 'update', status: 'pending' })
    expect(lock(t).skills.alpha).toMatchObject({
      commit: next,
      status: 'unchanged',
      fingerprint: alpha.fingerprint,
    })
    await t.call('approvals.decide', { id: alpha.approval!.id, approve: true })
    expect((await t.call('skills.get', { name: 'alpha' })).state).toBe('active')
  })

  it('never overwrites a local edit: the update is refused as a conflict unless forced', async () => {
    const upstream = gitRepo({ 'skills/alpha/SKILL.md': skillMd('alpha', 'Alpha.') })
    const t = makeCore()
    await t.call('repos.add', { name: 'up', url: `file://${upstream}` })
    await t.call('repos.sync', { name: 'up' })
    const local = join(t.home, 'skills', 'alpha', 'SKILL.md')
    writeFileSync(local, skillMd('alpha', 'My local edit.'))
    commit(upstream, { 'skills/alpha/SKILL.md': skillMd('alpha', 'Upstream edit.') }, 'up')
    const report = await t.call('repos.sync', { name: 'up' })
    expect(report[0]!.items[0]).toMatchObject({ name: 'alpha', status: 'conflict' })
    const refused = await t.raw('skills.update', { name: 'alpha' })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/edited locally/) },
    })
    expect(readFileSync(local, 'utf8')).toContain('My local edit.')
    const all = await t.call('skills.update', { all: true })
    expect(all[0]).toMatchObject({ name: 'alpha', applied: false })
    expect(readFileSync(local, 'utf8')).toContain('My local edit.')
    await t.call('skills.update', { name: 'alpha', force: true })
    expect(readFileSync(local, 'utf8')).toContain('Upstream edit.')
  })

  it('fetches a named ref and finds skills where .claude-plugin/marketplace.json says', async () => {
    const upstream = gitRepo({ 'README.md': 'x' })
    git(upstream, 'checkout', '-q', '-b', 'dev')
    commit(
      upstream,
      {
        '.claude-plugin/marketplace.json': JSON.stringify({
          plugins: [
            { name: 'p', source: './plugins/p' },
            { name: 'bad', source: '../../etc' },
          ],
        }),
        'plugins/p/skills/one/SKILL.md': skillMd('one', 'One.'),
        'elsewhere/two/SKILL.md': skillMd('two', 'Two, not listed.'),
      },
      'dev',
    )
    git(upstream, 'checkout', '-q', 'main')
    const t = makeCore()
    await t.call('repos.add', { name: 'mp', url: `file://${upstream}`, ref: 'dev' })
    expect((await t.call('repos.sync', { name: 'mp' }))[0]!.items.map((i) => i.name)).toEqual(['one'])
  })

  it('refuses unsafe URLs before git runs', async () => {
    const t = makeCore()
    const marker = join(tempDir(), 'x')
    for (const url of [`--upload-pack=touch ${marker}`, `ext::sh -c touch% ${marker}`, '-uX', 'fd::17']) {
      const result = await t.raw('repos.add', { name: 'bad', url, type: 'git' })
      expect(result).toMatchObject({ ok: false, error: { code: 'UNSAFE_SOURCE' } })
      const once = await t.raw('skills.addSource', { source: url })
      expect(once).toMatchObject({ ok: false })
    }
    expect(existsSync(marker)).toBe(false)
    expect(await t.call('repos.list')).toEqual([])
  })

  it('runs no hooks, checks out no symlinks and fetches no submodules from a malicious repository', async () => {
    const secret = join(tempDir(), 'secret.txt')
    writeFileSync(secret, 'TOP SECRET')
    const upstream = gitRepo({ 'skills/evil/SKILL.md': skillMd('evil', 'Looks fine.') })
    symlinkSync(secret, join(upstream, 'skills', 'evil', 'leak.txt'))
    const inner = gitRepo({ 'payload.txt': 'submodule payload' })
    execFileSync(
      'git',
      [
        '-C',
        upstream,
        '-c',
        'protocol.file.allow=always',
        'submodule',
        'add',
        '-q',
        `file://${inner}`,
        'skills/evil/sub',
      ],
      { env: gitEnv },
    )
    commit(upstream, {}, 'link + submodule')
    // A global hooks folder whose post-checkout would leave a marker: SkillDock points hooks elsewhere.
    const hooks = tempDir()
    const ran = join(tempDir(), 'hook-ran')
    writeFileSync(join(hooks, 'post-checkout'), `#!/bin/sh\ntouch ${ran}\n`, { mode: 0o755 })
    const userHome = tempDir()
    writeFileSync(join(userHome, '.gitconfig'), `[core]\n\thooksPath = ${hooks}\n`)
    const t = makeCore({ env: { ...process.env, HOME: userHome } })
    await t.call('repos.add', { name: 'evil', url: `file://${upstream}` })
    await t.call('repos.sync', { name: 'evil' })
    expect(existsSync(ran)).toBe(false)
    const installed = join(t.home, 'skills', 'evil')
    const leak = readFileSync(join(installed, 'leak.txt'), 'utf8')
    expect(leak).toBe(secret) // the link's target text, as a plain file — never the secret itself
    expect(existsSync(join(installed, 'sub', 'payload.txt'))).toBe(false)
    // Nothing anywhere in the data home holds the secret's content.
    const files = readdirSync(t.home, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    for (const f of files)
      expect(readFileSync(join(f.parentPath, f.name), 'utf8')).not.toContain('TOP SECRET')
  })
})

describe('local sources', () => {
  it('adds, syncs, browses and removes a folder source; removal keeps skills, orphaned', async () => {
    const folder = tempDir()
    writeSkill(join(folder, 'skills'), 'loc', 'Local one.')
    const t = makeCore()
    await t.call('repos.add', { name: 'mine', url: folder, type: 'local' })
    const report = await t.call('repos.sync', { name: 'mine' })
    expect(report[0]!.items).toEqual([{ name: 'loc', status: 'installed', state: 'pending', message: null }])
    expect((await t.call('repos.browse', { name: 'mine' }))[0]).toMatchObject({
      name: 'loc',
      path: 'skills/loc',
      installed: true,
    })
    expect(lock(t).skills.loc).toMatchObject({ sourceType: 'local', commit: null })
    await t.call('repos.remove', { name: 'mine' })
    expect(await t.call('repos.list')).toEqual([])
    expect((await t.call('skills.get', { name: 'loc' })).state).toBe('pending')
    expect(lock(t).skills.loc!.status).toBe('orphaned')
  })
})

describe('http sources', () => {
  it('syncs a skills index, a direct SKILL.md and an archive from 127.0.0.1 with --allow-local', async () => {
    const packed = tempDir()
    writeSkill(packed, 'zipped', 'From an archive.')
    const archive = join(tempDir(), 'z.tar.gz')
    execFileSync('tar', ['-czf', archive, '-C', packed, 'zipped'])
    const base = await serve({
      '/.well-known/skills/index.json': {
        body: JSON.stringify({ skills: [{ name: 'indexed', files: ['SKILL.md', 'references/r.md'] }] }),
      },
      '/.well-known/skills/indexed/SKILL.md': { body: skillMd('indexed', 'From the index.') },
      '/.well-known/skills/indexed/references/r.md': { body: 'ref' },
      '/direct/SKILL.md': { body: skillMd('direct', 'Direct file.') },
      '/z.tar.gz': { body: readFileSync(archive) },
    })
    const t = makeCore()
    await t.call('repos.add', { name: 'idx', url: base, type: 'http', allowLocal: true })
    await t.call('repos.add', { name: 'md', url: `${base}/direct/SKILL.md`, allowLocal: true })
    await t.call('repos.add', { name: 'arc', url: `${base}/z.tar.gz`, allowLocal: true })
    const reports = await t.call('repos.sync', { all: true })
    expect(reports.map((r) => [r.repo, r.items.map((i) => `${i.name}:${i.status}`)])).toEqual([
      ['arc', ['zipped:installed']],
      ['idx', ['indexed:installed']],
      ['md', ['direct:installed']],
    ])
    expect((await t.call('skills.get', { name: 'indexed' })).files.map((f) => f.path)).toEqual([
      'SKILL.md',
      'references/r.md',
    ])
    expect(lock(t).skills.zipped!.archiveSha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses loopback without --allow-local, redirects to loopback, and SkillDock’s own port always', async () => {
    const base = await serve({ '/SKILL.md': { body: skillMd('x', 'X.') } })
    const t = makeCore()
    await t.call('repos.add', { name: 'noallow', url: `${base}/SKILL.md` })
    expect(await t.raw('repos.sync', { name: 'noallow' })).toMatchObject({
      ok: false,
      error: { code: 'UNSAFE_SOURCE' },
    })
    expect((await t.call('repos.list'))[0]).toMatchObject({
      lastStatus: 'error',
      lastError: expect.stringMatching(/allow-local/),
    })
    // Redirects are re-checked per hop: an allowed local source redirecting to SkillDock's own port.
    const redirector = await serve({
      '/SKILL.md': { status: 302, location: 'http://127.0.0.1:7545/SKILL.md' },
    })
    await t.call('repos.add', { name: 'redir', url: `${redirector}/SKILL.md`, allowLocal: true })
    expect(await t.raw('repos.sync', { name: 'redir' })).toMatchObject({
      ok: false,
      error: { code: 'UNSAFE_SOURCE', message: expect.stringMatching(/own server/) },
    })
    await t.call('repos.add', { name: 'own', url: 'http://127.0.0.1:7545/SKILL.md', allowLocal: true })
    expect(await t.raw('repos.sync', { name: 'own' })).toMatchObject({
      ok: false,
      error: { code: 'UNSAFE_SOURCE', message: expect.stringMatching(/own server/) },
    })
    expect(await t.call('skills.list')).toEqual([])
  })

  it('refuses a traversal archive and installs nothing', async () => {
    const src = tempDir()
    writeSkill(join(src, 'inner'), 'ok', 'Ok.')
    const archive = join(tempDir(), 'bad.tar')
    execFileSync('tar', ['-cf', archive, '-C', join(src, 'inner'), '--transform', 's,^ok,../escape,', 'ok'])
    const base = await serve({ '/bad.tar': { body: readFileSync(archive) } })
    const t = makeCore()
    await t.call('repos.add', { name: 'bad', url: `${base}/bad.tar`, allowLocal: true })
    expect(await t.raw('repos.sync', { name: 'bad' })).toMatchObject({
      ok: false,
      error: { code: 'UNSAFE_SOURCE' },
    })
    expect(existsSync(join(t.home, 'sources', 'escape'))).toBe(false)
    expect(readdirSync(join(t.home, 'sources')).filter((e) => !e.endsWith('.json'))).toEqual([])
  })
})

describe('export', () => {
  it('copies active skills into an agent folder with an origin marker; a second export is idempotent', async () => {
    const t = makeCore()
    await t.call('skills.add', { path: writeSkill(tempDir(), 'exp-one', 'Export me.') })
    await t.call('skills.add', { path: writeSkill(tempDir(), 'exp-two', 'Pending, not exported.') })
    const one = (await t.call('approvals.list', { status: 'pending' })).find((a) => a.skill === 'exp-one')!
    await t.call('approvals.decide', { id: one.id, approve: true })
    const dir = join(tempDir(), '.claude', 'skills')
    mkdirSync(join(dir, 'users-own'), { recursive: true })
    writeFileSync(join(dir, 'users-own', 'SKILL.md'), skillMd('users-own', 'Mine.'))
    const first = await t.call('skills.export', { target: 'claude-code', dir })
    expect(first).toMatchObject({ written: ['exp-one'], unchanged: [], removed: [] })
    expect(readFileSync(join(dir, 'exp-one', 'SKILL.md'), 'utf8')).toContain('Export me.')
    expect(JSON.parse(readFileSync(join(dir, 'exp-one', '.skilldock-origin.json'), 'utf8'))).toMatchObject({
      exportedBy: 'skilldock',
      name: 'exp-one',
    })
    expect(existsSync(join(dir, 'exp-two'))).toBe(false)
    const second = await t.call('skills.export', { target: 'claude-code', dir })
    expect(second).toMatchObject({ written: [], unchanged: ['exp-one'], removed: [] })
    await t.call('skills.setEnabled', { name: 'exp-one', enabled: false })
    const third = await t.call('skills.export', { target: 'claude-code', dir })
    expect(third.removed).toEqual(['exp-one'])
    expect(readdirSync(dir)).toEqual(['users-own'])
  })
})
