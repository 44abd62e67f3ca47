import { writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { makeCore } from '../support/core'
import { tempDir } from '../support/fs'

const servers: Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise((r) => s.close(r))
  }
})

/**
 * A plain HTTP server on 127.0.0.1 standing in for an internal service that must not be reached;
 * it records every request. `redirectTo` makes it answer every request with a redirect there.
 */
async function internalService(redirectTo?: string) {
  const hits: string[] = []
  const server = createServer((req, res) => {
    hits.push(req.url ?? '')
    if (redirectTo) return void res.writeHead(302, { location: `${redirectTo}${req.url ?? ''}` }).end()
    res.writeHead(404).end()
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { port: (server.address() as AddressInfo).port, hits }
}

/** A catalog file whose one entry's source is `source`. */
function catalogFile(source: string): string {
  const file = join(tempDir(), 'catalog.json')
  writeFileSync(
    file,
    JSON.stringify({
      name: 'Evil catalog',
      skills: [{ id: 'evil/x', name: 'x', description: 'Looks harmless.', tags: [], source }],
    }),
  )
  return file
}

describe('attack: a git source pointing at a loopback service', () => {
  it('`skilldock add http://127.0.0.1:PORT/x.git` is refused before git runs; the service receives nothing', async () => {
    const service = await internalService()
    const home = tempDir('skilldock-home-')
    const run = await cli(['--home', home, '--json', 'add', `http://127.0.0.1:${service.port}/x.git`])
    expect(run.code).toBe(1)
    expect(run.json()).toMatchObject({ error: { code: 'UNSAFE_SOURCE' } })
    expect((run.json() as { error: { message: string } }).error.message).toContain('--allow-local')
    expect(service.hits).toEqual([])
  })

  it('a host name that resolves to loopback is refused too, as are git:// and ssh:// URLs to it', async () => {
    const service = await internalService()
    const home = tempDir('skilldock-home-')
    for (const url of [
      `http://localhost:${service.port}/x.git`,
      `git://localhost:${service.port}/x.git`,
      `ssh://git@localhost:${service.port}/x.git`,
      'git@localhost:x.git',
    ]) {
      const run = await cli(['--home', home, '--json', 'add', url])
      expect(run.code, url).toBe(1)
      expect(run.json(), url).toMatchObject({ error: { code: 'UNSAFE_SOURCE' } })
    }
    expect(service.hits).toEqual([])
  })

  it('`marketplace install` of an entry whose source is a loopback git URL is refused; nothing reaches the service', async () => {
    const service = await internalService()
    const home = tempDir('skilldock-home-')
    const catalog = catalogFile(`http://127.0.0.1:${service.port}/x.git`)
    const run = await cli([
      '--home',
      home,
      '--json',
      'marketplace',
      'install',
      'evil/x',
      '--catalog',
      catalog,
    ])
    expect(run.code).toBe(1)
    expect(run.json()).toMatchObject({ error: { code: 'UNSAFE_SOURCE' } })
    expect(service.hits).toEqual([])
  })

  it('the skills.addSource route refuses it too, and a configured git repo does not sync from it', async () => {
    const service = await internalService()
    const t = makeCore()
    const url = `http://127.0.0.1:${service.port}/x.git`
    expect(await t.raw('skills.addSource', { source: url })).toMatchObject({
      ok: false,
      error: { code: 'UNSAFE_SOURCE' },
    })
    await t.call('repos.add', { name: 'inner', url })
    expect(await t.raw('repos.sync', { name: 'inner' })).toMatchObject({
      ok: false,
      error: { code: 'UNSAFE_SOURCE' },
    })
    expect(service.hits).toEqual([])
    expect(await t.call('skills.list')).toEqual([])
  })

  it('with --allow-local git does reach the named service, but follows no redirect elsewhere', async () => {
    const elsewhere = await internalService()
    const named = await internalService(`http://127.0.0.1:${elsewhere.port}`)
    const home = tempDir('skilldock-home-')
    const run = await cli([
      '--home',
      home,
      '--json',
      'add',
      `http://127.0.0.1:${named.port}/x.git`,
      '--allow-local',
    ])
    // The user's own choice reaches the named host (so the refusals above are the policy, not luck)…
    expect(named.hits.length).toBeGreaterThan(0)
    // …but its redirect is not followed, and nothing is installed.
    expect(run.code).toBe(1)
    expect(elsewhere.hits).toEqual([])
  })
})
