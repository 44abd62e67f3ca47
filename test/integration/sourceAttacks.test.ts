import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tarEntry, tarOf, zipOf } from '../support/archives'
import { makeCore, type TestCore } from '../support/core'
import { skillMd, tempDir } from '../support/fs'

const servers: Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise((r) => s.close(r))
  }
})

/** A real HTTP server on `host` serving fixed routes; counts every request it receives. */
async function serve(
  routes: Record<string, { status?: number; body?: string | Buffer; location?: string }>,
  host = '127.0.0.1',
) {
  const hits: string[] = []
  const server = createServer((req, res) => {
    hits.push(req.url ?? '')
    const route = routes[req.url ?? '']
    if (!route) return void res.writeHead(404).end()
    res.writeHead(route.status ?? 200, route.location ? { location: route.location } : {})
    res.end(route.body ?? '')
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, host, r))
  return { url: `http://${host}:${(server.address() as AddressInfo).port}`, hits }
}

/** Every file and folder under `dir`, relative. */
const tree = (dir: string) =>
  existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : []

/** Nothing installed, nothing cached: the data home holds no trace of a refused source. */
async function expectNothingInstalled(t: TestCore) {
  expect(await t.call('skills.list')).toEqual([])
  expect(tree(join(t.home, 'skills')).filter((p) => !p.startsWith('.git'))).toEqual([])
  expect(tree(join(t.home, 'sources')).filter((p) => !p.endsWith('.meta.json'))).toEqual([])
  expect(existsSync(join(t.home, 'skilldock.lock.json'))).toBe(false)
}

