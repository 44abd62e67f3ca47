import type { IncomingMessage, ServerResponse } from 'node:http'
import { toNodeHandler } from '@modelcontextprotocol/node'
import {
  createMcpHandler,
  InMemoryServerEventBus,
  isLegacyRequest,
  type McpHttpHandler,
  type ServerEvent,
  type ServerEventBus,
} from '@modelcontextprotocol/server'
import type { ClientIdentity, Core } from '../core/app'

/**
 * The change feed of `subscriptions/listen` streams: the core is watched (and other processes'
 * changes polled) only while at least one stream is open.
 */
class CoreEventBus implements ServerEventBus {
  private readonly inner = new InMemoryServerEventBus()
  private listeners = 0
  private stopWatching: (() => void) | null = null

  constructor(private readonly core: Core) {}

  publish(event: ServerEvent): void {
    this.inner.publish(event)
  }

  subscribe(listener: (event: ServerEvent) => void): () => void {
    const off = this.inner.subscribe(listener)
    this.listeners += 1
    // Direct-mode tool lists change when a skill server starts: every modern client re-lists then.
    this.stopWatching ??= this.core.mcp.watch(true, (catalog) => {
      this.publish({ kind: 'tools_list_changed' })
      if (catalog) {
        this.publish({ kind: 'resources_list_changed' })
        this.publish({ kind: 'prompts_list_changed' })
      }
    })
    let done = false
    return () => {
      if (done) return
      done = true
      off()
      this.listeners -= 1
      if (this.listeners === 0) {
        this.stopWatching?.()
        this.stopWatching = null
      }
    }
  }

  close(): void {
    this.stopWatching?.()
    this.stopWatching = null
  }
}

const CLIENT_KEY = 'skilldockClient'
/**
 * Open `subscriptions/listen` streams of one client at most, so one client looping on listen cannot
 * use up the endpoint's streams (the SDK's own cap counts every client together).
 */
export const MAX_LISTENS_PER_CLIENT = 16

/**
 * MCP 2026-07-28 at `/mcp`: every request stands alone (no session), carries its era in `_meta`,
 * and is answered by a fresh SDK server for the client its bearer token names — so no answer depends
 * on which request, session or process came before. 2025-era requests never reach it (see
 * {@link isModernRequest}); they keep their sessions.
 */
export class ModernMcp {
  private readonly bus: CoreEventBus
  private readonly handler: McpHttpHandler
  private readonly node: ReturnType<typeof toNodeHandler>
  private readonly listens = new Map<string, number>()

  constructor(core: Core, maxBody: number) {
    this.bus = new CoreEventBus(core)
    this.handler = createMcpHandler(
      ({ authInfo }) => {
        const client = authInfo?.extra?.[CLIENT_KEY] as ClientIdentity | undefined
        // The mount authenticates before dispatch; a request without a client never gets here.
        if (!client) throw new Error('unauthenticated MCP request')
        return core.mcp.createServer(client)
      },
      { legacy: 'reject', bus: this.bus, maxRequestBodySize: maxBody },
    )
    this.node = toNodeHandler(this.handler, { maxRequestBodySize: maxBody })
  }

  /** Serves one request of `client` whose body was already read (and size-checked). */
  async handle(
    client: ClientIdentity,
    token: string,
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
  ) {
    if ((body as { method?: unknown } | null)?.method === 'subscriptions/listen') {
      if (!this.admitListen(client.name, res)) {
        const id = (body as { id?: unknown }).id ?? null
        const message =
          `Too many open subscriptions/listen streams for client "${client.name}" ` +
          `(limit ${MAX_LISTENS_PER_CLIENT}); close one and retry.`
        res.writeHead(429, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '5' })
        res.end(JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32603, message } }))
        return
      }
    }
    const authed = Object.assign(req, {
      auth: { token, clientId: client.name, scopes: [], extra: { [CLIENT_KEY]: client } },
    })
    await this.node(authed, res, body)
  }

  /** Counts a listen stream of `client` until its response closes; false when it has too many. */
  private admitListen(client: string, res: ServerResponse): boolean {
    const open = this.listens.get(client) ?? 0
    if (open >= MAX_LISTENS_PER_CLIENT) return false
    this.listens.set(client, open + 1)
    res.once('close', () => {
      const left = (this.listens.get(client) ?? 1) - 1
      if (left > 0) this.listens.set(client, left)
      else this.listens.delete(client)
    })
    return true
  }

  async close(): Promise<void> {
    this.bus.close()
    await this.handler.close()
  }
}

/**
 * True for a 2026-07-28 request (a per-request `_meta` envelope), by the SDK's own classifier.
 * The mount calls it only with a POST body it already parsed, so the classifier reads just the
 * method and three headers: it gets those, not a WHATWG `Request` (~0.08 ms a request to build).
 */
export async function isModernRequest(req: IncomingMessage, body: unknown): Promise<boolean> {
  const headers = {
    get: (name: string): string | null => {
      const value = req.headers[name.toLowerCase()]
      return typeof value === 'string' ? value : null
    },
  }
  return !(await isLegacyRequest({ method: req.method ?? 'POST', headers } as unknown as Request, body))
}
