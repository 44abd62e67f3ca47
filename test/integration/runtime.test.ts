import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TestCore } from '../support/core'
import { alive, processesMentioning, resultText, runtimeCore } from '../support/runtimeCore'

const text = resultText

async function pidOf(t: TestCore, skill: string): Promise<number> {
  const [status] = await t.call('runtime.status', { name: skill })
  expect(status?.pid).toBeTypeOf('number')
  return status!.pid!
}

describe('skill runtime with real python3 processes', () => {
  it('starts lazily on the first call, caches tools, and answers', async () => {
    const t = runtimeCore(['echo'])
    expect(await t.call('runtime.tools', { name: 'echo' })).toEqual([]) // listing never spawns
    expect((await t.call('runtime.status', { name: 'echo' }))[0]?.state).toBe('stopped')
    const result = await t.call('runtime.call', { name: 'echo', tool: 'echo', arguments: { text: 'hello' } })
    expect(text(result)).toBe('hello')
    expect((await t.call('runtime.tools', { name: 'echo' })).map((x) => x.name)).toEqual([
      'crash',
      'echo',
      'env',
      'pid',
      'slow_echo',
    ])
    expect((await t.call('runtime.status', { name: 'echo' }))[0]?.state).toBe('running')
  })

  it('fails a crashing call promptly with SKILL_CRASHED and its stderr; the next call restarts it', async () => {
    const t = runtimeCore(['echo'])
    await t.call('runtime.call', { name: 'echo', tool: 'echo', arguments: { text: 'warm' } })
    const first = await pidOf(t, 'echo')
    const started = Date.now()
    const crashed = await t.raw('runtime.call', {
      name: 'echo',
      tool: 'crash',
      arguments: { message: 'dying now' },
    })
    expect(Date.now() - started).toBeLessThan(5000)
    expect(crashed).toMatchObject({ ok: false, error: { code: 'SKILL_CRASHED' } })
    expect(!crashed.ok && crashed.error.message).toMatch(/exited with code 3[\s\S]*dying now/)
    const again = await t.call('runtime.call', { name: 'echo', tool: 'echo', arguments: { text: 'back' } })
    expect(text(again)).toBe('back')
    expect(await pidOf(t, 'echo')).not.toBe(first)
  })

  it('times out a call that never answers at the configured limit and kills the process', async () => {
    const t = runtimeCore(['hang'])
    await t.call('runtime.start', { name: 'hang' })
    const pid = await pidOf(t, 'hang')
    const started = Date.now()
    const result = await t.raw('runtime.call', { name: 'hang', tool: 'hang' })
    const elapsed = Date.now() - started
    expect(result).toMatchObject({ ok: false, error: { code: 'SKILL_TIMEOUT' } })
    expect(!result.ok && result.error.message).toMatch(/within 1 s/)
    expect(elapsed).toBeGreaterThanOrEqual(900)
    expect(elapsed).toBeLessThan(8000)
    await expect.poll(() => alive(pid)).toBe(false)
  })

  it('refuses a server that prints garbage on stdout, saying what went wrong', async () => {
    const t = runtimeCore(['garbage'])
    const result = await t.raw('runtime.call', { name: 'garbage', tool: 'echo', arguments: { text: 'x' } })
    // The whole answer on failure: it read SKILL_CRASHED once, in a fresh-clone run under heavy load.
    expect(result, JSON.stringify(result)).toMatchObject({ ok: false, error: { code: 'SKILL_START_FAILED' } })
    expect(!result.ok && result.error.message).toMatch(/not an MCP message on stdout.*print to stderr/)
  })

  it('stops a server that writes a 50 MB line, with bounded memory', async () => {
    const t = runtimeCore(['huge-line'])
    const before = process.memoryUsage()
    const result = await t.raw('runtime.call', { name: 'huge-line', tool: 'echo', arguments: { text: 'x' } })
    const after = process.memoryUsage()
    // The whole answer on failure: it read SKILL_CRASHED once, in a fresh-clone run under heavy load.
    expect(result, JSON.stringify(result)).toMatchObject({ ok: false, error: { code: 'SKILL_START_FAILED' } })
    expect(!result.ok && result.error.message).toMatch(/larger than 16 MiB/)
    expect(after.heapUsed + after.external - (before.heapUsed + before.external)).toBeLessThan(
      100 * 1024 * 1024,
    )
  })

  it('keeps only a bounded tail of a stderr flood', async () => {
    const t = runtimeCore(['stderr-flood'])
    const result = await t.call('runtime.call', {
      name: 'stderr-flood',
      tool: 'flood',
      arguments: { megabytes: 50 },
    })
    expect(text(result)).toBe('flooded')
    const { stderr } = await t.call('runtime.logs', { name: 'stderr-flood' })
    expect(stderr.at(-1)).toBe('flood done')
    expect(Math.max(...stderr.map((l) => l.length))).toBeLessThan(2100)
  })

  it('disables a skill after three crashes in a row and records why', async () => {
    const t = runtimeCore(['exits-at-start'])
    for (let i = 0; i < 3; i++) {
      const r = await t.raw('runtime.call', {
        name: 'exits-at-start',
        tool: 'echo',
        arguments: { text: 'x' },
      })
      expect(r).toMatchObject({ ok: false, error: { code: 'SKILL_START_FAILED' } })
      expect(!r.ok && r.error.message).toMatch(/cannot start: missing configuration/)
    }
    const [status] = await t.call('runtime.status', { name: 'exits-at-start' })
    expect(status?.state).toBe('disabled')
    expect((await t.call('skills.get', { name: 'exits-at-start' })).state).toBe('disabled')
    const fourth = await t.raw('runtime.call', {
      name: 'exits-at-start',
      tool: 'echo',
      arguments: { text: 'x' },
    })
    expect(!fourth.ok && fourth.error.message).toMatch(
      /disabled after 3 crashes.*skilldock enable exits-at-start/,
    )
    const { audit } = await t.call('runtime.logs', { name: 'exits-at-start' })
    expect(audit.find((a) => a.action === 'skill.disable')?.detail.reason).toMatch(/3 crashes/)
  })

  it('answers 20 concurrent calls to one skill correctly', async () => {
    const t = runtimeCore(['echo'])
    const calls = Array.from({ length: 20 }, (_, i) =>
      t.call('runtime.call', {
        name: 'echo',
        tool: 'slow_echo',
        arguments: { text: `call-${i}`, seconds: 0.3 },
      }),
    )
    const started = Date.now()
    const results = await Promise.all(calls)
    expect(results.map(text)).toEqual(Array.from({ length: 20 }, (_, i) => `call-${i}`))
    expect(Date.now() - started).toBeLessThan(20 * 300) // they ran side by side, not one after another
  })

  it('stops an idle server and starts it again lazily', async () => {
    const t = runtimeCore(['echo'], { idleMs: 300 })
    await t.call('runtime.call', { name: 'echo', tool: 'echo', arguments: { text: 'a' } })
    const first = await pidOf(t, 'echo')
    await expect
      .poll(async () => (await t.call('runtime.status', { name: 'echo' }))[0]?.state, { timeout: 5000 })
      .toBe('stopped')
    expect(alive(first)).toBe(false)
    await t.call('runtime.call', { name: 'echo', tool: 'echo', arguments: { text: 'b' } })
    expect(await pidOf(t, 'echo')).not.toBe(first)
  })

  it('leaves no process behind after stopAll (dispose)', async () => {
    const t = runtimeCore(['echo', 'stderr-flood'])
    await t.call('runtime.start', { name: 'echo' })
    await t.call('runtime.start', { name: 'stderr-flood' })
    const pids = [await pidOf(t, 'echo'), await pidOf(t, 'stderr-flood')]
    expect(pids.every(alive)).toBe(true)
    // Bundled skills run in the OS sandbox: bubblewrap's own processes and the skill inside mention it too.
    expect(processesMentioning(t.appRoot)).toEqual(expect.arrayContaining(pids))
    await t.core.dispose()
    expect(pids.some(alive)).toBe(false)
    expect(processesMentioning(t.appRoot)).toEqual([])
  })

  it('a stop during a start kills the starting server and says so; a shutdown during a start does not wait for it', async () => {
    const t = runtimeCore(['echo'])
    // A server that never answers the MCP handshake: its start stays in progress until it is stopped.
    const mute = join(t.appRoot, 'skills', 'mute')
    mkdirSync(mute)
    writeFileSync(join(mute, 'SKILL.md'), '---\nname: mute\ndescription: Never answers.\n---\n# mute\n')
    writeFileSync(join(mute, 'skill.py'), 'import time\ntime.sleep(600)\n')
    await t.call('skills.reindex')

    const starting = t.raw('runtime.start', { name: 'mute' })
    await expect.poll(() => processesMentioning(join(mute, 'skill.py')).length).toBeGreaterThan(0)
    await t.call('runtime.stop', { name: 'mute' })
    const stopped = await starting
    expect(stopped.ok).toBe(false)
    if (!stopped.ok) expect(stopped.error.message).toMatch(/mute was stopped while it was starting/)
    expect(processesMentioning(join(mute, 'skill.py'))).toEqual([])
    expect((await t.call('runtime.status', { name: 'mute' }))[0]).toMatchObject({
      state: 'stopped',
      recentCrashes: 0,
    })

    const last = t.raw('runtime.start', { name: 'mute' })
    await expect.poll(() => processesMentioning(join(mute, 'skill.py')).length).toBeGreaterThan(0)
    await t.core.dispose()
    const refused = await last
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.message).toMatch(/SkillDock is stopping/)
    expect(processesMentioning(t.appRoot)).toEqual([])
  })

  it('runs a declared non-Python server (metadata.skilldock.server)', async () => {
    const t = runtimeCore(['custom-server'])
    const result = await t.call('runtime.call', {
      name: 'custom-server',
      tool: 'shout',
      arguments: { text: 'hi' },
    })
    expect(text(result)).toBe('HI')
    const report = await t.call('skills.test', { name: 'custom-server' })
    expect(report.checks.find((c) => c.id === 'syntax')).toMatchObject({ status: 'skip' })
    expect(report.passed).toBe(true)
  })

  it('says what to install when a skill declares PEP 723 dependencies and uv is missing', async () => {
    // The same PATH without any folder that holds uv, wherever this runs.
    const path = (process.env.PATH ?? '').split(':').filter((dir) => !existsSync(join(dir, 'uv')))
    const t = runtimeCore(['pep723'], {}, { ...process.env, PATH: path.join(':') })
    const result = await t.raw('runtime.call', { name: 'pep723', tool: 'version' })
    // The whole answer on failure: it read SKILL_CRASHED once, in a fresh-clone run under heavy load.
    expect(result, JSON.stringify(result)).toMatchObject({ ok: false, error: { code: 'SKILL_START_FAILED' } })
    expect(!result.ok && result.error.message).toMatch(
      /declares Python dependencies \(mcp>=1.2, httpx<1\).*Install uv/,
    )
  })

  it('reports an unknown tool plainly', async () => {
    const t = runtimeCore(['echo'])
    const result = await t.raw('runtime.call', { name: 'echo', tool: 'nope', arguments: {} })
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(!result.ok && result.error.message).toMatch(/has no tool "nope".*echo/)
  })
})
