import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'

/** One canned answer: a chat completion with this content, or an HTTP error. */
export interface ScriptedReply {
  content?: string
  /** total_tokens reported in `usage` (default 500). */
  tokens?: number
  status?: number
  /** Wait this long before answering (to test cancellation). */
  delayMs?: number
}

export interface ScriptedLlm {
  baseUrl: string
  /** The request bodies received, in order. */
  requests: { model: string; max_tokens?: number; messages: { role: string; content: string }[] }[]
}

const servers: Server[] = []

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

/** A real OpenAI-compatible HTTP server on 127.0.0.1 that replays canned chat completions in order. */
export async function scriptedLlm(replies: ScriptedReply[]): Promise<ScriptedLlm> {
  const queue = [...replies]
  const requests: ScriptedLlm['requests'] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404).end()
        return
      }
      requests.push(JSON.parse(body) as ScriptedLlm['requests'][number])
      const reply = queue.shift() ?? { status: 500, content: 'the script ran out of replies' }
      setTimeout(() => {
        if (res.destroyed) return
        if (reply.status) {
          res.writeHead(reply.status, { 'content-type': 'application/json' })
          res.end(JSON.stringify({ error: { message: reply.content ?? 'error', type: 'server_error' } }))
          return
        }
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({
            id: `chatcmpl-${requests.length}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: 'scripted',
            choices: [
              {
                index: 0,
                finish_reason: 'stop',
                message: { role: 'assistant', content: reply.content ?? '' },
              },
            ],
            usage: {
              prompt_tokens: 0,
              completion_tokens: reply.tokens ?? 500,
              total_tokens: reply.tokens ?? 500,
            },
          }),
        )
      }, reply.delayMs ?? 0)
    })
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { baseUrl: `http://127.0.0.1:${port}/v1`, requests }
}
