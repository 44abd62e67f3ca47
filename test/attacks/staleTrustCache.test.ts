import type { ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../support/build'
import { tempDir } from '../support/fs'
import { callTool, keychainReady, text } from '../support/mcp'
import {
  addAndApprove,
  copyFixture,
  serveWithAgent,
  skilldockJson,
  skilldockRun,
  stopAll,
} from './support/processes'

/**
 * The attack: `serve` keeps what every call reads (the skill's row, the client's role, policies,
 * limits, the managed policy) between calls, read again only when the database or the policy file
 * moves. Each restriction made by another process — the owner's terminal — must hold for the very
 * next call of a client that was calling a moment before (the caches warm), never a call later.
 */
const children: ChildProcess[] = []
const clients: Client[] = []
const savedPolicyEnv = process.env.SKILLDOCK_MANAGED_POLICY
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close().catch(() => undefined)
  await stopAll(children)
  if (savedPolicyEnv === undefined) delete process.env.SKILLDOCK_MANAGED_POLICY
  else process.env.SKILLDOCK_MANAGED_POLICY = savedPolicyEnv
})

beforeAll(() => ensureBuilt(), 300_000)

const cli = (home: string, ...args: string[]) => {
  const r = skilldockRun(home, ...args)
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0)
  return r
}

describe.runIf(keychainReady)(
  'restrictions made by another process while serve runs',
  { timeout: 300_000 },
  () => {
    it('hold for the next call of a client whose calls warmed every cache', async () => {
      const home = tempDir()
      const policyFile = join(tempDir(), 'policy.json')
      writeFileSync(policyFile, JSON.stringify({ personalSkills: true }))
      process.env.SKILLDOCK_MANAGED_POLICY = policyFile
      addAndApprove(home, copyFixture('runtime/echo', 'echo'), 'echo')
      const { client } = await serveWithAgent(home, { children, clients })
      const echo = async (words: string) => {
        const call = () =>
          callTool(client, 'skill_call', { skill: 'echo', tool: 'echo', arguments: { text: words } })
        // A kept-alive socket serve closed while the terminal commands ran (its 5 s idle timeout)
        // fails the request before it reaches serve: sent again, once, on a new connection.
        return call().catch((err: unknown) => {
          if (err instanceof TypeError && err.message === 'fetch failed') return call()
          throw err
        })
      }
      const works = async (words: string) => {
        const r = await echo(words)
        expect(r.isError, text(r)).toBeFalsy()
        expect(text(r)).toContain(words)
      }
      await works('warm one')
      await works('warm two')

      // A role that does not allow echo/echo, assigned from the terminal.
      cli(home, 'role', 'add', 'narrow', '--allow', 'echo/slow_echo')
      cli(home, 'clients', 'role', 'agent', 'narrow')
      const refused = await echo('after role')
      expect(refused.isError).toBe(true)
      expect(text(refused)).toContain("role 'narrow' does not allow it")
      cli(home, 'clients', 'role', 'agent', '--none')
      await works('role lifted')

      // A dry-run policy: the next call is not run.
      cli(home, 'policy', 'add', 'echo/echo', '--dry-run')
      const planned = await echo('after policy')
      expect(text(planned)).toContain('Dry run')
      const [policy] = skilldockJson<{ id: number }[]>(home, 'policy', 'list')
      cli(home, 'policy', 'remove', String(policy!.id))
      await works('policy lifted')

      // A limit of one call a minute, spent by a call in another process: serve's next call is refused.
      cli(home, 'limit', 'set', '--skill', 'echo', '--max', '1', '--per', '1m')
      cli(home, 'call', 'echo', 'echo', '--args', '{"text":"terminal"}')
      const limited = await echo('after limit')
      expect(limited.isError).toBe(true)
      expect(text(limited)).toContain('Rate limit')
      cli(home, 'limit', 'remove', '--skill', 'echo')
      await works('limit lifted')

      // The managed policy turns personal skills off: echo (a personal skill) no longer runs.
      writeFileSync(policyFile, JSON.stringify({ personalSkills: false }))
      const managed = await echo('after managed policy')
      expect(managed.isError).toBe(true)
      expect(text(managed)).toContain('lets only team skills run')
      writeFileSync(policyFile, JSON.stringify({ personalSkills: true }))
      await works('managed policy lifted')

      // Deprecated, then disabled from the terminal.
      cli(home, 'deprecate', 'echo', '--reason', 'old')
      const deprecated = await echo('after deprecate')
      expect(deprecated.isError).toBe(true)
      expect(text(deprecated)).toContain('deprecated')
      cli(home, 'disable', 'echo')
      const disabled = await echo('after disable')
      expect(disabled.isError).toBe(true)
      expect(text(disabled)).not.toContain('after disable')
    })
  },
)
