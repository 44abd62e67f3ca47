import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { AnthropicProvider, OpenAiCompatibleProvider } from '../../../../src-main/core/generator/providers'
import { scriptedLlm } from '../../../support/scriptedLlm'

const closers: (() => void)[] = []
afterEach(() => closers.splice(0).forEach((close) => close()))

/** A real Anthropic Messages endpoint on 127.0.0.1 answering one canned message (or an HTTP error). */
async function messagesServer(status = 200) {
  const seen: { headers: Record<string, unknown>; body: Record<string, unknown> }[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString('utf8')))
    req.on('end', () => {
      seen.push({ headers: req.headers, body: JSON.parse(body) as Record<string, unknown> })
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify(
          status === 200
            ? {
                id: 'msg_1',
                type: 'message',
                role: 'assistant',
                model: 'claude-test',
                content: [{ type: 'text', text: 'OK' }],
                stop_reason: 'end_turn',
                stop_sequence: null,
                usage: { input_tokens: 12, output_tokens: 3 },
              }
            : { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } },
        ),
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => server.close())
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

describe('Anthropic Messages provider', () => {
  it('sends the system prompt separately and counts input + output tokens', async () => {
    const server = await messagesServer()
    const provider = new AnthropicProvider('sk-test', 'claude-test', server.url)
    const answer = await provider.complete('be brief', [{ role: 'user', content: 'hi' }], { maxTokens: 100 })
    expect(answer).toEqual({ text: 'OK', tokens: 15 })
    expect(server.seen[0]!.body).toMatchObject({ system: 'be brief', max_tokens: 100, model: 'claude-test' })
    // The SDK sends the key as x-api-key or a bearer token, depending on its version.
    const { authorization, 'x-api-key': apiKey } = server.seen[0]!.headers
    expect(String(apiKey ?? authorization)).toContain('sk-test')
  })

  it('reports a refused key as LLM_UNAVAILABLE without echoing the key', async () => {
    const server = await messagesServer(401)
    const provider = new AnthropicProvider('sk-secret-value', 'claude-test', server.url)
    const err = await provider
      .complete('s', [{ role: 'user', content: 'hi' }], { maxTokens: 10 })
      .catch((e: unknown) => e)
    expect(err).toMatchObject({
      code: 'LLM_UNAVAILABLE',
      message: expect.stringMatching(/refused the API key/),
    })
    expect(String((err as Error).message)).not.toContain('sk-secret-value')
  })
})

describe('OpenAI-compatible provider', () => {
  it('puts the system prompt first and reads usage', async () => {
    const llm = await scriptedLlm([{ content: 'OK', tokens: 42 }])
    const provider = new OpenAiCompatibleProvider('k', llm.baseUrl, 'scripted')
    expect(await provider.complete('sys', [{ role: 'user', content: 'hi' }], { maxTokens: 50 })).toEqual({
      text: 'OK',
      tokens: 42,
    })
    expect(llm.requests[0]!.messages[0]).toEqual({ role: 'system', content: 'sys' })
  })
})
