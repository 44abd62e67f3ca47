import { type ClientRequest, request } from 'node:http'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { signWebhook } from '../../src-main/core/automation'
import { type RunningServer, startServer } from '../../src-main/http/server'
import { MAX_CONCURRENT_WEBHOOK_BODIES } from '../../src-main/http/webhooks'
import { appWith, automationCore } from '../support/automation'

const servers: RunningServer[] = []
const open: ClientRequest[] = []
afterEach(async () => {
  for (const r of open.splice(0)) r.destroy()
  for (const s of servers.splice(0)) await s.close()
})

const HUGE = 16 * 1024 * 1024

interface Trickle {
  /** The server's answer, while the body is still being sent (or never finished). */
  answer: Promise<{ status: number; body: string }>
  /** Bytes of the body sent so far. */
  sent: () => number
}

/**
 * A sender that announces a huge body and trickles it: one small chunk now, then nothing. A server
 * that reads the body before judging the request never answers.
 */
function trickle(port: number, path: string, headers: Record<string, string>, chunked = false): Trickle {
  let sent = 0
  const req = request({
    host: '127.0.0.1',
    port,
    path,
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(HUGE) }),
      ...headers,
    },
  })
  open.push(req)
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
  // A sender cut off (by the server after its answer, or by the test's cleanup) is not a failure.
  answer.catch(() => undefined)
  const chunk = Buffer.alloc(64 * 1024, 0x20)
  req.write(chunk)
  sent += chunk.length
  return { answer, sent: () => sent }
}

async function hookServer() {
  const t = automationCore(appWith(['text-stats']))
  const server = await startServer({ core: t.core, port: 0, uiDir: null })
  servers.push(server)
  const hook = await t.call('webhooks.add', { id: 'stats', skill: 'text-stats', tool: 'text_statistics' })
  const fresh = () => signWebhook(hook.secret, 'whatever', Math.floor(Date.now() / 1000))
  return { t, port: server.port, hook, fresh }
}

describe('webhook bodies', () => {
  it('answers an unknown hook id at once, without waiting for (or reading) the huge body', async () => {
    const { port, fresh } = await hookServer()
    const sender = trickle(port, '/hooks/nosuch', { 'SkillDock-Signature': fresh() })
    const answer = await sender.answer
    expect(answer.status).toBe(404)
    expect(answer.body).toContain('No webhook named \\"nosuch\\"')
    expect(sender.sent()).toBeLessThan(HUGE)
  })

  it('answers a missing, malformed or stale signature at once, before the body', async () => {
    const { port, hook, t } = await hookServer()
    const stale = signWebhook(hook.secret, 'x', Math.floor(Date.now() / 1000) - 3600)
    const cases: [Record<string, string>, string][] = [
      [{}, 'not signed'],
      [{ 'SkillDock-Signature': 'v1=zzz' }, 'malformed'],
      [{ 'SkillDock-Signature': stale }, 'stale'],
    ]
    for (const [headers, reason] of cases) {
      const answer = await trickle(port, hook.path, headers).answer
      expect(answer.status).toBe(401)
      expect(answer.body).toContain(reason)
    }
    // The refusals are in the activity log; the tool never ran.
    const log = (await t.call('activity.list', { skill: 'text-stats' })).entries
    expect(log.filter((e) => e.action === 'webhook.refused')).toHaveLength(3)
    expect(log.some((e) => e.action === 'webhook.call')).toBe(false)
  })

  it('refuses a body declared larger than 1 MiB at once, and one that grows past it', async () => {
    const { port, hook, fresh } = await hookServer()
    const declared = await trickle(port, hook.path, { 'SkillDock-Signature': fresh() }).answer
    expect(declared.status).toBe(413)
    expect(declared.body).toContain('larger than 1 MiB')

    const body = Buffer.alloc(1024 * 1024 + 10, 0x20)
    const res = await fetch(`http://127.0.0.1:${port}${hook.path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'SkillDock-Signature': fresh() },
      // A stream has no Content-Length: the server finds out by reading.
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
  })

  it(`reads at most ${MAX_CONCURRENT_WEBHOOK_BODIES} bodies at once; more senders are turned away at once`, async () => {
    const { port, hook, fresh } = await hookServer()
    const slow = Array.from({ length: MAX_CONCURRENT_WEBHOOK_BODIES }, () =>
      trickle(port, hook.path, { 'SkillDock-Signature': fresh() }, true),
    )
    // A probe with a small complete body (signed with the wrong secret) is answered 401 once read,
    // or 503 when every slot is taken; the slow senders' headers may take a moment to arrive.
    const probe = async () => {
      const body = JSON.stringify({ text: 'hi' })
      const res = await fetch(`http://127.0.0.1:${port}${hook.path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'SkillDock-Signature': signWebhook('0'.repeat(64), body, Math.floor(Date.now() / 1000)),
        },
        body,
      })
      return { status: res.status, body: await res.text() }
    }
    // Until the held bodies are counted, an extra request is still refused for its signature (401).
    const extra = await vi.waitFor(
      async () => {
        const answer = await probe()
        expect([401, 503]).toContain(answer.status)
        expect(answer.status).toBe(503)
        return answer
      },
      { timeout: 20_000, interval: 50 },
    )
    expect(extra.body).toContain('Too many webhook requests')
    expect(slow).toHaveLength(MAX_CONCURRENT_WEBHOOK_BODIES)
  })
})