describe('attacks on sources: nothing runs and nothing is written outside the data home', () => {
  it('refuses option-like and remote-helper git URLs and refs before git runs', async () => {
    const outside = tempDir('skilldock-outside-')
    const marker = join(outside, 'x')
    const t = makeCore()
    const urls = [`--upload-pack=touch ${marker}`, `ext::sh -c touch% ${marker}`, '-uX', `fd::3`]
    for (const url of urls) {
      // Guessed type, explicit git type, and the one-off import all refuse it.
      for (const input of [
        { name: 'bad', url },
        { name: 'bad', url, type: 'git' },
      ]) {
        expect(await t.raw('repos.add', input)).toMatchObject({ ok: false, error: { code: 'UNSAFE_SOURCE' } })
      }
      expect(await t.raw('skills.addSource', { source: url })).toMatchObject({
        ok: false,
        error: { code: 'UNSAFE_SOURCE' },
      })
    }
    const upstream = tempDir()
    expect(
      await t.raw('repos.add', {
        name: 'ref',
        url: `file://${upstream}`,
        ref: `--upload-pack=touch ${marker}`,
      }),
    ).toMatchObject({ ok: false, error: { code: 'UNSAFE_SOURCE' } })
    expect(existsSync(marker)).toBe(false)
    expect(tree(outside)).toEqual([])
    expect(await t.call('repos.list')).toEqual([])
    await expectNothingInstalled(t)
  })

  it('refuses archives with ../, absolute paths, symlink-then-write, hardlinks, devices, duplicates and bombs', async () => {
    const outside = tempDir('skilldock-outside-')
    const secret = join(tempDir(), 'secret.txt')
    writeFileSync(secret, 'TOP SECRET')
    const ok = skillMd('ok', 'Looks fine.')
    const zeros = tempDir()
    writeFileSync(join(zeros, 'SKILL.md'), ok)
    writeFileSync(join(zeros, 'zeros.bin'), Buffer.alloc(8 * 1024 * 1024))
    const bomb = join(tempDir(), 'bomb.zip')
    execFileSync('zip', ['-q9', bomb, 'SKILL.md', 'zeros.bin'], { cwd: zeros })
    const archives: Record<string, Buffer> = {
      '/dotdot.tar.gz': tarOf(tarEntry('ok/SKILL.md', ok), tarEntry('../escape.txt', 'x')),
      '/absolute.tar.gz': tarOf(tarEntry('ok/SKILL.md', ok), tarEntry(join(outside, 'abs.txt'), 'x')),
      '/symlink.tar.gz': tarOf(tarEntry('ok/link', '', '2', outside), tarEntry('ok/link/pwned.txt', 'x')),
      '/hardlink.tar.gz': tarOf(tarEntry('ok/SKILL.md', ok), tarEntry('ok/h.txt', '', '1', secret)),
      '/device.tar.gz': tarOf(tarEntry('ok/SKILL.md', ok), tarEntry('ok/null', '', '3')),
      '/duplicate.tar.gz': tarOf(
        tarEntry('ok/SKILL.md', ok),
        tarEntry('ok/SKILL.md', skillMd('ok', 'Evil twin.')),
      ),
      '/duplicate.zip': zipOf([
        ['ok/SKILL.md', ok],
        ['ok/SKILL.md', skillMd('ok', 'Evil twin.')],
      ]),
      '/zipslip.zip': zipOf([
        ['ok/SKILL.md', ok],
        ['../../zipslip.txt', 'x'],
      ]),
      '/bomb.zip': readFileSync(bomb),
    }
    const server = await serve(Object.fromEntries(Object.entries(archives).map(([p, body]) => [p, { body }])))
    const t = makeCore()
    for (const path of Object.keys(archives)) {
      const name = path.slice(1).replace(/\W/g, '-')
      await t.call('repos.add', { name, url: `${server.url}${path}`, allowLocal: true })
      const result = await t.raw('repos.sync', { name })
      expect(result, path).toMatchObject({
        ok: false,
        error: { code: 'UNSAFE_SOURCE', message: expect.stringMatching(/Nothing was extracted/) },
      })
      expect(
        await t.raw('skills.addSource', { source: `${server.url}${path}`, allowLocal: true }),
      ).toMatchObject({
        ok: false,
        error: { code: 'UNSAFE_SOURCE' },
      })
    }
    // Every archive was really fetched (twice), so the refusals above are the extractor's.
    expect(server.hits.length).toBe(Object.keys(archives).length * 2)
    expect((await t.call('repos.list')).map((r) => r.lastStatus)).toEqual(
      Object.keys(archives).map(() => 'error'),
    )
    expect(tree(outside)).toEqual([])
    expect(readFileSync(secret, 'utf8')).toBe('TOP SECRET')
    expect(existsSync(join(t.home, 'escape.txt'))).toBe(false)
    expect(existsSync(join(t.home, '..', 'zipslip.txt'))).toBe(false)
    await expectNothingInstalled(t)
  })

  it('an allowed local source that redirects to another loopback host is refused; the target never hears of it', async () => {
    const target = await serve({ '/SKILL.md': { body: skillMd('inner', 'Internal only.') } }, '127.0.0.2')
    const source = await serve({
      '/elsewhere/SKILL.md': { status: 302, location: `${target.url}/SKILL.md` },
      '/moved/SKILL.md': { status: 301, location: '/real/SKILL.md' },
      '/real/SKILL.md': { body: skillMd('real', 'Same host, followed.') },
    })
    const t = makeCore()
    await t.call('repos.add', { name: 'redir', url: `${source.url}/elsewhere/SKILL.md`, allowLocal: true })
    expect(await t.raw('repos.sync', { name: 'redir' })).toMatchObject({
      ok: false,
      error: { code: 'UNSAFE_SOURCE', message: expect.stringMatching(/127\.0\.0\.2.*--allow-local/) },
    })
    expect(target.hits).toEqual([])
    expect((await t.call('repos.list'))[0]).toMatchObject({ lastStatus: 'error' })
    await expectNothingInstalled(t)
    // A redirect that stays on the host the user allowed is followed.
    await t.call('repos.add', { name: 'moved', url: `${source.url}/moved/SKILL.md`, allowLocal: true })
    const report = await t.call('repos.sync', { name: 'moved' })
    expect(report[0]!.items.map((i) => [i.name, i.status])).toEqual([['real', 'installed']])
  })
})
