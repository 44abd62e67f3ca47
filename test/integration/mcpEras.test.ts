import type { ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Client } from '@modelcontextprotocol/client'
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { addAndApprove, copyFixture, skilldockJson, startServe, stopAll } from '../attacks/support/processes'
import { ensureBuilt, skilldockBin } from '../support/build'
import { tempDir } from '../support/fs'
import { describeInTestKeyring } from '../support/keychain'
import { callTool, connect, ERAS, httpClient, listAllSkills, readBytes, text } from '../support/mcp'

/**
 * What an external MCP client sees, in each protocol era, from the real `serve` and `skilldock mcp`
 * processes: tools listed on the very first request (direct mode, a skill approved through the CLI
 * whose server is not running), a call of it, and a skill read with its digests.
 */
const children: ChildProcess[] = []
afterEach(async () => {
  await stopAll(children)
})

beforeAll(() => ensureBuilt(), 300_000)

/** A data home with the echo fixture approved through separate CLI processes, and a direct-mode client. */
function approvedHome(): { home: string; dir: string; token: string } {
  const home = tempDir('skilldock-eras-')
  const dir = addAndApprove(home, copyFixture('runtime/echo', 'echo'), 'echo')
  const { token } = skilldockJson<{ token: string }>(home, 'clients', 'add', 'agent', '--mode', 'direct')
  return { home, dir, token }
}

async function expectServed(client: Client, dir: string): Promise<void> {
  // The first request of the connection already lists the skill's tools.
  const tools = (await client.listTools()).tools.map((t) => t.name)
  expect(tools).toContain('echo__echo')
  expect(text(await callTool(client, 'echo__echo', { text: 'both eras' }))).toContain('both eras')
  const entry = (await listAllSkills(client)).find((e) => e.uri === 'skill://echo/SKILL.md')
  const skillMd = readFileSync(join(dir, 'SKILL.md'))
  expect(entry?.resources.find((r) => r.uri === entry.uri)?.digest).toBe(
    `sha256:${createHash('sha256').update(skillMd).digest('hex')}`,
  )
  expect((await readBytes(client, 'skill://echo/SKILL.md')).equals(skillMd)).toBe(true)
}

const stdioClient = (home: string, era: (typeof ERAS)[number]) =>
  connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [skilldockBin, '--home', home, 'mcp', '--client', 'agent'],
      env: { ...process.env, SKILLDOCK_HOME: '' } as Record<string, string>,
      stderr: 'ignore',
    }),
    'agent',
    era,
  )

describeInTestKeyring('an external MCP client in each protocol era', () => {
  describe.each(ERAS)('%s era', (era) => {
    it('over HTTP from serve, and over stdio bridged to it', async () => {
      const { home, dir, token } = approvedHome()
      const serve = await startServe(home, children)
      const overHttp = await httpClient(serve.mcpUrl, token, 'agent', era)
      expect(overHttp.getProtocolEra()).toBe(era)
      await expectServed(overHttp, dir)
      const bridged = await stdioClient(home, era)
      expect(bridged.getProtocolEra()).toBe(era)
      await expectServed(bridged, dir)
    }, 180_000)

    it('over stdio with SkillDock in-process', async () => {
      const { home, dir } = approvedHome()
      const client = await stdioClient(home, era)
      expect(client.getProtocolEra()).toBe(era)
      await expectServed(client, dir)
    }, 180_000)
  })
})
