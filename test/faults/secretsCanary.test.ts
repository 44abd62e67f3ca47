import { randomBytes, randomUUID } from 'node:crypto'
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { KeychainSecretStore } from '../../src-main/core/secrets/keychainStore'
import { makeCore } from '../support/core'
import { tempDir } from '../support/fs'
import { keychainReady } from '../support/keychain'

const fixture = resolve(__dirname, '../fixtures/runtime/needs-secret')

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe.skipIf(!keychainReady)('secrets canary', () => {
  it('no secret set through SkillDock appears in any file of the data home', async () => {
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
    await t.core.dispose()

    // … and is nowhere on disk: database, WAL, settings, logs, lockfile, skill folders.
    const files = filesUnder(t.home)
    expect(files.some((f) => f.endsWith('skilldock.db'))).toBe(true)
    for (const file of files) {
      const bytes = readFileSync(file)
      for (const secret of [apiKey, token]) {
        expect(bytes.includes(Buffer.from(secret)), `${secret.slice(0, 8)}… found in ${file}`).toBe(false)
      }
    }
  }, 60_000)
})
