import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { signWebhook } from '../../src-main/core/automation/webhooks'
import { KeychainSecretStore } from '../../src-main/core/secrets/keychainStore'
import { startServer } from '../../src-main/http/server'
import { makeCore } from '../support/core'
import { tempDir } from '../support/fs'
import { describeWithKeychain } from '../support/keychain'

const fixture = resolve(__dirname, '../fixtures/runtime/needs-secret')

const toolsFixture = resolve(__dirname, '../fixtures/mcp-source/server.mjs')
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill()
})

/** An MCP server over Streamable HTTP on 127.0.0.1 that wants `token`; resolves with its URL. */
function toolsServer(token: string): Promise<string> {
  const child = spawn(process.execPath, [toolsFixture, 'tools', '--http'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, FIXTURE_TOKEN: token },
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()))
    child.once('exit', () => reject(new Error('the MCP source fixture exited')))
  })
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describeWithKeychain('secrets canary', () => {
  it('no secret set through SkillDock (skill credential, client token, webhook secret, MCP source token, LLM key) appears in any file of the data home', async () => {
    const appRoot = tempDir('skilldock-canary-app-')
    cpSync(fixture, join(appRoot, 'skills', 'needs-secret'), { recursive: true })
    const t = makeCore({
      appRoot,
      secrets: new KeychainSecretStore({ service: `SkillDockTest-${randomUUID()}` }),
      supervisor: { startupTimeoutMs: 20_000 },
    })
    const apiKey = `canary-${randomBytes(16).toString('hex')}`
    await t.call('secrets.set', { skill: 'needs-secret', name: 'FIXTURE_API_KEY', value: apiKey })
    // The skill receives it (so it did travel through SkillDock) …
    const result = await t.call('runtime.call', {
      name: 'needs-secret',
      tool: 'secret_length',
      arguments: {},
    })
    expect(JSON.stringify(result)).toContain('"has_key":true')
    const { token } = await t.call('clients.add', { name: 'canary-client', mode: 'direct' })
    await t.call('runtime.logs', { name: 'needs-secret' })

    // A webhook's secret, used to sign a real request to the HTTP endpoint.
    const hook = await t.call('webhooks.add', {
      id: 'canary-hook',
      skill: 'needs-secret',
      tool: 'secret_length',
    })
    const server = await startServer({ core: t.core, port: 0, uiDir: null })
    try {
      const body = JSON.stringify({ note: 'from the canary' })
      const signature = signWebhook(hook.secret, body, Math.floor(Date.now() / 1000))
      const delivered = await fetch(`http://127.0.0.1:${server.port}/hooks/canary-hook`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'SkillDock-Signature': signature },
        body,
      })
      expect(delivered.status).toBe(200)
      expect(await delivered.text()).toContain('has_key')
    } finally {
      await server.close()
    }

    // An MCP source's bearer token: sent on every sync and by the installed proxies on every call.
    const repoToken = `canary-repo-${randomBytes(16).toString('hex')}`
    const url = await toolsServer(repoToken)
    await t.call('repos.add', { name: 'canary-tools', url, type: 'mcp', allowLocal: true })
    await t.call('repos.setToken', { name: 'canary-tools', token: repoToken })
    const report = await t.call('repos.sync', { name: 'canary-tools' })
    expect(report[0]!.items.map((i) => i.status)).toContain('installed')
    for (const a of await t.call('approvals.list', { status: 'pending' }))
      await t.call('approvals.decide', { id: a.id, approve: true, trust: 'monitored' })
    const shout = await t.call('runtime.call', {
      name: 'canary-tools-shout',
      tool: 'shout',
      arguments: { text: 'canary' },
    })
    expect(JSON.stringify(shout)).toContain('CANARY')

    // The model provider's API key.
    const llmKey = `canary-llm-${randomBytes(16).toString('hex')}`
    await t.call('llm.setKey', { key: llmKey })
    await t.core.dispose()

    // … and is nowhere on disk: database, WAL, settings, logs, lockfile, skill folders.
    const files = filesUnder(t.home)
    expect(files.some((f) => f.endsWith('skilldock.db'))).toBe(true)
    expect(files.some((f) => f.endsWith('skilldock.lock.json'))).toBe(true)
    for (const file of files) {
      const bytes = readFileSync(file)
      for (const secret of [apiKey, token, hook.secret, repoToken, llmKey]) {
        expect(bytes.includes(Buffer.from(secret)), `${secret.slice(0, 8)}… found in ${file}`).toBe(false)
      }
    }
  }, 120_000)
})
