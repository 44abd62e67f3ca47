import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join, resolve } from 'node:path'
import {
  type CallToolResult,
  Client,
  StreamableHTTPClientTransport,
  type Transport,
} from '@modelcontextprotocol/client'
import Database from 'better-sqlite3'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { afterEach } from 'vitest'
import { type RunningServer, startServer } from '../../src-main/http/server'
import { makeCore, type TestCore } from './core'
import { tempDir, writeTree } from './fs'
import { MemorySecretStore } from './memorySecrets'

export const root = resolve(__dirname, '..', '..')

export { keychainReady } from './keychain'

/** A skill with every kind of file: nested folders, a binary asset, a BOM + CRLF text, rich frontmatter. */
export const FIELD_NOTES = {
  'SKILL.md':
    '---\nname: field-notes\ndescription: Keeps field notes about birds and their habitats.\nlicense: MIT\n' +
    'version: "1.2.0"\ntags:\n  - birds\n  - notes\nmetadata:\n  author: Ada\n  levels: [1, 2]\n---\n' +
    '# Field notes\n\nRead references/GUIDE.md first, then pick a template from assets/.\n',
  'references/GUIDE.md': '# Guide\n\nWrite one note per sighting.\n',
  'references/deep/ranks.md': '- sparrow\n- heron\n',
  'scripts/tally.py': 'print("tally")\n',
  'assets/bom.txt': '\uFEFFline one\r\nline two\r\n',
}
/** Bytes that are not UTF-8 (served as a blob). */
export const BINARY_ASSET = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x10, 0x80])

const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close().catch(() => undefined)
})

/**
 * A core whose bundled skills are copies of real bundled skills plus `field-notes`,
 * with the real Python runtime. Client tokens live in memory: these suites are about the endpoint,
 * not the keychain, so they run on every machine.
 */
export function mcpCore(bundled: string[] = ['unit-converter', 'text-stats']): TestCore {
  const appRoot = tempDir('skilldock-mcp-')
  for (const name of bundled) {
    cpSync(join(root, 'skills', name), join(appRoot, 'skills', name), {
      recursive: true,
      filter: (src) => !src.includes('__pycache__'),
    })
  }
  writeTree(join(appRoot, 'skills', 'field-notes'), FIELD_NOTES)
  writeFileSync(join(appRoot, 'skills', 'field-notes', 'assets', 'logo.png'), BINARY_ASSET)
  return makeCore({
    appRoot,
    resourcesDir: join(root, 'resources'),
    secrets: new MemorySecretStore(),
    supervisor: { startupTimeoutMs: 20_000 },
  })
}

/**
 * The protocol era a test client speaks: `legacy` is the 2025 `initialize` handshake (sessions),
 * `modern` is pinned to 2026-07-28 (`server/discover`, every request on its own).
 */
const startedServers: RunningServer[] = []
afterEach(async () => {
  for (const s of startedServers.splice(0)) await s.close()
})

/** A real HTTP server (route bridge and MCP endpoint, no UI) for the test core on a free port, closed after the test. */
export async function startTestServer(t: TestCore): Promise<RunningServer> {
  const server = await startServer({ core: t.core, port: 0, uiDir: null })
  startedServers.push(server)
  return server
}

/** Closes a server startTestServer started before the test ends (the end of the test then leaves it alone). */
export async function closeTestServer(server: RunningServer): Promise<void> {
  await server.close()
  startedServers.splice(startedServers.indexOf(server), 1)
}

export type Era = 'legacy' | 'modern'
export const ERAS: Era[] = ['legacy', 'modern']
export const MODERN_VERSION = '2026-07-28'

/** Client options for an era (the official v2 SDK client). */
export function eraOptions(era: Era) {
  return {
    capabilities: {},
    versionNegotiation: era === 'modern' ? { mode: { pin: MODERN_VERSION } } : { mode: 'legacy' as const },
  }
}

