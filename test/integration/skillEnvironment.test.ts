import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ToolCallResult } from '../../src-main/contract/models'
import { cli } from '../support/cli'
import { makeCore } from '../support/core'
import { tempDir } from '../support/fs'

const root = resolve(__dirname, '../..')
const fixtures = join(root, 'test/fixtures/runtime')
const canaries = {
  OPENAI_API_KEY: 'sk-canary-parent-openai-0123456789',
  AWS_SECRET_ACCESS_KEY: 'canary-aws-secret-abcdef',
  NODE_OPTIONS: '--require /tmp/canary-node-options.js',
  PYTHONPATH: '/tmp/canary-pythonpath',
  ELECTRON_RUN_AS_NODE: '1',
}
const secretValue = 'fixture-secret-value-42'

const structured = (r: ToolCallResult) => r.structuredContent as Record<string, unknown>

// These use the real OS keychain: `npm test` runs them inside a D-Bus session with gnome-keyring.
describe('a skill sees only its own environment and credentials', () => {
  // Shared by the tests of this block (tempDir() folders last one test only).
  const appRoot = mkdtempSync(join(tmpdir(), 'skilldock-env-'))
  for (const name of ['echo', 'needs-secret'])
    cpSync(join(fixtures, name), join(appRoot, 'skills', name), { recursive: true })
  const home = mkdtempSync(join(tmpdir(), 'skilldock-env-home-'))
  const env = { ...process.env, ...canaries, SKILLDOCK_HOME: home }

  const core = () => makeCore({ home, appRoot, resourcesDir: join(root, 'resources'), env })

  afterAll(async () => {
    const t = core()
    await t.call('secrets.delete', { skill: 'needs-secret', name: 'FIXTURE_API_KEY' })
    await cli(['secrets', 'delete', 'text-stats', 'FIXTURE_CLI_KEY'], env)
    await t.core.dispose()
    rmSync(appRoot, { recursive: true, force: true })
    rmSync(home, { recursive: true, force: true })
  })

  it('refuses to start a skill whose required credential is missing, naming it and the command', async () => {
    const t = core()
    await t.call('secrets.delete', { skill: 'needs-secret', name: 'FIXTURE_API_KEY' })
    const result = await t.raw('runtime.call', { name: 'needs-secret', tool: 'secret_length' })
    expect(result).toMatchObject({ ok: false, error: { code: 'SKILL_START_FAILED' } })
    expect(!result.ok && result.error.message).toMatch(
      /FIXTURE_API_KEY.*skilldock secrets set needs-secret FIXTURE_API_KEY/,
    )
  })

  it('injects a credential set with `secrets set` into that skill only, and never the parent canaries', async () => {
    const t = core()
    expect(
      await t.call('secrets.set', { skill: 'needs-secret', name: 'FIXTURE_API_KEY', value: secretValue }),
    ).toEqual({
      skill: 'needs-secret',
      name: 'FIXTURE_API_KEY',
    })
    const own = structured(await t.call('runtime.call', { name: 'needs-secret', tool: 'secret_length' }))
    expect(own.has_key).toBe(true)

    const other = structured(await t.call('runtime.call', { name: 'echo', tool: 'env' }))
    expect(other).not.toHaveProperty('FIXTURE_API_KEY')
    const seen = JSON.stringify(other) + JSON.stringify(own)
    for (const [name, value] of Object.entries(canaries)) {
      expect(seen).not.toContain(name)
      if (value.length > 1) expect(seen).not.toContain(value)
    }
    expect(
      Object.keys(other).some(
        (k) => k.startsWith('PYTHON') || k.startsWith('ELECTRON_') || k.startsWith('NODE_'),
      ),
    ).toBe(false)
    expect(String(other.PATH)).toContain(String(process.env.PATH)) // a pyenv shim may prepend its own folder
    expect(other.SKILLDOCK_SKILL_DATA).toBe(join(home, 'skill-data', 'echo'))
  })

  it('`secrets set` reads the value from stdin; `secrets list` shows names, never values', async () => {
    const set = await cli(['secrets', 'set', 'text-stats', 'FIXTURE_CLI_KEY'], env, secretValue + '\n')
    expect(set.code).toBe(0)
    expect(set.stdout + set.stderr).not.toContain(secretValue)
    const list = await cli(['secrets', 'list'], env)
    expect(list.code).toBe(0)
    expect(list.stdout).toContain('needs-secret')
    expect(list.stdout).toContain('FIXTURE_API_KEY')
    expect(list.stdout).not.toContain(secretValue)
    expect(list.stdout).toContain('FIXTURE_CLI_KEY')
    const json = await cli(['secrets', 'list', 'text-stats', '--json'], env)
    expect(json.json()).toContainEqual({ skill: 'text-stats', name: 'FIXTURE_CLI_KEY' })
    const empty = await cli(['secrets', 'set', 'text-stats', 'FIXTURE_CLI_KEY'], env, '')
    expect(empty.code).toBe(1)
    expect(empty.stderr).toMatch(/No value given on stdin/)
  })

  it('runs a library skill (sandboxed by default) under the OS sandbox', async () => {
    const t = makeCore({ home: tempDir(), appRoot: tempDir(), resourcesDir: join(root, 'resources'), env })
    await t.call('skills.add', { path: join(fixtures, 'echo') })
    const [request] = await t.call('approvals.list', { status: 'pending' })
    await t.call('approvals.decide', { id: request!.id, approve: true, trust: 'sandboxed' })
    expect((await t.call('skills.get', { name: 'echo' })).trust).toBe('sandboxed')
    const result = await t.call('runtime.call', {
      name: 'echo',
      tool: 'echo',
      arguments: { text: 'from the sandbox' },
    })
    expect(result.content[0]?.text).toBe('from the sandbox')
    const seen = structured(await t.call('runtime.call', { name: 'echo', tool: 'env' }))
    expect(JSON.stringify(seen)).not.toContain(canaries.OPENAI_API_KEY)
    // Untrusted skills are audited per call: tool, size and duration, never the argument values.
    const { audit } = await t.call('runtime.logs', { name: 'echo' })
    const calls = audit.filter((a) => a.action === 'tool.call')
    expect(calls.map((a) => a.detail.tool)).toEqual(['env', 'echo'])
    expect(calls[1]).toMatchObject({ actor: 'user', outcome: 'ok', detail: { argumentBytes: 27 } })
    expect(JSON.stringify(audit)).not.toContain('from the sandbox')
  })
})
