import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SyncReport } from '../../src-main/contract/sources'
import { KeychainSecretStore } from '../../src-main/core/secrets/keychainStore'
import { SECRET_SCOPE } from '../../src-main/core/secrets/secretStore'
import { parseMcpTarget, toolSkillName } from '../../src-main/core/sources/mcpFetcher'
import { repoSecretScope } from '../../src-main/core/sources/sourceService'
import { makeCore, type TestCore } from '../support/core'

const fixture = join(__dirname, '..', 'fixtures', 'mcp-source', 'server.mjs')
const command = (...args: string[]) =>
  [process.execPath, fixture, ...args].map((a) => JSON.stringify(a)).join(' ')
const items = (report: SyncReport[]) => report[0]!.items.map((i) => [i.name, i.status])
const lock = (t: TestCore) =>
  JSON.parse(readFileSync(join(t.home, 'skilldock.lock.json'), 'utf8')) as {
    skills: Record<string, Record<string, unknown>>
  }
const approveAll = async (t: TestCore) => {
  for (const a of await t.call('approvals.list', { status: 'pending' }))
    await t.call('approvals.decide', { id: a.id, approve: true })
}

const children: { kill(): boolean }[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill()
})
/** The fixture over Streamable HTTP on 127.0.0.1; resolves with its URL. */
async function httpServer(mode: 'skills' | 'tools' = 'skills'): Promise<string> {
  const child = spawn(process.execPath, [fixture, mode, '--http'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()))
    child.once('exit', () => reject(new Error('the fixture server exited')))
  })
}

