import { randomUUID } from 'node:crypto'
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../../src-main/core/base/appError'
import {
  type CredentialNeed,
  declaredCredentials,
  resolveCredentials,
} from '../../../../src-main/core/runtime/credentials'
import { KeychainSecretStore } from '../../../../src-main/core/secrets/keychainStore'
import type { SecretStore } from '../../../../src-main/core/secrets/secretStore'
import { parseSkillMd } from '../../../../src-main/core/skills/manifest'
import { describeWithKeychain } from '../../../support/keychain'
import { rejection } from '../../../support/errors'

function emptyManifest() {
  return {
    credentials: [],
    requires: { os: [], bins: [], anyBins: [], env: [], config: [] },
    primaryEnv: null,
  }
}

/** Stands in for a keychain that is not there: every call fails, and is counted. */
function unavailableStore(): SecretStore & { calls: number } {
  const store = {
    calls: 0,
    fail(): never {
      store.calls++
      throw new AppError('SECRET_STORE_UNAVAILABLE', 'The OS keychain is not usable: no bus.')
    },
    get: async () => store.fail(),
    set: async () => store.fail(),
    delete: async () => store.fail(),
    list: async () => store.fail(),
    check: async () => store.fail(),
  }
  return store
}

describe('declaredCredentials', () => {
  it('merges metadata.skilldock.credentials with OpenClaw requires.env and primaryEnv from SKILL.md', () => {
    const { manifest, errors } = parseSkillMd(
      [
        '---',
        'name: weather',
        'description: Forecasts.',
        'metadata:',
        '  skilldock:',
        '    credentials:',
        '      - {name: WEATHER_API_KEY, description: "Key from weather.example", required: false}',
        '      - {name: WEATHER_REGION, description: "Default region", required: false}',
        '  openclaw:',
        '    requires: {env: [WEATHER_API_KEY, GEO_TOKEN]}',
        '    primaryEnv: MAPS_KEY',
        '---',
        'Use it.',
      ].join('\n'),
      { folderName: 'weather' },
    )
    expect(errors).toEqual([])
    expect(declaredCredentials(manifest)).toEqual([
      // requires.env makes the optional declaration required; the description stays.
      { name: 'WEATHER_API_KEY', required: true, description: 'Key from weather.example' },
      { name: 'WEATHER_REGION', required: false, description: 'Default region' },
      { name: 'GEO_TOKEN', required: true, description: '' },
      { name: 'MAPS_KEY', required: true, description: '' },
    ])
  })

  it('lists a name once when requires.env and primaryEnv both name it', () => {
    const manifest = {
      ...emptyManifest(),
      requires: { ...emptyManifest().requires, env: ['GH_TOKEN', 'GH_TOKEN'] },
      primaryEnv: 'GH_TOKEN',
    }
    expect(declaredCredentials(manifest)).toEqual([{ name: 'GH_TOKEN', required: true, description: '' }])
  })

  it('is empty for a skill that declares nothing', () => {
    expect(declaredCredentials(emptyManifest())).toEqual([])
  })
})

describe('resolveCredentials without the keychain', () => {
  it('never touches the store when nothing is declared', async () => {
    const store = unavailableStore()
    expect(await resolveCredentials('weather', [], store)).toEqual({})
    expect(store.calls).toBe(0)
  })

  it('passes the store’s SECRET_STORE_UNAVAILABLE on when something is declared, optional included', async () => {
    for (const required of [true, false]) {
      const store = unavailableStore()
      const needs = [{ name: 'API_KEY', required, description: '' }]
      expect((await rejection(resolveCredentials('weather', needs, store))).code).toBe(
        'SECRET_STORE_UNAVAILABLE',
      )
    }
  })

  it('refuses a declared name that cannot be an environment variable, before asking the store', async () => {
    const store = unavailableStore()
    const err = await rejection(
      resolveCredentials('weather', [{ name: 'api-key', required: true, description: '' }], store),
    )
    expect(err.code).toBe('INVALID_SKILL')
    expect(err.message).toContain('api-key')
    expect(store.calls).toBe(0)
  })
})

describeWithKeychain('resolveCredentials with the real OS keychain', () => {
  let service: string
  let store: KeychainSecretStore
  const needs: CredentialNeed[] = [
    { name: 'API_KEY', required: true, description: 'Key from weather.example' },
    { name: 'REGION', required: false, description: 'Default region' },
  ]

  beforeEach(() => {
    service = `SkillDockTest-${process.pid}-${randomUUID()}`
    store = new KeychainSecretStore({ service })
  })

  afterEach(async () => {
    for (const { account } of await findCredentialsAsync(service)) {
      await new AsyncEntry(service, account, { linux: { store: 'secret-service' } }).deletePassword()
    }
  })

  it('injects stored credentials and leaves out a missing optional one', async () => {
    await store.set('skill:weather', 'API_KEY', 'weather-secret')
    expect(await resolveCredentials('weather', needs, store)).toEqual({ API_KEY: 'weather-secret' })

    await store.set('skill:weather', 'REGION', 'eu-west')
    expect(await resolveCredentials('weather', needs, store)).toEqual({
      API_KEY: 'weather-secret',
      REGION: 'eu-west',
    })
  })

  it('reads only the skill’s own scope: another skill’s or the LLM’s key does not count', async () => {
    await store.set('skill:other', 'API_KEY', 'other-secret')
    await store.set('llm', 'API_KEY', 'llm-secret')
    const err = await rejection(resolveCredentials('weather', needs, store))
    expect(err.code).toBe('SKILL_START_FAILED')
    expect(JSON.stringify(err.toJSON())).not.toMatch(/other-secret|llm-secret/)
  })

  it('fails to start with the credential, its description and the command to set it', async () => {
    const err = await rejection(resolveCredentials('weather', needs, store))
    expect(err.code).toBe('SKILL_START_FAILED')
    expect(err.message).toBe(
      'weather needs the credential API_KEY (Key from weather.example). Set it with: skilldock secrets set weather API_KEY',
    )
    expect(err.details).toEqual({ skill: 'weather', missing: ['API_KEY'] })
  })

  it('names every missing required credential at once', async () => {
    await store.set('skill:weather', 'REGION', 'eu-west')
    const err = await rejection(
      resolveCredentials(
        'weather',
        [...needs, { name: 'GEO_TOKEN', required: true, description: '' }],
        store,
      ),
    )
    expect(err.code).toBe('SKILL_START_FAILED')
    expect(err.message).toContain('API_KEY (Key from weather.example), GEO_TOKEN')
    expect(err.message).toContain('skilldock secrets set weather API_KEY')
    expect(err.message).toContain('skilldock secrets set weather GEO_TOKEN')
    expect(err.message).not.toContain('eu-west')
  })
})
