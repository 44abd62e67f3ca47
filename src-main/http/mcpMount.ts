import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node'
import { isInitializeRequest } from '@modelcontextprotocol/server'
import type { ClientIdentity, Core, McpSession } from '../core/app'
import { bearerToken } from './guard'
import { isModernRequest, ModernMcp } from './mcpModern'

/** The largest MCP request body (tool arguments included). */
export const MAX_MCP_BODY = 4 * 1024 * 1024
/** Open sessions at most, over all clients. */
export const MAX_SESSIONS = 128
/**
 * Open sessions of one client at most: its least recently used one is closed to make room, so a
 * client that opens sessions in a loop only ever closes its own.
 */
export const MAX_SESSIONS_PER_CLIENT = 16
/** A session nobody used for this long is closed; its client gets 404 and starts a new one. */
const SESSION_IDLE_MS = 60 * 60_000

interface Entry {
  transport: NodeStreamableHTTPServerTransport
  session: McpSession
  lastSeen: number
}

/** A JSON-RPC error as an HTTP response (no CORS headers, ever). */
export function sendRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  })
  res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } }))
}

class BodyTooLarge extends Error {}
const BODY_FAILED = Symbol('body failed')

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_MCP_BODY) {
        reject(new BodyTooLarge())
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown)
      } catch (err) {
        reject(err as Error)
      }
    })
    req.on('error', reject)
  })
}

const isInitialize = (body: unknown): boolean =>
  Array.isArray(body) ? body.some((m) => isInitializeRequest(m)) : isInitializeRequest(body)

/**
 * Streamable HTTP at `/mcp`, both protocol eras: a bearer token of a known client on every request.
 * A 2026-07-28 request (its era in `_meta`) is answered on its own ({@link ModernMcp}); 2025-era
 * clients get one SDK server and transport per session, and a session answers only the client that
 * opened it (anyone else, like an unknown session id, gets 404). Host and Origin are checked before
 * this runs.
 */
export class McpMount {
  private readonly sessions = new Map<string, Entry>()
  private readonly sweeper: NodeJS.Timeout
  private readonly modern: ModernMcp

  constructor(private readonly core: Core) {
    this.sweeper = setInterval(() => this.closeIdle(), 5 * 60_000)
    this.sweeper.unref()
    this.modern = new ModernMcp(core, MAX_MCP_BODY)
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = bearerToken(req)
    const client = token === null ? null : this.core.mcp.authenticate(token)
    if (!client) {
      return sendRpcError(
        res,
        401,
        -32001,
        'Missing or unknown token. Create one with `skilldock clients add <name>` and send it as "Authorization: Bearer <token>".',
        { 'WWW-Authenticate': 'Bearer realm="SkillDock"' },
      )
    }
    const sessionId = req.headers['mcp-session-id']
    if (typeof sessionId === 'string') {
      const entry = this.sessions.get(sessionId)
      if (!entry || entry.session.client.name !== client.name) {
        return sendRpcError(res, 404, -32001, 'Session not found. Start a new session with initialize.')
      }
      entry.lastSeen = Date.now()
      const body = req.method === 'POST' ? await this.body(req, res) : undefined
      if (body === BODY_FAILED) return
      return entry.transport.handleRequest(req, res, body)
    }
    if (req.method !== 'POST') {
      return sendRpcError(res, 400, -32000, 'Bad Request: the Mcp-Session-Id header is required.')
    }
    const body = await this.body(req, res)
    if (body === BODY_FAILED) return
    if (await isModernRequest(req, body)) return this.modern.handle(client, token as string, req, res, body)
    if (!isInitialize(body)) {
      return sendRpcError(res, 400, -32000, 'Bad Request: no session; send initialize first.')
    }
    await this.open(client, req, res, body)
  }

  /** Closes every session (when the server stops). */
  async close(): Promise<void> {
    clearInterval(this.sweeper)
    const entries = [...this.sessions.values()]
    this.sessions.clear()
    await Promise.all([this.modern.close(), ...entries.map((e) => e.session.close())])
  }

  get sessionCount(): number {
    return this.sessions.size
  }

  private async open(client: ClientIdentity, req: IncomingMessage, res: ServerResponse, body: unknown) {
    const own = [...this.sessions.entries()].filter(([, e]) => e.session.client.name === client.name)
    if (own.length >= MAX_SESSIONS_PER_CLIENT || (this.sessions.size >= MAX_SESSIONS && own.length > 0)) {
      await this.evictOldest(own)
    } else if (this.sessions.size >= MAX_SESSIONS) {
      // Every session belongs to other clients: none of theirs is closed for this one.
      return sendRpcError(res, 503, -32000, 'Too many open MCP sessions; close unused ones and retry.', {
        'Retry-After': '5',
      })
    }
    const session = this.core.mcp.openSession(client)
    const entry: Entry = {
      session,
      lastSeen: Date.now(),
      transport: new NodeStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        // A POST is answered with plain JSON rather than an SSE stream per request: no session sends
        // notifications tied to a request; list_changed notifications use the GET stream.
        enableJsonResponse: true,
        onsessioninitialized: (id) => void this.sessions.set(id, entry),
      }),
    }
    entry.transport.onclose = () => {
      const id = entry.transport.sessionId
      if (id !== undefined && this.sessions.get(id) === entry) this.sessions.delete(id)
      void session.close()
    }
    await session.server.connect(entry.transport)
    await entry.transport.handleRequest(req, res, body)
    // An initialize that failed (bad version, bad headers) leaves no session behind.
    if (entry.transport.sessionId === undefined) await session.close()
  }

  private async body(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    try {
      return await readJson(req)
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        sendRpcError(res, 413, -32600, `Request body too large (limit ${MAX_MCP_BODY / 1024 / 1024} MiB).`)
      } else sendRpcError(res, 400, -32700, 'Parse error: the request body is not valid JSON.')
      return BODY_FAILED
    }
  }

  /** Closes the least recently used of the given sessions (one client's own). */
  private async evictOldest(among: [string, Entry][]): Promise<void> {
    const oldest = [...among].sort((a, b) => a[1].lastSeen - b[1].lastSeen)[0]
    if (!oldest) return
    this.sessions.delete(oldest[0])
    await oldest[1].transport.close()
  }

  private closeIdle(): void {
    const now = Date.now()
    for (const [id, entry] of this.sessions) {
      if (now - entry.lastSeen < SESSION_IDLE_MS) continue
      this.sessions.delete(id)
      void entry.transport.close()
    }
  }
}
