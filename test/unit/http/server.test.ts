import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../src-main/core/base/appError'
import { startServer, type RunningServer } from '../../../src-main/http/server'
import { makeCore } from '../../support/core'
import { tempDir, writeSkill, writeTree } from '../../support/fs'

const servers: RunningServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw HTTP request, so Host and Origin can be set freely (fetch forbids that). */
function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

async function setup() {
  const appRoot = tempDir()
  writeSkill(join(appRoot, 'skills'), 'text-stats', 'Counts words.')
  const t = makeCore({ appRoot })
  const uiDir = writeTree(tempDir(), {
    'index.html': '<!doctype html><title>SkillDock</title>',
    'assets/app.js': 'console.log(1)',
  })
  const server = await startServer({ core: t.core, port: 0, uiDir })
  servers.push(server)
  const auth = { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' }
  return { t, server, auth, port: server.port }
}

describe('serve mode HTTP bridge', () => {
  it('prints a loopback URL carrying the token in the fragment', async () => {
    const { server } = await setup()
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=[0-9a-f]{64}$`))
    expect(server.mcpUrl).toBe(`http://127.0.0.1:${server.port}/mcp`)
  })

  it('answers routes with a Result for the right token', async () => {
    const { auth, port } = await setup()
    const ok = await send(port, '/api/invoke/skills.list', { method: 'POST', headers: auth, body: '{}' })
    expect(ok.status).toBe(200)
    const body = JSON.parse(ok.body) as { ok: boolean; data: { name: string }[] }
    expect(body.ok).toBe(true)
    expect(body.data.map((s) => s.name)).toEqual(['text-stats'])
    const bad = await send(port, '/api/invoke/skills.get', {
      method: 'POST',
      headers: auth,
      body: '{"name":"nope"}',
    })
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('refuses a missing or wrong token with 401', async () => {
    const { port } = await setup()
    const none = await send(port, '/api/invoke/skills.list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    })
    expect(none.status).toBe(401)
    const wrong = await send(port, '/api/invoke/skills.list', {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + 'a'.repeat(64), 'Content-Type': 'application/json' },
      body: '{}',
    })
    expect(wrong.status).toBe(401)
    expect((await send(port, '/api/events')).status).toBe(401)
  })

  it('refuses foreign Host and Origin headers with 403 (DNS rebinding)', async () => {
    const { auth, port } = await setup()
    const host = await send(port, '/api/invoke/skills.list', {
      method: 'POST',
      headers: { ...auth, Host: `evil.example:${port}` },
      body: '{}',
    })
    expect(host.status).toBe(403)
    const origin = await send(port, '/api/invoke/skills.list', {
      method: 'POST',
      headers: { ...auth, Origin: 'http://evil.example' },
      body: '{}',
    })
    expect(origin.status).toBe(403)
    const page = await send(port, '/', { headers: { Host: 'attacker.test' } })
    expect(page.status).toBe(403)
    const sameOrigin = await send(port, '/api/invoke/app.info', {
      method: 'POST',
      headers: { ...auth, Origin: `http://localhost:${port}`, Host: `localhost:${port}` },
      body: '{}',
    })
    expect(sameOrigin.status).toBe(200)
  })

  it('rejects non-JSON bodies and bad JSON with clear errors', async () => {
    const { server, port } = await setup()
    const form = await send(port, '/api/invoke/skills.list', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'text/plain' },
      body: '{}',
    })
    expect(form.status).toBe(415)
    const broken = await send(port, '/api/invoke/skills.list', {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: '{not json',
    })
    expect(broken.status).toBe(400)
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('refuses a port in use with CONFLICT, keeping the socket error as the cause', async () => {
    const { t, port } = await setup()
    const clash = await startServer({ core: t.core, port, uiDir: null }).then(
      () => null,
      (err: unknown) => err,
    )
    expect(clash).toBeInstanceOf(AppError)
    expect(clash).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already in use.*--port/),
    })
    expect((clash as AppError).cause).toMatchObject({ code: 'EADDRINUSE' })
  })

  it('answers a body over 2 MiB with 413, not as bad JSON', async () => {
    const { auth, port } = await setup()
    const big = await send(port, '/api/invoke/skills.list', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ query: 'x'.repeat(3 * 1024 * 1024) }),
    })
    expect(big.status).toBe(413)
    expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('serves the UI with a strict CSP and never a file outside it', async () => {
    const { port } = await setup()
    const index = await send(port, '/')
    expect(index.status).toBe(200)
    expect(index.body).toContain('<title>SkillDock</title>')
    expect(index.headers['content-security-policy']).toContain("script-src 'self'")
    expect((await send(port, '/assets/app.js')).headers['content-type']).toMatch(/javascript/)
    expect((await send(port, '/skills/text-stats')).body).toContain('<title>SkillDock</title>')
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
      const reply = await send(port, path)
      expect(reply.body).not.toContain('root:')
      expect(reply.body).not.toContain('"name"')
    }
  })

  it('streams core events over SSE to an authorised client', async () => {
    const { t, server, port } = await setup()
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/events',
          headers: { Authorization: `Bearer ${server.token}` },
        },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            text += chunk
            if (text.includes(': connected'))
              void t.call('skills.setEnabled', { name: 'text-stats', enabled: false })
            if (text.includes('event: skills.changed')) {
              req.destroy()
              resolve(text)
            }
          })
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(received).toContain('event: skills.changed\ndata: {"names":["text-stats"]}')
  })
})
