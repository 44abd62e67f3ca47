import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Core } from '../core/app'

/** Body cap of a webhook request: 10 MiB of attachments in base64 plus the rest of the JSON. */
const MAX_WEBHOOK_BODY_BYTES = 16 * 1024 * 1024

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  res.end(JSON.stringify(body))
}

const refusal = (code: string, message: string) => ({ ok: false, error: { code, message } })

/** The raw body, or null when it grew past the cap (the rest is drained, not buffered). */
function readRaw(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_WEBHOOK_BODY_BYTES) over = true
      if (!over) chunks.push(chunk)
    })
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/**
 * `POST /hooks/<id>`: no UI token; the request is trusted only through its signature, which the
 * core checks (HMAC-SHA256 over `<t>.<raw body>` with the hook's keychain secret, 5-minute window,
 * no replays). Answers with the tool result as JSON.
 */
export async function handleWebhook(core: Core, req: IncomingMessage, res: ServerResponse, id: string) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST')
    return send(res, 405, refusal('INVALID_INPUT', 'Webhooks accept POST only.'))
  }
  const body = await readRaw(req)
  if (body === null) {
    return send(res, 413, refusal('INVALID_INPUT', 'The request body is larger than 16 MiB.'))
  }
  const header = req.headers['skilldock-signature']
  const answer = await core.webhooks.deliver(id, Array.isArray(header) ? header[0] : header, body)
  send(res, answer.status, answer.body)
}

/** The hook id of a `/hooks/<id>` path, or null. */
export function webhookId(pathname: string): string | null {
  const match = /^\/hooks\/([a-z0-9][a-z0-9-]{0,63})$/.exec(pathname)
  return match?.[1] ?? null
}
