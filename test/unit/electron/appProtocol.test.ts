import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { APP_CSP, createAppProtocolHandler, resolveAppPath } from '../../../src-main/electron/appProtocol'

describe('app:// path resolution', () => {
  const root = '/opt/skilldock/renderer'

  it('maps the origin root and files under it', () => {
    expect(resolveAppPath(root, 'app://skilldock/')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'app://skilldock/assets/index-1.js')).toBe(join(root, 'assets', 'index-1.js'))
    expect(resolveAppPath(root, 'app://skilldock/index.html?x=1#/skills')).toBe(join(root, 'index.html'))
  })

  it.each([
    'app://skilldock/../../etc/passwd',
    'app://skilldock/%2e%2e/%2e%2e/etc/passwd',
    'app://skilldock/%2fetc%2fpasswd',
  ])('keeps %s inside the folder (the URL parser already removed the dots)', (url) => {
    expect(resolveAppPath(root, url)?.startsWith(root + '/')).toBe(true)
  })

  it.each([
    'app://skilldock/assets/..%2f..%2f..%2fetc/passwd',
    'app://skilldock/..%2f..%2fetc/passwd',
    'app://skilldock/..%5c..%5cwindows',
    'app://skilldock/a%00.html',
    'app://skilldock/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull()
  })
})

describe('app:// handler', () => {
  const top = mkdtempSync(join(tmpdir(), 'skilldock-protocol-'))
  const dir = join(top, 'renderer')
  mkdirSync(join(dir, 'assets'), { recursive: true })
  afterAll(() => rmSync(top, { recursive: true, force: true }))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>SkillDock</title>')
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(top, 'secret.txt'), 'do not serve')
  const handle = createAppProtocolHandler(dir)

  it('serves the renderer with the strict CSP and the right content type', async () => {
    const res = await handle(new Request('app://skilldock/'))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<title>SkillDock</title>')
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP)
    expect(APP_CSP).toContain("script-src 'self'")
    expect(APP_CSP).toContain("worker-src 'self'")
    expect(APP_CSP).not.toMatch(/unsafe-eval/)
    const js = await handle(new Request('app://skilldock/assets/app.js'))
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/)
  })

  it('answers 404 for files outside the folder and for missing files', async () => {
    for (const url of [
      'app://skilldock/..%2fsecret.txt',
      'app://skilldock/%2e%2e/secret.txt',
      'app://skilldock/nope.js',
    ]) {
      const res = await handle(new Request(url))
      expect(res.status, url).toBe(404)
      expect(await res.text()).not.toContain('do not serve')
    }
    expect((await handle(new Request('app://skilldock/assets'))).status).toBe(404)
  })

  it('refuses methods other than GET and HEAD', async () => {
    const res = await handle(new Request('app://skilldock/index.html', { method: 'POST', body: 'x' }))
    expect(res.status).toBe(405)
  })
})
