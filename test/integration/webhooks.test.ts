import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { signWebhook } from '../../src-main/core/automation'
import { type RunningServer, startServer } from '../../src-main/http/server'
import { appWith, automationCore } from '../support/automation'

const servers: RunningServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

async function hookServer(tool = 'text-stats/text_statistics') {
  const t = automationCore(appWith(['text-stats'], ['slow-step']))
  const server = await startServer({ core: t.core, port: 0, uiDir: null })
  servers.push(server)
  const [skill, name] = tool.split('/') as [string, string]
  const hook = await t.call('webhooks.add', { id: 'stats', skill, tool: name })
  const origin = `http://127.0.0.1:${server.port}`
  const post = async (body: string, signature?: string, path = hook.path) => {
    const res = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(signature ? { 'SkillDock-Signature': signature } : {}),
      },
      body,
    })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
  const now = () => Math.floor(Date.now() / 1000)
  return { t, hook, post, now }
}

const errorOf = (body: Record<string, unknown>) => body.error as { code: string; message: string }

describe('webhooks', () => {
  it('keeps the secret in the keychain and runs the tool for a correctly signed request', async () => {
    const { t, hook, post, now } = await hookServer()
    expect(hook.secret).toMatch(/^[0-9a-f]{64}$/)
    expect(await t.secrets.get('webhook:stats', 'SECRET')).toBe(hook.secret)
    // Listing never shows the secret again.
    expect(JSON.stringify(await t.call('webhooks.list', {}))).not.toContain(hook.secret)

    const body = JSON.stringify({ text: 'Hooks are handy. They run tools.' })
    const res = await post(body, signWebhook(hook.secret, body, now()))
    expect(res.status).toBe(200)
    expect(res.body.structuredContent).toMatchObject({ words: 6, sentences: 2 })
    expect((await t.call('webhooks.list', {}))[0]?.lastCalledAt).not.toBeNull()
    const history = (await t.call('activity.list', { action: 'webhook.' })).entries
    expect(history.map((e) => [e.action, e.outcome])).toContainEqual(['webhook.call', 'ok'])
  })

  it('refuses unsigned, tampered, stale and replayed requests with 401 and a clear error', async () => {
    const { t, hook, post, now } = await hookServer()
    const body = JSON.stringify({ text: 'Pay the invoice.' })

    const unsigned = await post(body)
    expect(unsigned.status).toBe(401)
    expect(errorOf(unsigned.body)).toMatchObject({ code: 'UNAUTHORIZED' })
    expect(errorOf(unsigned.body).message).toContain('not signed')

    const signed = signWebhook(hook.secret, body, now())
    const tampered = await post(JSON.stringify({ text: 'Pay the attacker.' }), signed)
    expect(tampered.status).toBe(401)
    expect(errorOf(tampered.body).message).toContain('does not match')

    const otherSecret = await post(body, signWebhook('0'.repeat(64), body, now()))
    expect(otherSecret.status).toBe(401)

    const stale = await post(body, signWebhook(hook.secret, body, now() - 6 * 60))
    expect(stale.status).toBe(401)
    expect(errorOf(stale.body).message).toContain('stale')

    const first = await post(body, signed)
    expect(first.status).toBe(200)
    const replayed = await post(body, signed)
    expect(replayed.status).toBe(401)
    expect(errorOf(replayed.body).message).toContain('replay')

    // Only the one good request ran the tool.
    const calls = (await t.call('activity.list', { action: 'webhook.call' })).entries
    expect(calls.map((e) => e.outcome)).toEqual(['ok'])
    const refused = (await t.call('activity.list', { action: 'webhook.refused' })).entries
    expect(refused).toHaveLength(5)
  })

  it('calls through the call pipeline: past a rate limit it answers 429 naming the limit', async () => {
    const { t, hook, post, now } = await hookServer()
    await t.call('limits.set', { scope: 'skill', target: 'text-stats', maxCalls: 1, windowSeconds: 3600 })
    const sign = (body: string) => signWebhook(hook.secret, body, now())
    const first = JSON.stringify({ text: 'First call.' })
    expect((await post(first, sign(first))).status).toBe(200)
    const second = JSON.stringify({ text: 'Second call.' })
    const limited = await post(second, sign(second))
    expect(limited.status).toBe(429)
    expect(errorOf(limited.body)).toMatchObject({ code: 'RATE_LIMITED' })
    expect(errorOf(limited.body).message).toContain("Rate limit of 1 call per hour for skill 'text-stats'")
    // A hook for a tool the skill does not have would never work: refused when added.
    const missing = await t.raw('webhooks.add', { id: 'typo', skill: 'text-stats', tool: 'text_stats' })
    expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect((await t.call('webhooks.list', {})).map((h) => h.id)).toEqual(['stats'])
  })

  it('answers 202 at once for a call held for approval; the call runs once approved', async () => {
    const { t, hook, post, now } = await hookServer()
    await t.call('policies.add', { skill: 'text-stats', tool: 'text_statistics', kind: 'requires_approval' })
    const body = JSON.stringify({ text: 'Held until a person says yes.' })
    const res = await post(body, signWebhook(hook.secret, body, now()))
    expect(res.status).toBe(202)
    expect(res.body).toMatchObject({ status: 'held' })
    expect(String(res.body.message)).toContain('skilldock calls approve')
    const [pending] = await t.call('calls.list', { status: 'pending' })
    expect(pending).toMatchObject({ skill: 'text-stats', tool: 'text_statistics', client: 'webhook:stats' })
    await t.call('calls.decide', { id: pending!.id, approve: true })
    await expect
      .poll(
        async () => (await t.call('activity.list', { action: 'webhook.call' })).entries.map((e) => e.outcome),
        {
          timeout: 30_000,
        },
      )
      .toEqual(['ok'])
  }, 60_000)

  it('needs no UI token, and an unknown hook is 404', async () => {
    const { hook, post, now } = await hookServer()
    const body = JSON.stringify({ text: 'x' })
    const res = await post(body, signWebhook(hook.secret, body, now()), '/hooks/missing')
    expect(res.status).toBe(404)
  })

  it('saves attachments under the data home with safe names and passes their paths to the tool', async () => {
    const { t, hook, post, now } = await hookServer('slow-step/read_attachments')
    const body = JSON.stringify({
      note: 'See the attached notes.',
      attachments: [
        { name: '../../etc/evil name.txt', base64: Buffer.from('field notes').toString('base64') },
      ],
    })
    const res = await post(body, signWebhook(hook.secret, body, now()))
    expect(res.status).toBe(200)
    // In the skill's own data folder, which its sandboxed process may read.
    const dir = join(t.home, 'skill-data', 'slow-step', 'webhooks', 'stats')
    const files = readdirSync(dir)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/-evil_name\.txt$/)
    expect(readFileSync(join(dir, files[0]!), 'utf8')).toBe('field notes')
    // The tool got the saved file's path in place of the base64 data.
    expect(res.body.structuredContent).toEqual({
      note: 'See the attached notes.',
      files: [{ path: join(dir, files[0]!), text: 'field notes' }],
    })
  })

  it('refuses attachments over 512 KiB with 413 and saves nothing', async () => {
    const { t, hook, post, now } = await hookServer()
    // Within the 1 MiB body cap as base64, over the attachment cap once decoded.
    const big = Buffer.alloc(600 * 1024, 7).toString('base64')
    const body = JSON.stringify({ text: 'Big one.', attachments: [{ name: 'big.bin', base64: big }] })
    const res = await post(body, signWebhook(hook.secret, body, now()))
    expect(res.status).toBe(413)
    expect(errorOf(res.body).message).toContain('512 KiB')
    expect(() => readdirSync(join(t.home, 'skill-data', 'text-stats', 'webhooks', 'stats'))).toThrow()
    expect((await t.call('activity.list', { action: 'webhook.call' })).entries).toEqual([])
  })

  it('removes a hook with its keychain secret; its URL stops working', async () => {
    const { t, hook, post, now } = await hookServer()
    await t.call('webhooks.remove', { id: 'stats' })
    expect(await t.secrets.get('webhook:stats', 'SECRET')).toBeNull()
    const body = JSON.stringify({ text: 'Gone.' })
    expect((await post(body, signWebhook(hook.secret, body, now()))).status).toBe(404)
    expect(await t.raw('webhooks.add', { id: 'Bad Id', skill: 'text-stats', tool: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})
