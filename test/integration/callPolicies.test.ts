import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { InMemoryTransport } from '@modelcontextprotocol/client'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CallRequest } from '../../src-main/contract/policies'
import { type RunningServer, startServer } from '../../src-main/http/server'
import { skilldockBin } from '../support/build'
import { makeCore, type TestCore } from '../support/core'
import { MemorySecretStore } from '../support/memorySecrets'
import {
  callTool,
  connect,
  type Era,
  ERAS,
  httpClient,
  listAllSkills,
  nextListChanged,
  root,
  text,
  waitForTool,
} from '../support/mcp'

const run = promisify(execFile)
const servers: RunningServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

// The CLI runs as a separate process from the build (the `built` vitest project builds it first).
/** A core over the repository's own bundled skills (the built CLI indexes the same folder). */
async function serve(era: Era) {
  const t: TestCore = makeCore({
    appRoot: root,
    secrets: new MemorySecretStore(),
    supervisor: { startupTimeoutMs: 20_000 },
  })
  const server = await startServer({ core: t.core, port: 0, uiDir: null })
  servers.push(server)
  const connect = async (name: string) => {
    const { token } = await t.call('clients.add', { name })
    return httpClient(server.mcpUrl, token, name, era)
  }
  return { t, server, connect }
}

const convert = {
  skill: 'unit-converter',
  tool: 'convert',
  arguments: { value: 10, from_unit: 'km', to_unit: 'mi' },
}

function waitForPending(t: TestCore): Promise<CallRequest> {
  return vi.waitFor(
    async () => {
      const [first] = await t.call('calls.list', { status: 'pending' })
      if (!first) throw new Error('no call is held for approval yet')
      return first
    },
    { timeout: 20_000, interval: 100 },
  )
}

function auditRows(home: string, client: string): { action: string; outcome: string; detail: string }[] {
  const db = new Database(join(home, 'skilldock.db'), { readonly: true })
  try {
    return db
      .prepare('SELECT action, outcome, detail_json AS detail FROM audit_log WHERE client = ? ORDER BY id')
      .all(client) as { action: string; outcome: string; detail: string }[]
  } finally {
    db.close()
  }
}

