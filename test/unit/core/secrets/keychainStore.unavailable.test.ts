import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { KeychainSecretStore } from '../../../../src-main/core/secrets/keychainStore'
import { rejection } from '../../../support/errors'

/**
 * No reachable keychain, for real: the session bus address points at nothing, or at a socket that
 * accepts and never answers. This file runs in its own process (forks pool) and stubs the address
 * before anything touches the keychain, because the native library keeps the first bus it used.
 */
const CANARY = `sk-canary-${randomUUID()}`

describe.runIf(process.platform === 'linux')('KeychainSecretStore without a reachable keychain', () => {
  const connections: Socket[] = []
  let dir: string
  let silentSocket: string
  let server: Server

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'skilldock-nokeychain-'))
    silentSocket = join(dir, 'bus.sock')
    server = createServer((socket) => connections.push(socket))
    await new Promise<void>((resolve) => server.listen(silentSocket, resolve))
  })

  afterAll(async () => {
    for (const socket of connections) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    rmSync(dir, { recursive: true, force: true })
    vi.unstubAllEnvs()
  })

  it('rejects every call with SECRET_STORE_UNAVAILABLE saying what to do, never with the value', async () => {
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', `unix:path=${join(dir, 'missing.sock')}`)
    const store = new KeychainSecretStore({ service: `SkillDockTest-${randomUUID()}` })

    const set = await rejection(store.set('skill:weather', 'API_KEY', CANARY))
    expect(set.code).toBe('SECRET_STORE_UNAVAILABLE')
    expect(set.message).toMatch(/^Could not store API_KEY of skill:weather in the OS keychain: /)
    expect(set.message).toMatch(/GNOME Keyring or KWallet/)
    expect(set.message).toMatch(/dbus-run-session/)
    expect(set.message).toMatch(/gnome-keyring-daemon --daemonize --unlock/)
    expect(set.message).toMatch(/never in files/)
    expect(set.details).toMatchObject({ operation: 'store', scope: 'skill:weather', name: 'API_KEY' })
    expect(JSON.stringify(set.toJSON())).not.toContain('sk-canary')

    for (const call of [
      () => store.get('skill:weather', 'API_KEY'),
      () => store.delete('skill:weather', 'API_KEY'),
      () => store.list(),
      () => store.check(),
    ]) {
      expect((await rejection(call())).code).toBe('SECRET_STORE_UNAVAILABLE')
    }
    expect((await rejection(store.check())).message).toMatch(/^The OS keychain is not usable: /)
  })

  it('gives up after the timeout when the keychain accepts a connection and never answers', async () => {
    vi.stubEnv('DBUS_SESSION_BUS_ADDRESS', `unix:path=${silentSocket}`)
    const store = new KeychainSecretStore({ service: `SkillDockTest-${randomUUID()}`, timeoutMs: 300 })

    const get = await rejection(store.get('skill:weather', 'API_KEY'))
    expect(get.code).toBe('SECRET_STORE_UNAVAILABLE')
    expect(get.message).toContain('did not answer within 0.3 s')
    expect(get.message).toMatch(/locked/)
    expect(connections.length).toBeGreaterThan(0)

    const set = await rejection(store.set('skill:weather', 'API_KEY', CANARY))
    expect(set.message).toContain('did not answer within 0.3 s')
    expect(JSON.stringify(set.toJSON())).not.toContain('sk-canary')
  })
})
