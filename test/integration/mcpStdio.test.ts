import type { ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio'
import { afterEach, describe, expect, it } from 'vitest'
import { skilldockBin } from '../support/build'
import { cli } from '../support/cli'
import { tempDir } from '../support/fs'
import { describeInTestKeyring } from '../support/keychain'
import { startServe as startServeProcess } from '../attacks/support/processes'
import {
  callTool,
  connect,
  type Era,
  ERAS,
  httpClient,
  listAllSkills,
  nextListChanged,
  readBytes,
  root,
  text,
} from '../support/mcp'

/**
 * These tests run the built `skilldock` (stdio needs a real process) and use the default keychain
 * service, so they run only inside the throwaway keyring session of test/support/with-keyring.sh.
 */
const bin = skilldockBin

const children: ChildProcess[] = []
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
})

const env = () => ({ ...process.env, SKILLDOCK_HOME: '' }) as Record<string, string>

/** `skilldock mcp` as an MCP client launches it; protocol errors on stdout are collected. */
async function stdioClient(home: string, era: Era, extra: string[] = []) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, '--home', home, 'mcp', ...extra],
    env: env(),
    stderr: 'pipe',
  })
  let stderr = ''
  transport.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
  const client = await connect(transport, 'test-client', era)
  expect(client.getProtocolEra()).toBe(era)
  const protocolErrors: Error[] = []
  transport.onerror = (err) => protocolErrors.push(err)
  return { client, transport, protocolErrors, stderr: () => stderr }
}

/** `skilldock serve` on a free port; resolves with the URLs it printed and an `invoke` of its API. */
async function startServe(home: string) {
  const urls = await startServeProcess(home, children, env())
  const uiToken = new URL(urls.url).hash.replace('#token=', '')
  const invoke = async (route: string, input: unknown) => {
    const res = await fetch(new URL(`/api/invoke/${route}`, urls.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${uiToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    })
    const result = (await res.json()) as { ok: boolean; data: unknown; error?: { message: string } }
    if (!result.ok) throw new Error(`${route}: ${result.error?.message}`)
    return result.data
  }
  return { ...urls, invoke }
}

async function exerciseCatalogTools(client: Awaited<ReturnType<typeof stdioClient>>['client']) {
  const tools = (await client.listTools()).tools.map((t) => t.name)
  expect(tools).toEqual(
    expect.arrayContaining(['skills_search', 'skill_read', 'skill_read_file', 'skill_call', 'skill_request']),
  )
  const found = await callTool(client, 'skills_search', { query: 'convert units' })
  expect((found.structuredContent as { results: { name: string }[] }).results[0]?.name).toBe('unit-converter')
  expect(text(await callTool(client, 'skill_read', { name: 'unit-converter' }))).toContain('# Unit converter')
  const file = await callTool(client, 'skill_read_file', { name: 'unit-converter', path: 'examples.json' })
  expect(text(file)).toBe(readFileSync(join(root, 'skills', 'unit-converter', 'examples.json'), 'utf8'))
  const entry = (await listAllSkills(client)).find((e) => e.uri === 'skill://unit-converter/SKILL.md')
  const skillMd = readFileSync(join(root, 'skills', 'unit-converter', 'SKILL.md'))
  expect(entry?.resources.find((r) => r.uri === entry.uri)?.digest).toBe(
    `sha256:${createHash('sha256').update(skillMd).digest('hex')}`,
  )
  expect((await readBytes(client, 'skill://unit-converter/SKILL.md')).equals(skillMd)).toBe(true)
  const converted = await callTool(client, 'skill_call', {
    skill: 'unit-converter',
    tool: 'convert',
    arguments: { value: 212, from_unit: 'F', to_unit: 'C' },
  })
  expect(converted.isError).toBeFalsy()
  expect(text(converted)).toContain('100')
}

describeInTestKeyring('skilldock mcp over stdio', () => {
  describe.each(ERAS)('%s era', (era) => {
    it('runs SkillDock in-process when no instance is running, with only protocol on stdout', async () => {
      const home = tempDir('skilldock-stdio-')
      const { client, protocolErrors, stderr } = await stdioClient(home, era)
      // A change made by another process (the CLI) reaches the client as list_changed.
      const changed = nextListChanged(client, 'tools')
      expect((await cli(['--home', home, 'disable', 'text-stats'])).code).toBe(0)
      await changed
      expect((await listAllSkills(client)).map((e) => e.uri)).not.toContain('skill://text-stats/SKILL.md')
      await exerciseCatalogTools(client)
      expect(protocolErrors).toEqual([])
      expect(stderr()).not.toContain('"jsonrpc"')
      expect(existsSync(join(home, 'run', 'server.json'))).toBe(false)
    }, 60_000)

    it('bridges to a running serve: same tools, list_changed, direct mode, and clients add tokens', async () => {
      const home = tempDir('skilldock-bridge-')
      const serve = await startServe(home)
      const instance = JSON.parse(readFileSync(join(home, 'run', 'server.json'), 'utf8')) as {
        pid: number
        mcpUrl: string
      }
      expect(instance).toMatchObject({ pid: serve.child.pid, mcpUrl: serve.mcpUrl })

      // A token from `skilldock clients add` connects over HTTP.
      const added = await cli(['--home', home, '--json', 'clients', 'add', 'alice'])
      expect(added.code).toBe(0)
      const alice = await httpClient(serve.mcpUrl, (added.json() as { token: string }).token, 'alice', era)
      expect((await alice.listTools()).tools.length).toBe(5)

      const { client, protocolErrors } = await stdioClient(home, era)
      await exerciseCatalogTools(client)
      const clients = (await serve.invoke('clients.list', {})) as {
        name: string
        lastUsedAt: string | null
      }[]
      expect(clients.find((c) => c.name === 'stdio')?.lastUsedAt).not.toBeNull()

      const changed = nextListChanged(client, 'tools')
      await serve.invoke('skills.setEnabled', { name: 'text-stats', enabled: false })
      await changed

      await serve.invoke('clients.add', { name: 'stdio-direct', mode: 'direct' })
      const direct = await stdioClient(home, era, ['--client', 'stdio-direct'])
      // unit-converter ran above, so its tools are cached; skills that never ran are warmed in the background.
      const names = (await direct.client.listTools()).tools.map((t) => t.name)
      expect(names).toContain('unit-converter__convert')
      const result = await callTool(direct.client, 'unit-converter__convert', {
        value: 1,
        from_unit: 'kg',
        to_unit: 'g',
      })
      expect(text(result)).toContain('1000')
      expect([...protocolErrors, ...direct.protocolErrors]).toEqual([])

      const exited = new Promise((r) => serve.child.once('exit', r))
      serve.child.kill('SIGTERM')
      await exited
      expect(existsSync(join(home, 'run', 'server.json'))).toBe(false)
    }, 120_000)

    it('stays quiet through a long bridged session (2,000 requests, no listener-leak warnings)', async () => {
      const home = tempDir('skilldock-bridge-long-')
      await startServe(home)
      const { client, stderr, protocolErrors } = await stdioClient(home, era)
      for (let i = 0; i < 2000; i++) await client.listTools()
      expect(stderr()).not.toContain('MaxListenersExceededWarning')
      expect(protocolErrors).toEqual([])
      await client.close()
    }, 120_000)
  })
})
