import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { AppErrorJson } from '../contract/errors'
import { AppError, type Core } from '../core/app'
import { checkHostAndOrigin, hasValidBearer } from './guard'
import { McpMount, sendRpcError } from './mcpMount'
import { serveStatic } from './staticFiles'
import { WebhookEndpoint, webhookId } from './webhooks'

export interface ServeOptions {
  core: Core
  /** 0 picks a free port. */
  port: number
  /** The built renderer; null serves no UI. */
  uiDir: string | null
  /** The per-start token; random when omitted. */
  token?: string
}

export interface RunningServer {
  url: string
  mcpUrl: string
  port: number
  token: string
  close(): Promise<void>
}

const MAX_BODY = 2 * 1024 * 1024

/** The request body passed MAX_BODY (answered 413, unlike a malformed body's 400). */
class BodyTooLargeError extends Error {
  constructor() {
    super('body too large')
    this.name = 'BodyTooLargeError'
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  res.end(text)
}

const errorBody = (code: AppErrorJson['code'], message: string) => ({ ok: false, error: { code, message } })

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        // Discard the rest rather than destroy the socket, so the client still reads the 413.
        req.removeAllListeners('data')
        req.resume()
        reject(new BodyTooLargeError())
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/**
 * Serve mode: the built UI, the route bridge (`POST /api/invoke/<route>`), the event stream
 * (`GET /api/events`) behind a per-start token, and the MCP endpoint (`/mcp`) behind per-client
 * tokens, on 127.0.0.1 only.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(32).toString('hex')
  const sockets = new Set<Socket>()
  const closers = new Set<() => void>()
  let port = options.port

  const mcp = new McpMount(options.core)
  const hooks = new WebhookEndpoint(options.core)

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    const denied = checkHostAndOrigin(req, port)
    if (denied) {
      // Before any authentication: a page on another origin (or a rebound DNS name) learns nothing.
      if (url.pathname === '/mcp') return sendRpcError(res, 403, -32600, denied)
      return sendJson(res, 403, errorBody('UNAUTHORIZED', denied))
    }
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname)
    if (url.pathname === '/mcp') return mcp.handle(req, res)
    // Signed by the caller with the hook's secret; the UI token is not needed (nor accepted).
    const hook = webhookId(url.pathname)
    if (hook) return hooks.handle(req, res, hook)
    if ((req.method === 'GET' || req.method === 'HEAD') && options.uiDir) {
      if (serveStatic(options.uiDir, url.pathname, res, req.method === 'HEAD')) return
    }
    sendJson(res, 404, errorBody('NOT_FOUND', `Nothing at ${url.pathname}.`))
  }

  const handleApi = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (!hasValidBearer(req, token)) {
      return sendJson(
        res,
        401,
        errorBody('UNAUTHORIZED', 'Missing or wrong token. Open the URL printed by `skilldock serve`.'),
      )
    }
    if (path === '/api/events' && req.method === 'GET') return streamEvents(req, res)
    const match = /^\/api\/invoke\/([\w.]+)$/.exec(path)
    if (!match?.[1] || req.method !== 'POST')
      return sendJson(res, 404, errorBody('NOT_FOUND', `No API at ${path}.`))
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, errorBody('INVALID_INPUT', 'Send the route input as application/json.'))
    }
    let input: unknown
    try {
      const body = await readBody(req)
      input = body.trim() === '' ? {} : JSON.parse(body)
    } catch (err) {
      const tooLarge = err instanceof BodyTooLargeError
      return sendJson(
        res,
        tooLarge ? 413 : 400,
        errorBody('INVALID_INPUT', tooLarge ? 'Request body too large.' : 'Request body is not valid JSON.'),
      )
    }
    sendJson(res, 200, await options.core.invoke(match[1], input))
  }

  const streamEvents = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    })
    res.write(': connected\n\n')
    const unsubscribe = options.core.events.onAny((name, payload) => {
      res.write(`event: ${String(name)}\ndata: ${JSON.stringify(payload)}\n\n`)
    })
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000)
    const close = () => {
      clearInterval(heartbeat)
      unsubscribe()
      closers.delete(close)
      res.end()
    }
    closers.add(close)
    req.on('close', close)
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, errorBody('INTERNAL', `Unexpected error: ${(err as Error).message}`))
      else res.end()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new AppError(
              'CONFLICT',
              `Port ${options.port} is already in use. Stop the other program or pass --port.`,
              undefined,
              { cause: err },
            )
          : err,
      )
    })
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/#token=${token}`,
    mcpUrl: `${origin}/mcp`,
    port,
    token,
    close: async () => {
      for (const close of [...closers]) close()
      await mcp.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
    },
  }
}
