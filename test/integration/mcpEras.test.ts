import type { ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Client } from '@modelcontextprotocol/client'
import { SkillsClient } from '@modelcontextprotocol/client/ext/skills'
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

/**
 * A data home with the echo fixture approved through separate CLI processes, and a direct-mode client.
 * Its SKILL.md nests a map in `metadata`, as SkillDock's own skills do (metadata.skilldock).
 */
function approvedHome(): { home: string; dir: string; token: string } {
  const home = tempDir('skilldock-eras-')
  const source = copyFixture('runtime/echo', 'echo')
  const skillMd = readFileSync(join(source, 'SKILL.md'), 'utf8')
  writeFileSync(
    join(source, 'SKILL.md'),
    skillMd.replace('\n---\n', '\nmetadata:\n  author: Ada\n  skilldock:\n    timeoutSeconds: 30\n---\n'),
  )
  const dir = addAndApprove(home, source, 'echo')
  const { token } = skilldockJson<{ token: string }>(home, 'clients', 'add', 'agent', '--mode', 'direct')
  return { home, dir, token }
}

async function expectServed(client: Client, dir: string): Promise<void> {
  // The first request of the connection already lists the skill's tools.
  const tools = (await client.listTools()).tools.map((t) => t.name)
  expect(tools).toContain('echo__echo')
  expect(text(await callTool(client, 'echo__echo', { text: 'both eras' }))).toContain('both eras')
  const entry = (await listAllSkills(client)).find((e) => e.uri === 'skill://echo/SKILL.md')
  // The nested metadata is published as strings (what a SEP-2640 entry can carry); the digest is
  // of the bytes served, and everything after the frontmatter is the file's own.
  expect(entry?.frontmatter.metadata).toEqual({ author: 'Ada', skilldock: '{"timeoutSeconds":30}' })
  const served = await readBytes(client, 'skill://echo/SKILL.md')
  expect(entry?.resources.find((r) => r.uri === entry.uri)?.digest).toBe(
    `sha256:${createHash('sha256').update(served).digest('hex')}`,
  )
  const body = (text: Buffer) => text.toString('utf8').split('\n---\n')[1]
  expect(body(served)).toBe(body(readFileSync(join(dir, 'SKILL.md'))))
  // The v2 SDK's skills client accepts every entry and verifies every file (size, digest, frontmatter).
  const skills = new SkillsClient(client)
  const listing = await skills.list()
  expect(listing.invalid).toEqual([])
  const echo = listing.skills.find((s) => s.uri === 'skill://echo/SKILL.md')
  if (!echo || echo.resources === 'dynamic') throw new Error('echo is not listed with its files')
  for (const resource of echo.resources) expect((await skills.read(echo, resource.uri)).verified).toBe(true)
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
