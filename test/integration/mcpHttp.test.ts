import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ProtocolError as McpError, ProtocolErrorCode as ErrorCode } from '@modelcontextprotocol/client'
import { SkillsClient } from '@modelcontextprotocol/client/ext/skills'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { RENDITION_META } from '../../src-main/core/server/skillsPublish'
import type { TestCore } from '../support/core'
import {
  callTool,
  DirectoryResult,
  type Era,
  ERAS,
  filesOnDisk,
  frontmatterOnDisk,
  httpClient,
  listAllSkills,
  mcpCore,
  nextListChanged,
  readBytes,
  SkillsGetResult,
  text,
  closeTestServer,
  startTestServer,
} from '../support/mcp'
import { rejection } from '../support/errors'

async function serve(era: Era, t: TestCore = mcpCore()) {
  const server = await startTestServer(t)
  const connect = async (name: string, mode: 'catalog' | 'direct' = 'catalog') => {
    const { token } = await t.call('clients.add', { name, mode })
    return httpClient(server.mcpUrl, token, name, era)
  }
  return { t, server, connect }
}

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

/** What the MCP request rejects with, which must be an MCP protocol error. */
const mcpRejection = (promise: Promise<unknown>) => rejection(promise, McpError)

describe.each(ERAS)('the MCP endpoint over Streamable HTTP (%s era)', (era) => {
  it('declares tools, resources, prompts and the skills extension at initialize', async () => {
    const { connect } = await serve(era)
    const client = await connect('cursor')
    const caps = client.getServerCapabilities()
    expect(caps?.extensions?.['io.modelcontextprotocol/skills']).toEqual({ directoryRead: true })
    expect(caps?.resources).toBeDefined()
    expect(caps?.tools?.listChanged).toBe(true)
    expect(client.getServerVersion()?.name).toBe('skilldock')
    const tools = (await client.listTools()).tools.map((t) => t.name).sort()
    expect(tools).toEqual(['skill_call', 'skill_read', 'skill_read_file', 'skill_request', 'skills_search'])
  })

  it('walks skills/list and skills/get and reads every listed file with its digest, size and frontmatter', async () => {
    const { t, connect } = await serve(era)
    const client = await connect('inspector')
    const entries = await listAllSkills(client)
    expect(entries.map((e) => e.uri).sort()).toEqual(
      ['field-notes', 'text-stats', 'unit-converter'].map((n) => `skill://${n}/SKILL.md`),
    )
    for (const entry of entries) {
      const name = String(entry.frontmatter.name)
      expect(entry.uri).toBe(`skill://${name}/SKILL.md`)
      const dir = join(t.builtin, name)
      // field-notes nests a list in `metadata`, which an entry cannot carry: its SKILL.md is served
      // with metadata values as strings, everything else as on disk.
      const rendition = name === 'field-notes'
      const meta = (entry as { _meta?: Record<string, unknown> })._meta
      expect(meta?.[RENDITION_META] !== undefined).toBe(rendition)
      const onDiskFrontmatter = frontmatterOnDisk(join(dir, 'SKILL.md')) as Record<string, unknown>
      expect(entry.frontmatter).toEqual(
        rendition
          ? { ...onDiskFrontmatter, metadata: { author: 'Ada', levels: '[1,2]' } }
          : onDiskFrontmatter,
      )
      // Complete: every file on disk, each once.
      expect(entry.resources.map((r) => r.uri).sort()).toEqual(
        filesOnDisk(dir)
          .map((p) => `skill://${name}/${p}`)
          .sort(),
      )
      for (const resource of entry.resources) {
        const onDisk = readFileSync(join(dir, resource.uri.slice(`skill://${name}/`.length)))
        const served = await readBytes(client, resource.uri)
        expect(resource.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
        expect(resource.digest).toBe(sha256(served))
        expect(resource.size).toBe(served.length)
        if (rendition && resource.uri === entry.uri) {
          expect(served.toString('utf8')).toContain('  levels: "[1,2]"\n')
          expect(served.toString('utf8').split('\n---\n')[1]).toBe(
            onDisk.toString('utf8').split('\n---\n')[1],
          )
        } else {
          expect(served.equals(onDisk)).toBe(true)
        }
      }
      const got = await client.request({ method: 'skills/get', params: { uri: entry.uri } }, SkillsGetResult)
      expect(got.skill).toEqual(entry)
      expect(got.cacheScope).toBe(era === 'modern' ? 'private' : undefined)
    }
    // The binary asset and the BOM + CRLF text come back byte for byte.
    const notes = entries.find((e) => e.frontmatter.name === 'field-notes')
    expect(notes?.resources.map((r) => r.uri)).toContain('skill://field-notes/assets/logo.png')
  })

  it("passes the v2 SDK's own skills client: every entry valid, every file verified", async () => {
    const { connect } = await serve(era)
    const skills = new SkillsClient(await connect('inspector'))
    expect(skills.supported).toBe(true)
    const listing = await skills.list()
    expect(listing.invalid).toEqual([])
    expect(listing.skills.map((s) => s.frontmatter.name).sort()).toEqual([
      'field-notes',
      'text-stats',
      'unit-converter',
    ])
    if (era === 'modern') expect(listing).toMatchObject({ ttlMs: 30_000, cacheScope: 'private' })
    for (const skill of listing.skills) {
      if (skill.resources === 'dynamic') throw new Error(`${skill.uri} is dynamic`)
      for (const resource of skill.resources) {
        const file = await skills.read(skill, resource.uri)
        expect(file.verified).toBe(true)
        if (resource.uri === skill.uri) expect(file.frontmatter).toEqual(skill.frontmatter)
      }
    }
  })

  it('answers -32602 for skills and resources it does not serve, and lists directories', async () => {
    const { connect } = await serve(era)
    const client = await connect('inspector')
    for (const uri of [
      'skill://nope/SKILL.md',
      'skill://field-notes/references/GUIDE.md',
      'https://x/SKILL.md',
    ]) {
      const err = await mcpRejection(
        client.request({ method: 'skills/get', params: { uri } }, SkillsGetResult),
      )
      expect(err.code).toBe(ErrorCode.InvalidParams)
    }
    expect(
      (await mcpRejection(client.request({ method: 'skills/get', params: {} }, SkillsGetResult))).code,
    ).toBe(ErrorCode.InvalidParams)
    for (const uri of ['skill://field-notes/missing.md', 'skill://field-notes/../unit-converter/SKILL.md']) {
      expect((await mcpRejection(client.readResource({ uri }))).code).toBe(ErrorCode.InvalidParams)
    }
    const rootDir = await client.request(
      { method: 'resources/directory/read', params: { uri: 'skill://field-notes' } },
      DirectoryResult,
    )
    expect(rootDir.resources.map((r) => [r.uri, r.mimeType])).toEqual([
      ['skill://field-notes/SKILL.md', 'text/markdown'],
      ['skill://field-notes/assets', 'inode/directory'],
      ['skill://field-notes/references', 'inode/directory'],
      ['skill://field-notes/scripts', 'inode/directory'],
    ])
    const refs = await client.request(
      { method: 'resources/directory/read', params: { uri: 'skill://field-notes/references' } },
      DirectoryResult,
    )
    expect(refs.resources.map((r) => r.uri)).toEqual([
      'skill://field-notes/references/GUIDE.md',
      'skill://field-notes/references/deep',
    ])
    const notDir = await mcpRejection(
      client.request(
        { method: 'resources/directory/read', params: { uri: 'skill://field-notes/SKILL.md' } },
        DirectoryResult,
      ),
    )
    expect(notDir.code).toBe(ErrorCode.InvalidParams)
    expect(notDir.message).toContain('not a directory')
  })

  it('serves search, read, read-file and a bundled tool call in catalog mode', async () => {
    const { connect } = await serve(era)
    const client = await connect('claude-code')
    const found = await callTool(client, 'skills_search', { query: 'convert miles to kilometers' })
    const results = (found.structuredContent as { results: { name: string }[] }).results
    expect(results[0]?.name).toBe('unit-converter')
    const read = await callTool(client, 'skill_read', { name: 'unit-converter' })
    expect(text(read)).toContain('# Unit converter')
    expect(text(read)).toContain('skill.py')
    const file = await callTool(client, 'skill_read_file', {
      name: 'field-notes',
      path: 'references/GUIDE.md',
    })
    expect(text(file)).toBe(FIELD_GUIDE)
    const converted = await callTool(client, 'skill_call', {
      skill: 'unit-converter',
      tool: 'convert',
      arguments: { value: 10, from_unit: 'km', to_unit: 'mi' },
    })
    expect(converted.isError).toBeFalsy()
    expect(text(converted)).toContain('6.21371')
    const prompts = (await client.listPrompts()).prompts.map((p) => p.name)
    expect(prompts).toContain('field-notes')
    const prompt = await client.getPrompt({ name: 'field-notes', arguments: { task: 'log a heron' } })
    expect(JSON.stringify(prompt.messages)).toContain('Read references/GUIDE.md first')
  })

  it('refuses path traversal in skill_read_file', async () => {
    const { connect } = await serve(era)
    const client = await connect('claude-code')
    for (const path of [
      '../unit-converter/SKILL.md',
      '/etc/passwd',
      'references/../../x',
      '..\\SKILL.md',
      'C:/x',
    ]) {
      const result = await callTool(client, 'skill_read_file', { name: 'field-notes', path })
      expect(result.isError, path).toBe(true)
      expect(text(result)).toMatch(/^Refused/)
    }
  })

  it('lists each skill tool as <skill>__<tool> in direct mode on the very first request, for skills that never ran', async () => {
    const { t, connect } = await serve(era)
    expect((await t.call('runtime.status', {})).filter((s) => s.state === 'running')).toEqual([])
    const client = await connect('agent', 'direct')
    const tools = (await client.listTools()).tools
    const convert = tools.find((tool) => tool.name === 'unit-converter__convert')
    expect(convert?.inputSchema.type).toBe('object')
    expect(convert?.description).toContain('[unit-converter]')
    expect(tools.map((tool) => tool.name)).toContain('text-stats__text_statistics')
    for (const tool of tools) expect(tool.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/)
    const result = await callTool(client, 'unit-converter__convert', {
      value: 1,
      from_unit: 'mi',
      to_unit: 'km',
    })
    expect(text(result)).toContain('1.609344')
  }, 60_000)

  it('sends list_changed when a skill is disabled, and the skill disappears everywhere', async () => {
    const { t, connect } = await serve(era)
    const client = await connect('cursor')
    const tools = nextListChanged(client, 'tools')
    const resources = nextListChanged(client, 'resources')
    await t.call('skills.setEnabled', { name: 'text-stats', enabled: false })
    await Promise.all([tools, resources])
    expect((await listAllSkills(client)).map((e) => e.uri)).not.toContain('skill://text-stats/SKILL.md')
    const search = await callTool(client, 'skills_search', { query: 'text stats words' })
    expect(JSON.stringify(search.structuredContent)).not.toContain('text-stats')
    const call = await callTool(client, 'skill_call', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: 'Hi.' },
    })
    expect(call.isError).toBe(true)
  })

  it(
    era === 'legacy'
      ? 'gives every session its own server and closes them all when the server stops'
      : 'keeps no session for 2026-07-28 clients: every request is answered on its own',
    async () => {
      const { t, server, connect } = await serve(era)
      const alice = await connect('alice')
      await connect('bob')
      expect(t.core.mcp.sessionCount).toBe(era === 'legacy' ? 2 : 0)
      expect((await alice.listTools()).tools).toHaveLength(5)
      await closeTestServer(server)
      expect(t.core.mcp.sessionCount).toBe(0)
    },
  )

  it('hands out configurations whose token connects', async () => {
    const { t, server } = await serve(era)
    const config = await t.call('mcp.config', { client: 'vscode' })
    const entry = (
      JSON.parse(config.text) as { servers: Record<string, { url: string; headers: Record<string, string> }> }
    ).servers.skilldock
    expect(entry?.url).toBe('http://127.0.0.1:7545/mcp')
    const token = entry?.headers.Authorization?.replace('Bearer ', '') ?? ''
    const client = await httpClient(server.mcpUrl, token, 'vscode', era)
    expect((await client.listTools()).tools).toHaveLength(5)
    expect((await t.call('clients.list', {})).map((c) => c.name)).toEqual(['vscode'])
  })

  it('records a capability gap with skill_request, de-duplicated, and approves nothing', async () => {
    const { t, connect } = await serve(era)
    const before = await t.call('skills.list', {})
    const client = await connect('claude-code')
    const first = await callTool(client, 'skill_request', {
      capability: 'Convert HEIC images to PNG',
      context: 'photos',
    })
    const second = await callTool(client, 'skill_request', {
      capability: 'a tool to convert heic images to png!',
    })
    const a = first.structuredContent as { id: string; created: boolean; status: string }
    const b = second.structuredContent as { id: string; created: boolean; occurrences: number }
    expect(a).toMatchObject({ created: true, status: 'open' })
    expect(b).toMatchObject({ id: a.id, created: false, occurrences: 2 })
    const db = new Database(join(t.home, 'skilldock.db'), { readonly: true })
    const rows = db.prepare('SELECT requester, trigger, context FROM gaps').all()
    db.close()
    expect(rows).toEqual([{ requester: 'claude-code', trigger: 'mcp', context: 'photos' }])
    expect(await t.call('skills.list', {})).toEqual(before)
  })
})

const FIELD_GUIDE = '# Guide\n\nWrite one note per sighting.\n'
