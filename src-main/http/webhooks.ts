import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Core } from '../core/app'
import { MAX_WEBHOOK_BODY_BYTES, SIGNATURE_HEADER } from '../core/app'

/** Bodies being read at once, over all hooks; more requests are refused rather than queued. */
export const MAX_CONCURRENT_WEBHOOK_BODIES = 8
/** A body not received in full within this time is refused (a slow sender holds a slot no longer). */
export const WEBHOOK_BODY_TIMEOUT_MS = 30_000
/** How long a refused request's connection may linger (its unread body is discarded) before it is cut. */
const LINGER_MS = 2_000

function send(res: ServerResponse, status: number, body: unknown, close = false): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(close ? { Connection: 'close' } : {}),
  })
  res.end(JSON.stringify(body))
}

const refusal = (code: string, message: string) => ({ ok: false, error: { code, message } })
const MIB = `${MAX_WEBHOOK_BODY_BYTES / 1024 / 1024} MiB`

/**
 * Answers before the body was read, then closes the connection: the body is never buffered, and a
 * sender trickling a huge one is cut off soon after it got its answer.
 */
function refuseUnread(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  res.on('finish', () => {
    const cut = setTimeout(() => req.socket.destroy(), LINGER_MS)
    cut.unref()
    req.socket.once('close', () => clearTimeout(cut))
  })
  send(res, status, body, true)
}

type Read = { body: Buffer } | { status: number; message: string }

/** The raw body, or why it was not read in full (too large, too slow, broken off). */
function readRaw(req: IncomingMessage): Promise<Read> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    const finish = (result: Read) => {
      if (done) return
      done = true
      clearTimeout(timer)
      resolve(result)
    }
    const timer = setTimeout(
      () =>
        finish({
          status: 408,
          message: `The body did not arrive within ${WEBHOOK_BODY_TIMEOUT_MS / 1000} s.`,
        }),
      WEBHOOK_BODY_TIMEOUT_MS,
    )
    req.on('data', (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > MAX_WEBHOOK_BODY_BYTES) {
        chunks.length = 0
        finish({ status: 413, message: `The request body is larger than ${MIB}.` })
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => finish({ body: Buffer.concat(chunks) }))
    req.on('error', () => finish({ status: 400, message: 'The request body broke off.' }))
  })
}

/**
 * `POST /hooks/<id>`: no UI token; the request is trusted only through its signature, which the
 * core checks (HMAC-SHA256 over `<t>.<raw body>` with the hook's keychain secret, 5-minute window,
 * no replays). Everything that can be judged without the body (the hook id, the signature header's
 * presence, form and time, the declared size, how many bodies are being read) is judged before a
 * byte of it is read. Answers with the tool result as JSON.
 */
export class WebhookEndpoint {
  private reading = 0

  constructor(private readonly core: Core) {}

  async handle(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST')
      return refuseUnread(req, res, 405, refusal('INVALID_INPUT', 'Webhooks accept POST only.'))
    }
    const header = req.headers[SIGNATURE_HEADER]
    const signature = Array.isArray(header) ? header[0] : header
    const early = this.core.webhooks.precheck(id, signature)
    if (early) return refuseUnread(req, res, early.status, early.body)
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > MAX_WEBHOOK_BODY_BYTES) {
      return refuseUnread(req, res, 413, refusal('INVALID_INPUT', `The request body is larger than ${MIB}.`))
    }
    if (this.reading >= MAX_CONCURRENT_WEBHOOK_BODIES) {
      res.setHeader('Retry-After', '1')
      return refuseUnread(
        req,
        res,
        503,
        refusal('RATE_LIMITED', 'Too many webhook requests at once; retry shortly.'),
      )
    }
    this.reading++
    let read: Read
    try {
      read = await readRaw(req)
    } finally {
      this.reading--
    }
    if (!('body' in read)) return refuseUnread(req, res, read.status, refusal('INVALID_INPUT', read.message))
    const answer = await this.core.webhooks.deliver(id, signature, read.body)
    send(res, answer.status, answer.body)
  }
}

/** The hook id of a `/hooks/<id>` path, or null. */
export function webhookId(pathname: string): string | null {
  const match = /^\/hooks\/([a-z0-9][a-z0-9-]{0,63})$/.exec(pathname)
  return match?.[1] ?? null
}
