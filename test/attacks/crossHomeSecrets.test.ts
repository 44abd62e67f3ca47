import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import type { Approval, ToolCallResult } from '../../src-main/contract/models'
import { HOME_ID_FILE } from '../../src-main/core/secrets/homeSecrets'
import { KeychainSecretStore } from '../../src-main/core/secrets/keychainStore'
import { cli } from '../support/cli'
import { makeCore, type TestCore } from '../support/core'
import { tempDir } from '../support/fs'
import { describeInTestKeyring } from '../support/keychain'
import { credentialSkill } from './support/credentialSkill'

/** A skill `name` that declares TOKEN and reports whether it arrived, and what it was. */
function tokenSkill(name: string, variant: string): string {
  return credentialSkill({
    name,
    variant,
    env: 'TOKEN',
    envDescription: 'the token of the service',
    tool: 'has_token',
    echoAs: 'token',
  })
}

/** Adds the skill in `dir` and returns its pending approval request. */
async function add(t: TestCore, dir: string, name: string): Promise<Approval> {
  await t.call('skills.add', { path: dir })
  return (await t.call('approvals.list', { status: 'pending' })).find((a) => a.skill === name)!
}

async function addAndApprove(t: TestCore, dir: string, name: string): Promise<Approval> {
  const request = await add(t, dir, name)
  await t.call('approvals.decide', { id: request.id, approve: true, acknowledgeCritical: true })
  return request
}

/** `skilldock --home <home> --json call <skill> has_token`. */
async function tokenOf(home: string, skill: string) {
  const run = await cli(['--home', home, '--json', 'call', skill, 'has_token'])
  expect(run.code, run.stderr).toBe(0)
  return (run.json() as ToolCallResult).structuredContent
}

async function secretsList(home: string) {
  const run = await cli(['--home', home, '--json', 'secrets', 'list'])
  expect(run.code, run.stderr).toBe(0)
  return run.json()
}

// The real CLI on the app's own keychain service, so only inside with-keyring.sh's throwaway keyring.
describeInTestKeyring(
  'attack: one data home reads, hands out or deletes the keychain secrets of another',
  () => {
    it('a secret set in home A is not listed, given to a skill, shown as already stored or deleted by home B', async () => {
      const homeA = tempDir('skilldock-home-a-')
      const homeB = tempDir('skilldock-home-b-')
      const a = makeCore({ home: homeA })
      const b = makeCore({ home: homeB })
      await addAndApprove(a, tokenSkill('greeter', 'The greeter of home A.'), 'greeter')
      const set = await cli(['--home', homeA, 'secrets', 'set', 'greeter', 'TOKEN'], {}, 'token-of-home-a\n')
      expect(set.code, set.stderr).toBe(0)
      await a.call('llm.setKey', { key: 'llm-key-of-home-a' })
      // The harness can tell: home A lists its secret and its skill gets it.
      expect(await secretsList(homeA)).toEqual([{ skill: 'greeter', name: 'TOKEN' }])
      expect(await tokenOf(homeA, 'greeter')).toEqual({ has_token: true, token: 'token-of-home-a' })

      // Home B has a skill of the same name, from someone else.
      expect(await secretsList(homeB)).toEqual([])
      const request = await add(b, tokenSkill('greeter', 'Another greeter, in home B.'), 'greeter')
      expect(request.details?.storedCredentials).toEqual([])
      const shown = await cli(['--home', homeB, 'approvals', '--id', request.id])
      expect(shown.code, shown.stderr).toBe(0)
      expect(shown.stdout).not.toContain('credentials already stored')
      await b.call('approvals.decide', { id: request.id, approve: true, acknowledgeCritical: true })
      expect(await tokenOf(homeB, 'greeter')).toEqual({ has_token: false, token: null })
      expect((await b.call('llm.get')).keySet).toBe(false)

      // Deleting in B, by name or by removing its skill, leaves A's secret where it was.
      const deleted = await cli(['--home', homeB, '--json', 'secrets', 'delete', 'greeter', 'TOKEN'])
      expect(deleted.json()).toEqual({ deleted: false })
      await b.call('runtime.stop', { name: 'greeter' }).catch(() => undefined)
      const removed = await cli(['--home', homeB, '--json', 'remove', 'greeter'])
      expect(removed.code, removed.stderr).toBe(0)
      expect(removed.json()).toEqual({ removed: 'greeter', credentialsRemoved: [] })
      expect(await secretsList(homeA)).toEqual([{ skill: 'greeter', name: 'TOKEN' }])
      expect(await tokenOf(homeA, 'greeter')).toEqual({ has_token: true, token: 'token-of-home-a' })
      expect((await a.call('llm.get')).keySet).toBe(true)
    })

    it('after the upgrade, a home still finds the unscoped secrets of its own skills, and only those', async () => {
      // Unique names: other test files share the throwaway keyring and its unscoped service.
      const suffix = randomBytes(4).toString('hex')
      const mine = `greeter-${suffix}`
      const stranger = `stranger-${suffix}`
      const home = tempDir('skilldock-home-old-')
      const fresh = tempDir('skilldock-home-new-')
      const old = makeCore({ home })
      await addAndApprove(old, tokenSkill(mine, 'The greeter of the old home.'), mine)
      await addAndApprove(makeCore({ home: fresh }), tokenSkill(mine, 'A greeter of a new home.'), mine)
      await old.call('runtime.stop', { name: mine }).catch(() => undefined)

      // What a version before home ids left: no home id, entries under the unscoped service.
      rmSync(join(home, HOME_ID_FILE))
      const legacy = new KeychainSecretStore()
      await legacy.set(`skill:${mine}`, 'TOKEN', 'old-token')
      await legacy.set(`skill:${stranger}`, 'TOKEN', 'not-this-homes-token')
      try {
        expect(await secretsList(home)).toEqual([{ skill: mine, name: 'TOKEN' }])
        expect(await tokenOf(home, mine)).toEqual({ has_token: true, token: 'old-token' })
        // Moved, not copied: no other home can pick it up from the unscoped service any more.
        expect(await legacy.get(`skill:${mine}`, 'TOKEN')).toBeNull()
        // What the home's database does not refer to stays where it was.
        expect(await legacy.get(`skill:${stranger}`, 'TOKEN')).toBe('not-this-homes-token')
        // A home created by this version adopts nothing, even for a skill of the same name.
        expect(await secretsList(fresh)).toEqual([])
        expect(await tokenOf(fresh, mine)).toEqual({ has_token: false, token: null })
        // Only once: a later start does not adopt entries that appear under the unscoped service.
        await legacy.set(`skill:${mine}`, 'TOKEN', 'written-later-by-an-old-version')
        expect(await tokenOf(home, mine)).toEqual({ has_token: true, token: 'old-token' })
      } finally {
        await legacy.delete(`skill:${mine}`, 'TOKEN')
        await legacy.delete(`skill:${stranger}`, 'TOKEN')
      }
    })
  },
)
