import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { signWebhook } from '../../src-main/core/automation'
import { type RunningServer, startServer } from '../../src-main/http/server'
import { automationCore, enqueueOnce, ManualClock, ManualTimer } from '../support/automation'
import { ensureBuilt } from '../support/build'
import { callTool, httpClient, root, text } from '../support/mcp'
import { skilldock } from '../faults/support'

const servers: RunningServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

beforeAll(() => ensureBuilt(), 300_000)

const TEXT = { text: 'One two three. Four five.' }

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * The attack: `serve` runs (watch mode: worker, webhooks, MCP), text-stats' process is up. The
 * owner runs `skilldock disable text-stats` in a terminal — a separate process writing the shared
 * database. Nothing may reach the skill after that: not a signed webhook, a queued job, a schedule
 * or a composite step, and its process must not keep running.
 */
describe('a skill disabled by another process while serve runs', () => {
  it('stops its process and refuses webhook, job, schedule and composite calls', async () => {
    const clock = new ManualClock(Date.now())
    const timer = new ManualTimer()
    // The bundled skills the built CLI (a separate process on the same data home) also indexes.
    const t = automationCore(root, { clock, watch: true, automationTimer: timer })
    const server = await startServer({ core: t.core, port: 0, uiDir: null })
    servers.push(server)

    const hook = await t.call('webhooks.add', { id: 'stats', skill: 'text-stats', tool: 'text_statistics' })
    const post = async () => {
      const body = JSON.stringify(TEXT)
      const res = await fetch(`http://127.0.0.1:${server.port}${hook.path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'SkillDock-Signature': signWebhook(hook.secret, body, Math.floor(clock.now().getTime() / 1000)),
        },
        body,
      })
      return { status: res.status, body: JSON.stringify(await res.json()) }
    }
    const made = await t.call('compose.create', {
      name: 'stats-relay',
      steps: ['text-stats/text_statistics'],
    })
    await t.call('approvals.decide', { id: made.approval.id, approve: true })
    const agent = await httpClient(
      server.mcpUrl,
      (await t.call('clients.add', { name: 'agent' })).token,
      'agent',
    )
    await t.call('schedules.add', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: TEXT,
      every: '1m',
    })

    // Before: the webhook works and the skill's process runs.
    const before = await post()
    expect(before.status).toBe(200)
    expect(before.body).toMatch(/"words":\s*5/)
    const [running] = await t.call('runtime.status', { name: 'text-stats' })
    expect(running?.state).toBe('running')
    const pid = running!.pid!
    expect(alive(pid)).toBe(true)

    // Another process disables it.
    expect(skilldock(t.home, 'disable', 'text-stats')).toContain('disabled')

    // Its process is stopped without anybody calling it.
    await vi.waitFor(() => expect(alive(pid)).toBe(false), { timeout: 20_000, interval: 100 })
    const [after] = await t.call('runtime.status', { name: 'text-stats' })
    expect(after?.state).not.toBe('running')

    // A signed webhook is refused (a new signature: the same one again would be a replay).
    clock.advance(1000)
    const hooked = await post()
    expect(hooked.status).toBe(403)
    expect(hooked.body).toContain('text-stats is disabled')

    // A queued job fails, saying why.
    const job = await enqueueOnce(t, 'text-stats', 'text_statistics', TEXT)
    await timer.fire()
    const jobs = await t.call('jobs.list', {})
    expect(jobs.find((j) => j.id === job.id)).toMatchObject({ state: 'failed', result: null })
    expect(jobs.find((j) => j.id === job.id)?.lastError).toContain('text-stats is disabled')

    // A due schedule's job does not run the tool either.
    clock.advance(61_000)
    await timer.fire()
    const fired = (await t.call('jobs.list', {})).find((j) => j.origin === 'schedule')
    expect(fired?.state).not.toBe('succeeded')
    expect(fired?.lastError).toContain('text-stats is disabled')

    // A composite's step is refused, for an MCP client too.
    const composite = await callTool(agent, 'skill_call', {
      skill: 'stats-relay',
      tool: 'run',
      arguments: TEXT,
    })
    expect(composite.isError).toBe(true)
    expect(text(composite)).toContain('text-stats is disabled')
    expect(JSON.stringify(composite.structuredContent ?? {})).not.toMatch(/"words":\s*5/)

    // None of that started it again.
    const [still] = await t.call('runtime.status', { name: 'text-stats' })
    expect(still?.state).not.toBe('running')
  }, 120_000)

  it('stops and refuses a skill another process deprecated', async () => {
    const timer = new ManualTimer()
    const t = automationCore(root, {
      watch: true,
      automationTimer: timer,
    })
    await t.call('runtime.call', { name: 'text-stats', tool: 'text_statistics', arguments: TEXT })
    const [running] = await t.call('runtime.status', { name: 'text-stats' })
    const pid = running!.pid!
    skilldock(t.home, 'deprecate', 'text-stats', '--reason', 'old', '--replacement', 'unit-converter')
    await vi.waitFor(() => expect(alive(pid)).toBe(false), { timeout: 20_000, interval: 100 })
    const job = await enqueueOnce(t, 'text-stats', 'text_statistics', TEXT)
    await timer.fire()
    const ran = (await t.call('jobs.list', {})).find((j) => j.id === job.id)
    expect(ran?.state).toBe('failed')
    expect(ran?.lastError).toContain('deprecated')
    expect(ran?.lastError).toContain('use unit-converter')
  }, 120_000)
})
