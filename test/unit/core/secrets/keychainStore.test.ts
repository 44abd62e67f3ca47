import { randomUUID } from 'node:crypto'
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { AppError } from '../../../../src-main/core/base/appError'
import { KeychainSecretStore, MAX_SECRET_BYTES } from '../../../../src-main/core/secrets/keychainStore'
import { describeWithKeychain } from '../../../support/keychain'
import { rejection } from '../../../support/errors'

/**
 * The real OS keychain. Under `bash test/support/with-keyring.sh` it must work; elsewhere the tests
 * run when the machine's keychain answers, are skipped when it does not, and fail on CI.
 */

const CANARY = `sk-canary-${randomUUID()}`
const OPTIONS = { linux: { store: 'secret-service' as const } }

/** What is really in the keychain under a service: accounts and values, read past the store. */
async function keychainEntries(service: string): Promise<{ account: string; password: string }[]> {
  return findCredentialsAsync(service)
}

/** Not the value, nor any part of it: the canary prefix appears nowhere else. */
function expectNoValue(err: AppError, value: string): void {
  const text = JSON.stringify(err.toJSON())
  expect(text).not.toContain(value)
  expect(text).not.toContain('sk-canary')
}

describeWithKeychain('KeychainSecretStore (real OS keychain)', () => {
  let service: string
  let store: KeychainSecretStore

  beforeEach(() => {
    service = `SkillDockTest-${process.pid}-${randomUUID()}`
    store = new KeychainSecretStore({ service })
  })

  afterEach(async () => {
    for (const { account } of await keychainEntries(service)) {
      await new AsyncEntry(service, account, OPTIONS).deletePassword()
    }
  })

  it('stores, reads, replaces and deletes a secret in the keychain, filed as <scope>/<name>', async () => {
    await store.set('skill:weather', 'API_KEY', CANARY)
    expect(await store.get('skill:weather', 'API_KEY')).toBe(CANARY)
    expect(await keychainEntries(service)).toEqual([{ account: 'skill:weather/API_KEY', password: CANARY }])
    // Another store on the same service (a restarted app) sees it: it lives in the keychain.
    expect(await new KeychainSecretStore({ service }).get('skill:weather', 'API_KEY')).toBe(CANARY)

    await store.set('skill:weather', 'API_KEY', 'replaced')
    expect(await store.get('skill:weather', 'API_KEY')).toBe('replaced')

    expect(await store.delete('skill:weather', 'API_KEY')).toBe(true)
    expect(await store.get('skill:weather', 'API_KEY')).toBeNull()
    expect(await store.delete('skill:weather', 'API_KEY')).toBe(false)
    expect(await keychainEntries(service)).toEqual([])
  })

  it('keeps values exactly: unicode, whitespace and the 64 KiB maximum', async () => {
    const unicode = ' päss wörd 🔑\nline two '
    await store.set('llm', 'OPENAI_API_KEY', unicode)
    expect(await store.get('llm', 'OPENAI_API_KEY')).toBe(unicode)
    const largest = 'x'.repeat(MAX_SECRET_BYTES)
    await store.set('client:cursor', 'TOKEN', largest)
    expect(await store.get('client:cursor', 'TOKEN')).toBe(largest)
  })

  it('lists names only, sorted, filtered by scope, skipping entries it did not write', async () => {
    await store.set('skill:weather', 'API_KEY', CANARY)
    await store.set('skill:weather', 'API_BASE', `${CANARY}-base`)
    await store.set('skill:github', 'GH_TOKEN', `${CANARY}-gh`)
    await store.set('llm', 'ANTHROPIC_API_KEY', `${CANARY}-llm`)
    await new AsyncEntry(service, 'not-a-skilldock-account', OPTIONS).setPassword(`${CANARY}-foreign`)

    const all = await store.list()
    expect(all).toEqual([
      { scope: 'llm', name: 'ANTHROPIC_API_KEY' },
      { scope: 'skill:github', name: 'GH_TOKEN' },
      { scope: 'skill:weather', name: 'API_BASE' },
      { scope: 'skill:weather', name: 'API_KEY' },
    ])
    expect(JSON.stringify(all)).not.toContain(CANARY)
    expect(await store.list('skill:weather')).toEqual([
      { scope: 'skill:weather', name: 'API_BASE' },
      { scope: 'skill:weather', name: 'API_KEY' },
    ])
    expect(await store.list('skill:unknown')).toEqual([])
    // A store on another service sees none of them.
    expect(await new KeychainSecretStore({ service: `${service}-other` }).list()).toEqual([])
  })

  it('check() proves a round trip works and leaves nothing behind', async () => {
    await expect(store.check()).resolves.toBeUndefined()
    expect(await keychainEntries(service)).toEqual([])
    expect(await store.list()).toEqual([])
  })

  it('refuses names that are not environment variable names, without echoing them', async () => {
    const badNames = ['api-key', '1KEY', '', 'A B', 'KEY=1', 'a/b', 'X'.repeat(129), CANARY]
    for (const name of badNames) {
      for (const call of [
        () => store.set('skill:weather', name, 'v'),
        () => store.get('skill:weather', name),
        () => store.delete('skill:weather', name),
      ]) {
        const err = await rejection(call())
        expect(err.code).toBe('INVALID_INPUT')
        expect(err.message).toMatch(/environment variable name/)
        if (name.length > 3) expect(err.message).not.toContain(name)
      }
    }
    expect(await keychainEntries(service)).toEqual([])
  })

  it('refuses scopes outside skill:<name>, llm and client:<name>', async () => {
    const badScopes = [
      '',
      'Skill:weather',
      'skill:',
      'skill:-x',
      'skill:a/b',
      'skill:a:b',
      'skill:Weather',
      'llm/x',
    ]
    for (const scope of badScopes) {
      const set = await rejection(store.set(scope, 'API_KEY', 'v'))
      expect(set.code).toBe('INVALID_INPUT')
      expect(set.message).toMatch(/not a secret scope/)
      expect((await rejection(store.list(scope))).code).toBe('INVALID_INPUT')
    }
    expect(await keychainEntries(service)).toEqual([])
  })

  it('refuses empty, oversized and NUL-containing values, and never repeats the value', async () => {
    const oversized = `${CANARY}${'x'.repeat(MAX_SECRET_BYTES)}`
    // 32,769 characters, but 65,538 UTF-8 bytes: the limit counts bytes.
    const wideOversized = `${CANARY}${'é'.repeat(MAX_SECRET_BYTES / 2)}`
    const withNul = `${CANARY}\0rest`
    for (const [value, pattern] of [
      ['', /empty/],
      [oversized, /the limit is 64 KiB/],
      [wideOversized, /the limit is 64 KiB/],
      [withNul, /NUL/],
    ] as const) {
      const err = await rejection(store.set('skill:weather', 'API_KEY', value))
      expect(err.code).toBe('INVALID_INPUT')
      expect(err.message).toMatch(pattern)
      expect(err.message).toContain('API_KEY')
      if (value !== '') expectNoValue(err, value)
    }
    expect(await keychainEntries(service)).toEqual([])
  })
})
