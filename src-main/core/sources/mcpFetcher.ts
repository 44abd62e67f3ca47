import { createHash } from 'node:crypto'
import { lookup } from 'node:dns/promises'
import { mkdirSync, writeFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { join } from 'node:path'
import { Client, StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client'
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio'
import { z } from 'zod'
import { AppError } from '../base/appError'
import type { SourceCommand, SourceCommandLauncher } from '../runtime/sourceCommand'
import { checkedFetch } from './checkedFetch'
import { importListedSkills, offersSkills, type RefusedSkill } from './mcpSkillImport'
import { proxySkillMd, proxySkillPy, toolDescription, toolSkillHead } from './mcpToolProxy'
import { type HttpPolicy, isPrivateAddress } from './safeHttp'

/** How to reach a remote MCP server: a stdio command, or a Streamable HTTP URL. */
export type McpTarget = { kind: 'stdio'; command: string; args: string[] } | { kind: 'http'; url: string }

/**
 * An `mcp` source's URL: `http(s)://…` (Streamable HTTP), a JSON object `{"command": …, "args": […]}`,
 * or a command line split on whitespace (`"…"` and `'…'` group words).
 */
export function parseMcpTarget(url: string): McpTarget {
  const text = url.trim()
  if (/^https?:\/\//i.test(text)) return { kind: 'http', url: text }
  if (text.startsWith('{')) {
    let doc: unknown
    try {
      doc = JSON.parse(text)
    } catch {
      throw new AppError(
        'INVALID_INPUT',
        'The MCP source is not valid JSON: give {"command": "…", "args": ["…"]}.',
      )
    }
    const parsed = z
      .object({ command: z.string().min(1), args: z.array(z.string()).optional() })
      .strict()
      .safeParse(doc)
    if (!parsed.success) {
      throw new AppError('INVALID_INPUT', 'An MCP source in JSON form is {"command": "…", "args": ["…"]}.')
    }
    return { kind: 'stdio', command: parsed.data.command, args: parsed.data.args ?? [] }
  }
  const words = [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '')
  if (words.length === 0 || !words[0]) {
    throw new AppError('INVALID_INPUT', 'Give the MCP server as an http(s) URL or a command line.')
  }
  return { kind: 'stdio', command: words[0], args: words.slice(1) }
}

export type { RefusedSkill } from './mcpSkillImport'

export interface McpFetchResult {
  /** sha256 over the names and fingerprints of what was fetched: changes when the server's offer changes. */
  archiveSha256: string
  refused: RefusedSkill[]
  /** Skills SkillDock generated to proxy an HTTP server's tools (they may receive the repo's token). */
  proxied: string[]
}

/**
 * The same address rules as http sources: private, loopback and link-local hosts only with
 * `allowLocal`, SkillDock's own ports never. Redirects are refused outright (see `connect`).
 */
async function checkHttpTarget(url: URL, allowLocal: boolean, ownPorts: number[]): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80
  let addresses: string[]
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address)
  } catch {
    throw new AppError('SOURCE_UNREACHABLE', `Could not resolve ${url.hostname}.`)
  }
  for (const address of addresses) {
    if (!isPrivateAddress(address)) continue
    if (ownPorts.includes(port)) {
      throw new AppError(
        'UNSAFE_SOURCE',
        `Refused ${url.href}: that is SkillDock's own server, never a skill source.`,
      )
    }
    if (!allowLocal) {
      throw new AppError(
        'UNSAFE_SOURCE',
        `Refused ${url.href}: it resolves to a private or loopback address (${address}). Add the repo with --allow-local if you trust it.`,
      )
    }
  }
}

/**
 * A source's command probed in place: the SDK's own stdio transport would spawn a sibling process
 * for the era probe, a second sandboxed run of the source's command.
 */
class InPlaceStdioTransport extends StdioClientTransport {}

/** A 2025-era stdio server may ignore `server/discover`; it is then taken for legacy after this. */
const STDIO_PROBE_TIMEOUT_MS = 3000