/** An official SDK client over Streamable HTTP with a bearer token. */
export async function httpClient(
  mcpUrl: string,
  token: string,
  name = 'test-client',
  era: Era = 'legacy',
): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  })
  return connect(transport, name, era)
}

/**
 * Connects in `era`. A modern client opens a `subscriptions/listen` stream for list changes (that era
 * sends none unasked), so the same notification handlers fire in both eras.
 */
export async function connect(
  transport: Transport,
  name = 'test-client',
  era: Era = 'legacy',
): Promise<Client> {
  const client = new Client({ name, version: '1.0.0' }, eraOptions(era))
  await client.connect(transport)
  clients.push(client)
  if (era === 'modern') {
    if (client.getProtocolEra() !== 'modern') throw new Error('the server did not speak 2026-07-28')
    await client.listen({ toolsListChanged: true, resourcesListChanged: true, promptsListChanged: true })
  }
  return client
}

/** Resolves on the next `notifications/<kind>/list_changed` the client receives. */
export function nextListChanged(
  client: Client,
  kind: 'tools' | 'resources',
  timeoutMs = 20_000,
): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${kind}/list_changed within ${timeoutMs} ms`)),
      timeoutMs,
    )
    const method =
      kind === 'tools' ? 'notifications/tools/list_changed' : 'notifications/resources/list_changed'
    client.setNotificationHandler(method, () => {
      clearTimeout(timer)
      resolvePromise()
    })
  })
}

/** Lists tools until `name` appears, waiting for tools/list_changed between attempts. */
export async function waitForTool(client: Client, name: string, timeoutMs = 30_000) {
  let notified = 0
  let wake: () => void = () => undefined
  client.setNotificationHandler('notifications/tools/list_changed', () => {
    notified++
    wake()
  })
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const seen = notified
    const tools = (await client.listTools()).tools
    const found = tools.find((t) => t.name === name)
    if (found) return { tool: found, tools, notified }
    if (Date.now() > deadline) throw new Error(`${name} did not appear within ${timeoutMs} ms`)
    if (notified === seen) {
      await new Promise<void>((resolve) => {
        wake = resolve
        setTimeout(resolve, Math.max(0, deadline - Date.now()))
      })
    }
  }
}

export const text = (r: CallToolResult | Record<string, unknown>): string =>
  ((r.content ?? []) as { type: string; text?: string }[]).map((c) => c.text ?? '').join('')

export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}) {
  return (await client.callTool({ name, arguments: args })) as CallToolResult
}

const SkillResource = z.looseObject({ uri: z.string(), digest: z.string(), size: z.number() })
export const SkillEntry = z.looseObject({
  uri: z.string(),
  frontmatter: z.record(z.string(), z.unknown()),
  resources: z.array(SkillResource),
})
export type SkillEntry = z.infer<typeof SkillEntry>
// `resultType` is on the wire in both eras; the v2 client consumes it on 2026-07-28 exchanges.
export const SkillsListResult = z.looseObject({
  resultType: z.literal('complete').optional(),
  skills: z.array(SkillEntry),
  nextCursor: z.string().optional(),
  // Cache hints are a 2026-07-28 feature: the SDK's skills extension sends them in that era only.
  ttlMs: z.number().optional(),
  cacheScope: z.enum(['public', 'private']).optional(),
})
export const SkillsGetResult = z.looseObject({
  resultType: z.literal('complete').optional(),
  skill: SkillEntry,
  ttlMs: z.number().optional(),
  cacheScope: z.enum(['public', 'private']).optional(),
})
export const DirectoryResult = z.looseObject({
  resultType: z.literal('complete').optional(),
  resources: z.array(z.looseObject({ uri: z.string(), name: z.string(), mimeType: z.string().optional() })),
  nextCursor: z.string().optional(),
})

/** Every entry of `skills/list`, page by page. */
export async function listAllSkills(client: Client): Promise<SkillEntry[]> {
  const all: SkillEntry[] = []
  let cursor: string | undefined
  do {
    const page = await client.request(
      { method: 'skills/list', params: cursor ? { cursor } : {} },
      SkillsListResult,
    )
    all.push(...page.skills)
    cursor = page.nextCursor
  } while (cursor)
  return all
}

/** The bytes `resources/read` returned for a URI (text re-encoded as UTF-8, or the decoded blob). */
export async function readBytes(client: Client, uri: string): Promise<Buffer> {
  const result = await client.readResource({ uri })
  const content = result.contents[0]
  if (!content) throw new Error(`no content for ${uri}`)
  return 'text' in content && typeof content.text === 'string'
    ? Buffer.from(content.text, 'utf8')
    : Buffer.from(String((content as { blob?: string }).blob), 'base64')
}

/** Files of a skill folder on disk as SkillDock counts them (no .git, __pycache__, .DS_Store). */
export function filesOnDisk(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .filter((n) => !['.git', '__pycache__', '.DS_Store', 'Thumbs.db'].includes(n))
    .flatMap((n) => {
      const rel = prefix ? `${prefix}/${n}` : n
      return statSync(join(dir, n)).isDirectory() ? filesOnDisk(join(dir, n), rel) : [rel]
    })
    .sort()
}

/** The frontmatter of a SKILL.md on disk, parsed with a YAML parser of its own. */
export function frontmatterOnDisk(file: string): unknown {
  const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n')
  const match = /^---\n([\s\S]*?)\n---/.exec(text)
  return parseYaml(match?.[1] ?? '')
}

/** Sets trust and the MCP exposure of a skill straight in the database (the trust issue's approval path does this for real). */
export function setExposure(
  home: string,
  name: string,
  exposure: { trust?: string; allowedClients?: string[] | null; ratePerMinute?: number | null },
): void {
  const db = new Database(join(home, 'skilldock.db'))
  try {
    if (exposure.trust !== undefined)
      db.prepare('UPDATE skills SET trust = ? WHERE name = ?').run(exposure.trust, name)
    if (exposure.allowedClients !== undefined) {
      db.prepare('UPDATE skills SET allowed_clients_json = ? WHERE name = ?').run(
        exposure.allowedClients === null ? null : JSON.stringify(exposure.allowedClients),
        name,
      )
    }
    if (exposure.ratePerMinute !== undefined) {
      db.prepare('UPDATE skills SET rate_limit_per_minute = ? WHERE name = ?').run(
        exposure.ratePerMinute,
        name,
      )
    }
  } finally {
    db.close()
  }
}

export interface RawReply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw HTTP request, so Host and Origin can be set freely (fetch forbids that). */
export function rawRequest(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; host?: string } = {},
): Promise<RawReply> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      {
        host: options.host ?? '127.0.0.1',
        port,
        path,
        method: options.method ?? 'POST',
        headers: options.headers,
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

export const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
})

export const MCP_HEADERS = {
  'Content-Type': 'application/json',
  Accept: 'application/json, text/event-stream',
}

/** The 2026-07-28 opening: `server/discover` with the per-request `_meta` envelope. */
export const DISCOVER = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'server/discover',
  params: {
    _meta: {
      'io.modelcontextprotocol/protocolVersion': MODERN_VERSION,
      'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
      'io.modelcontextprotocol/clientCapabilities': {},
    },
  },
})

/** A raw client's first request and headers in an era (2026-07-28 requires the standard headers). */
export function rawOpening(era: Era): { body: string; headers: Record<string, string> } {
  return era === 'legacy'
    ? { body: INITIALIZE, headers: MCP_HEADERS }
    : {
        body: DISCOVER,
        headers: { ...MCP_HEADERS, 'MCP-Protocol-Version': MODERN_VERSION, 'Mcp-Method': 'server/discover' },
      }
}
