import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ToolCallResult } from '../../src-main/contract/models'
import { ensureHomeId } from '../../src-main/core/secrets/homeSecrets'
import { KeychainSecretStore } from '../../src-main/core/secrets/keychainStore'
import { cli } from '../support/cli'
import { makeCore, type TestCore } from '../support/core'
import { tempDir } from '../support/fs'
import { keychainReady } from '../support/keychain'
import { credentialSkill } from './support/credentialSkill'

/**
 * A skill named `x` that declares API_KEY and reports whether it arrived. `variant` changes the
 * description, so the second `x` is a different, unrelated skill that merely reuses the name.
 */
function skillX(variant: string): string {
  return credentialSkill({
    name: 'x',
    variant,
    env: 'API_KEY',
    envDescription: 'the key of the service',
    tool: 'has_key',
  })
}

/** Adds `x` from `dir` and approves its request; returns that request. */
async function addAndApprove(t: TestCore, dir: string) {
  await t.call('skills.add', { path: dir })
  const request = (await t.call('approvals.list', { status: 'pending' })).find((a) => a.skill === 'x')!
  await t.call('approvals.decide', { id: request.id, approve: true, acknowledgeCritical: true })
  return request
}

const hasKey = async (t: TestCore) =>
  ((await t.call('runtime.call', { name: 'x', tool: 'has_key' })) as ToolCallResult).structuredContent

// The real OS keychain (run under test/support/with-keyring.sh): the attack is on what it keeps.
describe.runIf(keychainReady)(
  'attack: a new skill reuses a removed skill’s name to get its credentials',
  () => {
    it('removing x deletes its API_KEY (the CLI says so); a new unrelated x does not get it', async () => {
      const home = tempDir('skilldock-home-')
      const t = makeCore({ home })
      await addAndApprove(t, skillX('The real x: calls the weather service.'))
      await t.call('secrets.set', { skill: 'x', name: 'API_KEY', value: 'secret-weather-key-123' })
      // The harness can tell: the skill the key was meant for does get it.
      expect(await hasKey(t)).toEqual({ has_key: true })
      await t.call('runtime.stop', { name: 'x' }).catch(() => undefined)

      const removed = await cli(['--home', home, '--json', 'remove', 'x'])
      expect(removed.code).toBe(0)
      expect(removed.json()).toEqual({ removed: 'x', credentialsRemoved: ['API_KEY'] })

      const request = await addAndApprove(t, skillX('Another x, from someone else.'))
      expect(request.details?.storedCredentials).toEqual([])
      expect(await hasKey(t)).toEqual({ has_key: false })
      expect(await t.call('secrets.list', { skill: 'x' })).toEqual([])
    })

    it('the route result names the deleted credentials too', async () => {
      const t = makeCore()
      await addAndApprove(t, skillX('The real x.'))
      await t.call('secrets.set', { skill: 'x', name: 'API_KEY', value: 'k1' })
      await t.call('secrets.set', { skill: 'x', name: 'OTHER_TOKEN', value: 'k2' })
      expect(await t.call('skills.remove', { name: 'x' })).toEqual({
        removed: 'x',
        credentialsRemoved: ['API_KEY', 'OTHER_TOKEN'],
      })
    })

    it('an approval request for a name with credentials already stored lists them, in the route and the CLI', async () => {
      const home = tempDir('skilldock-home-')
      const t = makeCore({ home })
      // What a removal with a locked keychain left behind in this home: a credential under x, no skill x.
      const left = new KeychainSecretStore({ homeId: ensureHomeId(home, join(home, 'skilldock.db')).id })
      await left.set('skill:x', 'API_KEY', 'left-behind-key')
      try {
        await t.call('skills.add', { path: skillX('A new x.') })
        const request = (await t.call('approvals.list', { status: 'pending' })).find((a) => a.skill === 'x')!
        expect(request.details?.storedCredentials).toEqual(['API_KEY'])
        const shown = await cli(['--home', home, 'approvals', '--id', request.id])
        expect(shown.stdout).toContain('credentials already stored under x: API_KEY')
      } finally {
        await left.delete('skill:x', 'API_KEY')
      }
    })
  },
)