async function connect(
  target: McpTarget,
  token: string | null,
  stdio: SourceCommand | null,
  policy: HttpPolicy,
): Promise<Client> {
  const transport = (): Transport => {
    if (target.kind === 'stdio') {
      if (!stdio) {
        throw new AppError(
          'SANDBOX_UNAVAILABLE',
          'An MCP source that runs a command runs only in the OS sandbox, which is not set up in this process.',
        )
      }
      // Already wrapped in the OS sandbox, with a built environment (see sandboxedSourceCommands).
      return new InPlaceStdioTransport({
        command: stdio.command,
        args: stdio.args,
        env: stdio.env,
        cwd: stdio.cwd,
        stderr: 'ignore',
      })
    }
    return new StreamableHTTPClientTransport(new URL(target.url), {
      requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : undefined,
      // Every connection goes to an address checked in its own lookup (no DNS-rebinding window).
      fetch: checkedFetch(policy),
    })
  }
  // Either protocol era: the 2026-07-28 one when the server offers it, else the 2025 handshake.
  const open = async (mode: 'auto' | 'legacy'): Promise<Client> => {
    const client = new Client(
      { name: 'skilldock-source', version: '1' },
      {
        versionNegotiation: {
          mode,
          probe: target.kind === 'stdio' ? { timeoutMs: STDIO_PROBE_TIMEOUT_MS } : undefined,
        },
      },
    )
    try {
      await client.connect(transport())
      return client
    } catch (err) {
      await client.close().catch(() => undefined)
      throw err
    }
  }
  try {
    return await open('auto').catch((err: unknown) => {
      // Some 2025-era stdio servers exit on any request before `initialize`: start it again, plainly.
      if (target.kind === 'stdio' && !(err instanceof AppError)) return open('legacy')
      throw err
    })
  } catch (err) {
    if (err instanceof AppError) throw err
    throw new AppError(
      'SOURCE_UNREACHABLE',
      `Could not connect to the MCP server (${err instanceof Error ? err.message : String(err)}).`,
    )
  }
}

/** A skill name from the server's name and a tool's name: lowercase letters, digits and "-". */
export function toolSkillName(server: string, tool: string): string {
  const clean = `${server}-${tool}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return clean.slice(0, 64).replace(/-+$/, '') || 'tool'
}

/** A generated SKILL.md whose server is the remote stdio server itself, so calls reach it unchanged. */
function toolSkillMd(
  name: string,
  tool: { name: string; description?: string },
  target: Extract<McpTarget, { kind: 'stdio' }>,
): string {
  const description = toolDescription(tool)
  return [
    ...toolSkillHead(name, tool),
    '    server:',
    `      command: ${JSON.stringify(target.command)}`,
    `      args: [${target.args.map((a) => JSON.stringify(a)).join(', ')}]`,
    '---',
    `# ${name}`,
    '',
    `Generated by SkillDock from the MCP server \`${[target.command, ...target.args].join(' ')}\`, which does not`,
    `offer the MCP Skills extension. Calling \`${tool.name}\` runs that server and forwards the call to it.`,
    '',
    description,
    '',
  ].join('\n')
}

/**
 * Fetches an `mcp` source into `dest`: with the Skills extension, every `skills/list` entry whose files
 * all match their digests and sizes (a mismatch refuses that skill, nothing of it written); without it,
 * one generated skill per tool that proxies calls to the server.
 */
export async function fetchMcp(
  source: { name: string; url: string; allowLocal: boolean },
  dest: string,
  options: {
    token: string | null
    env: NodeJS.ProcessEnv
    ownPorts: number[]
    signal?: AbortSignal
    /** Confines a stdio source's command (sandbox, scrubbed environment); without it such sources are refused. */
    launch?: SourceCommandLauncher
  },
): Promise<McpFetchResult> {
  const target = parseMcpTarget(source.url)
  if (target.kind === 'http') await checkHttpTarget(new URL(target.url), source.allowLocal, options.ownPorts)
  mkdirSync(dest, { recursive: true })
  const policy = { allowLocal: source.allowLocal, ownPorts: options.ownPorts }
  const stdio =
    target.kind === 'stdio' && options.launch
      ? await options.launch(source.name, target.command, target.args)
      : null
  let client: Client
  try {
    client = await connect(target, options.token, stdio, policy)
  } catch (err) {
    stdio?.release?.()
    throw err
  }
  const refused: RefusedSkill[] = []
  const written: string[] = []
  const extension = offersSkills(client)
  try {
    if (extension) {
      const imported = await importListedSkills(client, dest, options.signal)
      written.push(...imported.written)
      refused.push(...imported.refused)
    } else {
      const { tools } = await client.listTools(undefined, { signal: options.signal })
      for (const tool of tools) {
        const name = toolSkillName(source.name, tool.name)
        if (written.includes(name)) {
          refused.push({ name, message: `two tools map to the skill name ${name}; only the first was kept` })
          continue
        }
        mkdirSync(join(dest, name), { recursive: true })
        if (target.kind === 'stdio') {
          writeFileSync(join(dest, name, 'SKILL.md'), toolSkillMd(name, tool, target))
        } else {
          // An HTTP server cannot be launched: the skill's own skill.py forwards calls to it.
          writeFileSync(join(dest, name, 'SKILL.md'), proxySkillMd(name, target.url, tool))
          writeFileSync(join(dest, name, 'skill.py'), proxySkillPy(target.url, tool))
        }
        written.push(name)
      }
    }
  } finally {
    await client.close().catch(() => undefined)
    stdio?.release?.()
  }
  if (options.signal?.aborted) throw new AppError('CANCELLED', 'The sync was cancelled.')
  const archiveSha256 = createHash('sha256').update(written.sort().join('\n')).digest('hex')
  return { archiveSha256, refused, proxied: target.kind === 'http' && !extension ? written : [] }
}
