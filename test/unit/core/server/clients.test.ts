import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../../../src-main/core/base/logger'
import { ClientRegistry, hashToken, prepareClientToken } from '../../../../src-main/core/server/clients'
import { ClientRepository } from '../../../../src-main/core/storage/clientRepository'
import { openDatabase } from '../../../../src-main/core/storage/database'
import { tempDir } from '../../../support/fs'
import { MemorySecretStore } from '../../../support/memorySecrets'
import { rejection } from '../../../support/errors'

function registry(now = () => new Date('2026-01-01T00:00:00Z')) {
  const home = tempDir()
  const db = openDatabase({ file: join(home, 'skilldock.db') })
  const secrets = new MemorySecretStore()
  const repo = new ClientRepository(db)
  const clients = new ClientRegistry({ repo, secrets, clock: { now }, logger: silentLogger })
  return { home, db, repo, secrets, clients }
}

describe('MCP clients and their tokens', () => {
  it('creates a client with a random token: its hash in the database, the token in the keychain', async () => {
    const { clients, repo, secrets, db } = registry()
    const created = await clients.add('cursor', 'direct')
    expect(created).toEqual({
      name: 'cursor',
      mode: 'direct',
      token: expect.stringMatching(/^sdk_[\w-]{43}$/),
    })
    expect(repo.find('cursor')?.tokenHash).toBe(hashToken(created.token))
    expect(await secrets.get('client:cursor', 'TOKEN')).toBe(created.token)
    expect(JSON.stringify(db.prepare('SELECT * FROM client_tokens').all())).not.toContain(created.token)
    const other = await clients.add('vscode')
    expect(other.token).not.toBe(created.token)
    db.close()
  })

  it('authenticates only exact tokens and records when a client was last used', async () => {
    let now = new Date('2026-01-01T00:00:00Z')
    const { clients, db } = registry(() => now)
    const { token } = await clients.add('cursor')
    expect(clients.list()[0]?.lastUsedAt).toBeNull()
    expect(clients.authenticate(token)).toEqual({ name: 'cursor', mode: 'catalog' })
    expect(clients.list()[0]?.lastUsedAt).toBe('2026-01-01T00:00:00.000Z')
    for (const wrong of [token.slice(0, -1), `${token}x`, token.toUpperCase(), '', 'x'.repeat(500)]) {
      expect(clients.authenticate(wrong)).toBeNull()
    }
    now = new Date('2026-01-01T00:05:00Z')
    clients.authenticate(token)
    expect(clients.list()[0]?.lastUsedAt).toBe('2026-01-01T00:05:00.000Z')
    db.close()
  })

  it('refuses duplicate and malformed names', async () => {
    const { clients, db } = registry()
    await clients.add('cursor')
    expect((await rejection(clients.add('cursor'))).code).toBe('CONFLICT')
    for (const bad of ['Cursor', '-x', 'a b', 'a/b', 'x'.repeat(64)]) {
      expect((await rejection(clients.add(bad))).code, bad).toBe('INVALID_INPUT')
    }
    db.close()
  })

  it('removes a client: the token stops working and the keychain entry goes', async () => {
    const { clients, secrets, db } = registry()
    const { token } = await clients.add('cursor')
    expect(await clients.remove('cursor')).toEqual({ removed: 'cursor' })
    expect(clients.authenticate(token)).toBeNull()
    expect(await secrets.get('client:cursor', 'TOKEN')).toBeNull()
    expect((await rejection(clients.remove('cursor'))).code).toBe('NOT_FOUND')
    db.close()
  })

  it('stops a token that was just used at once when the client is removed, here or by another process', async () => {
    const { home, clients, secrets, db } = registry()
    const { token } = await clients.add('cursor')
    const second = await clients.add('vscode')
    // Used a moment ago, so its answer is remembered.
    expect(clients.authenticate(token)?.name).toBe('cursor')
    expect(clients.authenticate(second.token)?.name).toBe('vscode')
    await clients.remove('cursor')
    expect(clients.authenticate(token)).toBeNull()
    // Another process (its own connection to the same database) removes the other client.
    const other = openDatabase({ file: join(home, 'skilldock.db') })
    new ClientRepository(other).delete('vscode')
    other.close()
    expect(clients.authenticate(second.token)).toBeNull()
    await secrets.delete('client:vscode', 'TOKEN')
    db.close()
  })

  it('reuses the keychain token, and replaces it when the keychain copy is stale', async () => {
    const { clients, secrets, db } = registry()
    const first = await clients.ensureToken('stdio')
    expect(first).toMatchObject({ created: true, rotated: false })
    const again = await clients.ensureToken('stdio')
    expect(again).toMatchObject({ token: first.token, created: false, rotated: false })
    await secrets.set('client:stdio', 'TOKEN', 'sdk_from-another-data-home')
    const rotated = await clients.ensureToken('stdio')
    expect(rotated).toMatchObject({ created: false, rotated: true })
    expect(clients.authenticate(rotated.token)?.name).toBe('stdio')
    expect(clients.authenticate(first.token)).toBeNull()
    db.close()
  })

  it('prepares a bridge token from the data home alone', async () => {
    const { home, db, secrets, clients } = registry()
    db.close()
    const prepared = await prepareClientToken(home, 'claude-desktop', { secrets })
    expect(prepared).toMatchObject({ name: 'claude-desktop', mode: 'catalog', created: true })
    const reopened = openDatabase({ file: join(home, 'skilldock.db') })
    const check = new ClientRegistry({
      repo: new ClientRepository(reopened),
      secrets,
      clock: { now: () => new Date() },
      logger: silentLogger,
    })
    expect(check.authenticate(prepared.token)?.name).toBe('claude-desktop')
    reopened.close()
    void clients
  })
})
