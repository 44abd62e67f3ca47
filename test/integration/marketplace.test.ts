import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeCore, type TestCore } from '../support/core'
import { gitRepo } from '../support/git'
import { skillMd, tempDir } from '../support/fs'

const servers: Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r))
})
/** A real HTTP server on 127.0.0.1 serving fixed bodies by path. */
async function serve(routes: Record<string, string>): Promise<string> {
  const server = createServer((req, res) => {
    const body = routes[req.url ?? '']
    if (body === undefined) return void res.writeHead(404).end()
    res.writeHead(200).end(body)
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const remembered = (t: TestCore) => join(t.home, 'marketplace', 'catalog.json')
const lock = (t: TestCore) =>
  JSON.parse(readFileSync(join(t.home, 'skilldock.lock.json'), 'utf8')) as {
    skills: Record<string, Record<string, unknown>>
  }

async function fixture() {
  const upstream = gitRepo({
    'skills/pdf-tools/SKILL.md': skillMd('pdf-tools', 'Works with PDFs.'),
    'README.md': 'repo',
  })
  const base = await serve({ '/notes/SKILL.md': skillMd('web-notes', 'Notes from the web.') })
  const catalog = {
    name: 'Acme skills',
    skills: [
      {
        id: 'acme/pdf-tools',
        name: 'pdf-tools',
        description: 'Read and fill PDFs.',
        tags: ['pdf', 'documents'],
        source: `file://${upstream}`,
        ref: 'main',
        homepage: 'https://example.com/pdf-tools',
      },
      {
        id: 'acme/web-notes',
        name: 'web-notes',
        description: 'Notes.',
        tags: ['notes'],
        source: `${base}/notes/SKILL.md`,
      },
    ],
  }
  const file = join(tempDir(), 'catalog.json')
  writeFileSync(file, JSON.stringify(catalog))
  return { file, catalog, base }
}

describe('marketplace catalogs', () => {
  it('browses (by tag too), remembers the catalog, shows an entry and installs it into the inbox and the lockfile', async () => {
    const { file } = await fixture()
    const t = makeCore()
    const all = await t.call('marketplace.browse', { catalog: file })
    expect(all.name).toBe('Acme skills')
    expect(all.origin).toBe(file)
    expect(all.skills.map((s) => [s.id, s.tags])).toEqual([
      ['acme/pdf-tools', ['pdf', 'documents']],
      ['acme/web-notes', ['notes']],
    ])
    expect(existsSync(remembered(t))).toBe(true)
    // The remembered catalog answers without --catalog.
    const pdf = await t.call('marketplace.browse', { tag: 'PDF' })
    expect(pdf.skills.map((s) => s.id)).toEqual(['acme/pdf-tools'])
    expect((await t.call('marketplace.browse', { tag: 'nope' })).skills).toEqual([])

    const shown = await t.call('marketplace.show', { id: 'acme/pdf-tools' })
    expect(shown).toMatchObject({ ref: 'main', homepage: 'https://example.com/pdf-tools', catalog: file })

    const installed = await t.call('marketplace.install', { id: 'acme/pdf-tools' })
    expect(installed.skills).toMatchObject([{ name: 'pdf-tools', state: 'pending' }])
    const pending = await t.call('approvals.list', { status: 'pending' })
    expect(pending.map((a) => a.skill)).toContain('pdf-tools')
    expect(lock(t).skills['pdf-tools']).toMatchObject({ sourceType: 'git', ref: 'main' })

    // An http source on loopback needs --allow-local, as with `add`.
    const refused = await t.raw('marketplace.install', { id: 'acme/web-notes' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNSAFE_SOURCE' } })
    const web = await t.call('marketplace.install', { id: 'acme/web-notes', allowLocal: true })
    expect(web.skills).toMatchObject([{ name: 'web-notes', state: 'pending' }])
    expect(lock(t).skills['web-notes']).toMatchObject({ sourceType: 'http' })
  })

  it('says how to list ids for an unknown id, and how to read a catalog when none is remembered', async () => {
    const { file } = await fixture()
    const t = makeCore()
    const none = await t.raw('marketplace.show', { id: 'acme/pdf-tools' })
    expect(none).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(JSON.stringify(none)).toContain('marketplace browse --catalog')
    await t.call('marketplace.browse', { catalog: file })
    const unknown = await t.raw('marketplace.install', { id: 'acme/missing' })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(JSON.stringify(unknown)).toContain('skilldock marketplace browse')
    expect(await t.call('approvals.list', { status: 'pending' })).toEqual([])
  })

  it('refuses a malformed catalog with INVALID_INPUT and keeps the remembered one', async () => {
    const { file, catalog } = await fixture()
    const t = makeCore()
    await t.call('marketplace.browse', { catalog: file })
    const before = readFileSync(remembered(t), 'utf8')
    const dir = tempDir()
    const bad = {
      'not-json.json': '{ "name": "x", ',
      'duplicate.json': JSON.stringify({ ...catalog, skills: [catalog.skills[0], catalog.skills[0]] }),
      'no-source.json': JSON.stringify({
        name: 'x',
        skills: [{ id: 'a/b', name: 'b', description: '', tags: [] }],
      }),
      'local-path.json': JSON.stringify({ name: 'x', skills: [{ id: 'a/b', name: 'b', source: '/etc' }] }),
      'control.json': JSON.stringify({
        name: 'x',
        skills: [{ id: 'a/b', name: 'b\u001b[2J', source: 'https://example.com/x' }],
      }),
    }
    const expected: Record<string, RegExp> = {
      'not-json.json': /not JSON/,
      'duplicate.json': /skills\.1\.id: duplicate id "acme\/pdf-tools"/,
      'no-source.json': /skills\.0\.source/,
      'local-path.json': /skills\.0\.source: a git URL or an http\(s\) URL/,
      'control.json': /skills\.0\.name: no control characters/,
    }
    for (const [name, content] of Object.entries(bad)) {
      writeFileSync(join(dir, name), content)
      const result = await t.raw('marketplace.browse', { catalog: join(dir, name) })
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(result.ok ? '' : result.error.message).toMatch(expected[name]!)
    }
    expect(readFileSync(remembered(t), 'utf8')).toBe(before)
  })

  it('reads a catalog URL on loopback only with allowLocal; such a catalog may not point at file://', async () => {
    const { catalog } = await fixture()
    const base = await serve({ '/catalog.json': JSON.stringify(catalog) })
    const t = makeCore()
    const refused = await t.raw('marketplace.browse', { catalog: `${base}/catalog.json` })
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNSAFE_SOURCE' } })
    expect(existsSync(remembered(t))).toBe(false)
    const view = await t.call('marketplace.browse', { catalog: `${base}/catalog.json`, allowLocal: true })
    expect(view.origin).toBe(`${base}/catalog.json`)
    const local = await t.raw('marketplace.install', { id: 'acme/pdf-tools' })
    expect(local).toMatchObject({ ok: false, error: { code: 'UNSAFE_SOURCE' } })
    expect(await t.call('approvals.list', { status: 'pending' })).toEqual([])
  })
})