describe.each(ERAS)('call policies, roles and rate limits at the MCP endpoint (%s era)', (era) => {
  it('holds a call under requires_approval until the CLI, in another process, approves it', async () => {
    const { t, connect } = await serve(era)
    await t.call('policies.add', { skill: 'unit-*', kind: 'requires_approval', timeoutSeconds: 120 })
    const client = await connect('cursor')
    const pending = callTool(client, 'skill_call', convert)
    const held = await waitForPending(t)
    expect(held).toMatchObject({ skill: 'unit-converter', tool: 'convert', client: 'cursor', origin: 'mcp' })
    expect(held.arguments).toEqual(convert.arguments)
    const approved = await run(
      process.execPath,
      [skilldockBin, '--json', 'calls', 'approve', held.id.slice(0, 8)],
      { env: { ...process.env, SKILLDOCK_HOME: t.home }, timeout: 60_000 },
    )
    expect(JSON.parse(approved.stdout)).toMatchObject({ id: held.id, status: 'approved' })
    const result = await pending
    expect(result.isError).toBeFalsy()
    expect(text(result)).toContain('6.21371')
  }, 120_000)

  it('tells a waiting client so as progress, and expires the held call when the client gives up', async () => {
    const { t, connect: connectHttp } = await serve(era)
    await t.call('policies.add', { skill: 'unit-converter', kind: 'requires_approval', timeoutSeconds: 120 })
    // Progress needs a stream tied to the request: a 2026-07-28 request gets one over HTTP; a 2025-era
    // session answers POSTs with plain JSON, so that era is exercised over an in-memory transport.
    const client =
      era === 'modern'
        ? await connectHttp('cursor')
        : await (async () => {
            const session = t.core.mcp.openSession({ name: 'cursor', mode: 'catalog' })
            const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
            await session.server.connect(serverSide)
            return connect(clientSide, 'cursor')
          })()
    const abort = new AbortController()
    const progress: string[] = []
    const pending = client.callTool(
      { name: 'skill_call', arguments: convert },
      {
        signal: abort.signal,
        onprogress: (p) => progress.push(p.message ?? ''),
      },
    )
    const held = await waitForPending(t)
    await expect
      .poll(() => progress[0], { timeout: 10_000 })
      .toContain('Waiting for a person to approve the call to unit-converter/convert')
    abort.abort()
    await expect(pending).rejects.toThrow()
    await expect
      .poll(async () => (await t.call('calls.list', {}))[0]?.status, { timeout: 10_000 })
      .toBe('expired')
    const late = await t.raw('calls.decide', { id: held.id, approve: true })
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  }, 60_000)

  it('returns a clear error when the call is denied, and another when nobody decides in time', async () => {
    const { t, connect } = await serve(era)
    const policy = await t.call('policies.add', {
      skill: 'unit-converter',
      tool: 'convert',
      kind: 'requires_approval',
    })
    const client = await connect('cursor')
    const pending = callTool(client, 'skill_call', convert)
    const held = await waitForPending(t)
    await t.call('calls.decide', { id: held.id, approve: false, reason: 'not during the audit', by: 'ada' })
    const denied = await pending
    expect(denied.isError).toBe(true)
    expect(text(denied)).toBe('The call to unit-converter/convert was denied by ada: not during the audit')

    await t.call('policies.remove', { id: policy.id })
    await t.call('policies.add', { skill: 'unit-converter', kind: 'requires_approval', timeoutSeconds: 1 })
    const expired = await callTool(client, 'skill_call', convert)
    expect(expired.isError).toBe(true)
    expect(text(expired)).toMatch(
      /^The call to unit-converter\/convert was not approved within 1 second; .*skilldock calls approve/,
    )
    const outcomes = auditRows(t.home, 'cursor')
      .filter((r) => r.action === 'tool.call')
      .map((r) => r.outcome)
    expect(outcomes).toEqual(['denied', 'expired'])
    // Nothing the client sent is kept in the audit log.
    expect(JSON.stringify(auditRows(t.home, 'cursor'))).not.toContain('from_unit')
  }, 60_000)

  it('returns the plan of a dry_run call without starting the skill server', async () => {
    const { t, connect } = await serve(era)
    await t.call('policies.add', { skill: 'text-stats', tool: '*', kind: 'dry_run' })
    const client = await connect('cursor')
    const result = await callTool(client, 'skill_call', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: 'One. Two.' },
    })
    expect(result.isError).toBeFalsy()
    expect(text(result)).toContain('Dry run: the call to text-stats/text_statistics was not executed')
    expect(result.structuredContent).toMatchObject({
      dryRun: true,
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: 'One. Two.' },
      policy: { skill: 'text-stats', tool: '*', kind: 'dry_run' },
    })
    const [status] = await t.call('runtime.status', { name: 'text-stats' })
    expect(status).toMatchObject({ state: 'stopped', pid: null })
    expect(auditRows(t.home, 'cursor').map((r) => r.outcome)).toContain('dry_run')
  }, 60_000)

  it('shows and runs only what a client role allows, and audits a refused call', async () => {
    const { t, server, connect } = await serve(era)
    await t.call('roles.add', { name: 'stats-only', allow: ['text-stats/*'] })
    const reader = await connect('reader')
    // Assigned after the session opened: the role applies at once, and the client is told to re-list.
    const relist = nextListChanged(reader, 'resources')
    await t.call('roles.assign', { client: 'reader', role: 'stats-only' })
    await relist
    const skills = (await listAllSkills(reader)).map((e) => e.uri)
    expect(skills).toEqual(['skill://text-stats/SKILL.md'])
    const search = await callTool(reader, 'skills_search', { query: 'convert miles to kilometers' })
    expect(JSON.stringify(search.structuredContent)).not.toContain('unit-converter')
    const refused = await callTool(reader, 'skill_call', convert)
    expect(refused.isError).toBe(true)
    expect(text(refused)).toContain("Client 'reader' may not call unit-converter/convert")
    const allowed = await callTool(reader, 'skill_call', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: 'One sentence here.' },
    })
    expect(allowed.isError).toBeFalsy()
    const audit = auditRows(t.home, 'reader').filter((r) => r.action === 'tool.call')
    expect(audit[0]).toMatchObject({ outcome: 'denied' })
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({
      tool: 'convert',
      reason: 'permission',
      role: 'stats-only',
    })

    // In direct mode the role narrows tools/list to single tools; a forbidden one is refused, not unknown.
    const { token } = await t.call('clients.add', { name: 'agent', mode: 'direct' })
    await t.call('roles.add', { name: 'convert-only', allow: ['unit-converter/convert'] })
    await t.call('roles.assign', { client: 'agent', role: 'convert-only' })
    const agent = await httpClient(server.mcpUrl, token, 'agent', era)
    const { tools } = await waitForTool(agent, 'unit-converter__convert')
    const names = tools.map((tool) => tool.name)
    expect(names).not.toContain('unit-converter__list_units')
    expect(names.filter((n) => n.includes('__'))).toEqual(['unit-converter__convert'])
    const listUnits = await callTool(agent, 'unit-converter__list_units', {})
    expect(listUnits.isError).toBe(true)
    expect(text(listUnits)).toContain("Client 'agent' may not call unit-converter/list_units")

    // A client without a role keeps seeing everything its exposure allows.
    const other = await connect('other')
    expect((await listAllSkills(other)).map((e) => e.uri)).toContain('skill://unit-converter/SKILL.md')
  }, 60_000)

  it('refuses calls past a per-skill and a per-client rate limit, naming the limit', async () => {
    const { t, connect } = await serve(era)
    await t.call('limits.set', { scope: 'skill', target: 'unit-converter', maxCalls: 2, windowSeconds: 60 })
    const a = await connect('cursor')
    const b = await connect('vscode')
    expect((await callTool(a, 'skill_call', convert)).isError).toBeFalsy()
    expect((await callTool(b, 'skill_call', convert)).isError).toBeFalsy()
    const third = await callTool(a, 'skill_call', convert)
    expect(third.isError).toBe(true)
    expect(text(third)).toMatch(
      /^Rate limit of 2 calls per minute for skill 'unit-converter' reached; try again in \d+ s\.$/,
    )

    await t.call('limits.set', { scope: 'client', target: 'vscode', maxCalls: 1, windowSeconds: 3600 })
    const stats = { skill: 'text-stats', tool: 'text_statistics', arguments: { text: 'Hi there.' } }
    expect((await callTool(b, 'skill_call', stats)).isError).toBeFalsy()
    const refused = await callTool(b, 'skill_call', stats)
    expect(text(refused)).toMatch(
      /^Rate limit of 1 call per hour for client 'vscode' reached; try again in \d+ s\.$/,
    )
    // The other client is not limited by vscode's limit.
    expect((await callTool(a, 'skill_call', stats)).isError).toBeFalsy()
    expect(auditRows(t.home, 'vscode').map((r) => r.outcome)).toContain('rate_limited')
  }, 90_000)
})