describe('mcp sources', () => {
  it('parses URLs, JSON and command lines', () => {
    expect(parseMcpTarget('https://example.com/mcp')).toEqual({
      kind: 'http',
      url: 'https://example.com/mcp',
    })
    expect(parseMcpTarget('{"command":"node","args":["a b.js"]}')).toEqual({
      kind: 'stdio',
      command: 'node',
      args: ['a b.js'],
    })
    expect(parseMcpTarget(`node "a b.js" --x 'y z'`)).toEqual({
      kind: 'stdio',
      command: 'node',
      args: ['a b.js', '--x', 'y z'],
    })
    expect(toolSkillName('My.Server', 'add_Numbers')).toBe('my-server-add-numbers')
  })

  it('imports SEP-2640 skills with verified files; a tampered digest is refused and nothing of it is written', async () => {
    const t = makeCore()
    const repo = await t.call('repos.add', {
      name: 'remote',
      url: command('skills', '--tamper'),
      type: 'mcp',
    })
    expect(repo.type).toBe('mcp')
    const report = await t.call('repos.sync', { name: 'remote' })
    expect(items(report)).toEqual([
      ['mcp-alpha', 'installed'],
      ['mcp-beta', 'skipped'],
    ])
    const beta = report[0]!.items.find((i) => i.name === 'mcp-beta')!
    expect(beta.message).toMatch(/does not match its listed digest.*nothing was written/)
    const alpha = (await t.call('skills.list', {})).find((s) => s.name === 'mcp-alpha')
    expect(alpha).toBeDefined()
    expect(readFileSync(join(t.home, 'skills', 'mcp-alpha', 'notes.txt'), 'utf8')).toBe(
      'Notes of mcp-alpha.\n',
    )
    expect((await t.call('skills.list', {})).some((s) => s.name === 'mcp-beta')).toBe(false)
    expect(existsSync(join(t.home, 'skills', 'mcp-beta'))).toBe(false)
    expect(lock(t).skills['mcp-alpha']).toMatchObject({ source: 'remote', sourceType: 'mcp' })
    expect(lock(t).skills['mcp-beta']).toBeUndefined()
    // Browse lists the refused skill too, as skipped with the reason, so the user sees why.
    const browsed = await t.call('repos.browse', { name: 'remote' })
    expect(browsed.map((s) => [s.name, s.offer])).toEqual([
      ['mcp-alpha', 'installed'],
      ['mcp-beta', 'skipped'],
    ])
    expect(browsed[1]!.reason).toMatch(/does not match its listed digest/)

    // The same skill from a second server does not shadow the first: it is refused, naming both.
    await t.call('repos.add', { name: 'other', url: command('skills'), type: 'mcp' })
    const second = await t.call('repos.sync', { name: 'other' })
    const clash = second[0]!.items.find((i) => i.name === 'mcp-alpha')!
    expect(clash.status).toBe('skipped')
    expect(clash.message).toMatch(/CONFLICT.*installed from remote.*not installed from other/)
    expect(lock(t).skills['mcp-alpha']).toMatchObject({ source: 'remote' })
    expect(items(second)).toContainEqual(['mcp-beta', 'installed'])
  }, 60_000)

  it('turns the tools of a server without the extension into skills whose calls are proxied', async () => {
    const t = makeCore({ supervisor: { backoffBaseMs: 50, startupTimeoutMs: 10_000 } })
    await t.call('repos.add', { name: 'plain', url: command('tools'), type: 'mcp' })
    const report = await t.call('repos.sync', { name: 'plain' })
    expect(items(report)).toEqual([
      ['plain-add-numbers', 'installed'],
      ['plain-shout', 'installed'],
    ])
    const skill = (await t.call('skills.list', {})).find((s) => s.name === 'plain-shout')!
    expect(skill.description).toBe('Shouts the text back in capitals.')
    await approveAll(t)
    const result = await t.call('runtime.call', {
      name: 'plain-shout',
      tool: 'shout',
      arguments: { text: 'proxied' },
    })
    expect(result.content.map((c) => String(c.text ?? '')).join('')).toBe('PROXIED')
  }, 60_000)

  it('imports from a Streamable HTTP server with a bearer token from the keychain, only with --allow-local', async () => {
    const url = await httpServer()
    const secrets = new KeychainSecretStore({ service: `SkillDock-test-${randomBytes(4).toString('hex')}` })
    await secrets.set('repo:web', 'token', 'secret-token')
    try {
      const t = makeCore({ secrets })
      await t.call('repos.add', { name: 'web', url, type: 'mcp', allowLocal: true })
      const report = await t.call('repos.sync', { name: 'web' })
      expect(items(report)).toEqual([
        ['mcp-alpha', 'installed'],
        ['mcp-beta', 'installed'],
      ])
      expect(lock(t).skills['mcp-beta']).toMatchObject({ source: 'web', sourceType: 'mcp', url })

      await t.call('repos.add', { name: 'nolocal', url, type: 'mcp' })
      const refused = await t.raw('repos.sync', { name: 'nolocal' })
      expect(refused).toMatchObject({ ok: false, error: { code: 'UNSAFE_SOURCE' } })
    } finally {
      await secrets.delete('repo:web', 'token')
    }
  }, 60_000)

  it('proxies the tools of a Streamable HTTP server without the extension, with the token kept in the keychain', async () => {
    const url = await httpServer('tools')
    const secrets = new KeychainSecretStore({ service: `SkillDock-test-${randomBytes(4).toString('hex')}` })
    const name = 'Web.Tools'
    const proxies = ['web-tools-add-numbers', 'web-tools-shout']
    try {
      const t = makeCore({ secrets, supervisor: { backoffBaseMs: 50, startupTimeoutMs: 10_000 } })
      await t.call('repos.add', { name, url, type: 'mcp', allowLocal: true })
      // The server wants a token: without one the sync fails and nothing is installed.
      expect(await t.raw('repos.sync', { name })).toMatchObject({
        ok: false,
        error: { code: 'SOURCE_UNREACHABLE' },
      })
      expect(await t.call('repos.setToken', { name, token: 'tools-token' })).toEqual({ name, stored: true })
      expect(await secrets.get(repoSecretScope(name), 'token')).toBe('tools-token')
      const report = await t.call('repos.sync', { name })
      expect(items(report)).toEqual(proxies.map((p) => [p, 'installed']))
      const shout = (await t.call('skills.list', {})).find((s) => s.name === 'web-tools-shout')!
      expect(shout.description).toBe('Shouts the text back in capitals.')
      // The server is on this machine's loopback, which the OS sandbox's network namespace cannot
      // reach; the user who added it with --allow-local approves its proxies as monitored.
      for (const a of await t.call('approvals.list', { status: 'pending' }))
        await t.call('approvals.decide', { id: a.id, approve: true, trust: 'monitored' })
      const text = async (skill: string, tool: string, args: Record<string, unknown>) =>
        (await t.call('runtime.call', { name: skill, tool, arguments: args })).content
          .map((c) => String(c.text ?? ''))
          .join('')
      expect(await text('web-tools-shout', 'shout', { text: 'over http' })).toBe('OVER HTTP')
      expect(await text('web-tools-add-numbers', 'add_numbers', { a: 2, b: 3 })).toBe('5')
      // The token is in the keychain only: no file in the data home holds it.
      const files = readdirSync(t.home, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
      for (const f of files)
        expect(readFileSync(join(f.parentPath, f.name)).includes('tools-token')).toBe(false)
      // Only MCP sources over HTTP take a token.
      await t.call('repos.add', { name: 'stdio', url: command('tools'), type: 'mcp' })
      expect(await t.raw('repos.setToken', { name: 'stdio', token: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
      await t.call('repos.remove', { name })
      expect(await secrets.get(repoSecretScope(name), 'token')).toBeNull()
    } finally {
      await secrets.delete(repoSecretScope(name), 'token')
      for (const p of proxies) await secrets.delete(`skill:${p}`, 'MCP_BEARER_TOKEN')
    }
  }, 90_000)

  it('maps every repo name to a keychain scope of its own', () => {
    expect(repoSecretScope('web')).toBe('repo:web')
    const scopes = ['Web', 'web.tools', 'web_tools', 'Web.Tools', 'web-tools', '_x', '..'].map(
      repoSecretScope,
    )
    expect(new Set(scopes).size).toBe(scopes.length)
    for (const scope of scopes) expect(scope).toMatch(SECRET_SCOPE)
  })

  it("refuses a skill whose SKILL.md frontmatter differs from its entry's", async () => {
    const t = makeCore()
    await t.call('repos.add', { name: 'liar', url: command('skills', '--lie'), type: 'mcp' })
    const report = await t.call('repos.sync', { name: 'liar' })
    expect(items(report)).toEqual([
      ['mcp-alpha', 'installed'],
      ['mcp-beta', 'skipped'],
    ])
    expect(report[0]!.items[1]!.message).toMatch(/frontmatter does not match/)
    expect(existsSync(join(t.home, 'skills', 'mcp-beta'))).toBe(false)
  }, 60_000)

  it('refuses a skill whose entry the SDK finds invalid, saying why, and imports the others', async () => {
    const t = makeCore()
    await t.call('repos.add', { name: 'nested', url: command('skills', '--invalid'), type: 'mcp' })
    const report = await t.call('repos.sync', { name: 'nested' })
    expect(items(report)).toEqual([
      ['mcp-alpha', 'installed'],
      ['mcp-beta', 'skipped'],
    ])
    expect(report[0]!.items[1]!.message).toMatch(/entry is invalid \(.*metadata must map strings to strings/)
    expect(existsSync(join(t.home, 'skills', 'mcp-beta'))).toBe(false)
  }, 60_000)

  it('refuses a malformed JSON server', async () => {
    const t = makeCore()
    const result = await t.raw('repos.add', { name: 'bad', url: '{"cmd": 1}', type: 'mcp' })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})
