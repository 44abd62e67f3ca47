import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Approval } from '../../src-main/contract/models'
import { compositeSkillMd, parseSteps } from '../../src-main/core/automation/compositeSpec'
import { type RunningServer, startServer } from '../../src-main/http/server'
import { signWebhook } from '../../src-main/core/automation'
import { automationCore, enqueueOnce, ManualTimer } from '../support/automation'
import { cli } from '../support/cli'
import { tempDir } from '../support/fs'
import { callTool, httpClient, root, setExposure, text } from '../support/mcp'

const servers: RunningServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

const TEXT = { text: 'One two three. Four five.' }

/**
 * The attack: text-stats is restricted to alice (2 calls a minute). Someone drops in a composite
 * whose only step is text-stats — a SKILL.md with frontmatter and prose, nothing for a scanner to
 * flag — hoping governance approves it on its own and that calling the composite gets around the
 * allow-list and the limit.
 */
async function restrictedBehindComposite() {
  // The bundled skills the CLI (a core of its own on the same data home) also indexes.
  const t = automationCore(root)
  const server = await startServer({ core: t.core, port: 0, uiDir: null })
  servers.push(server)
  const alice = (await t.call('clients.add', { name: 'alice', mode: 'catalog' })).token
  const mallory = (await t.call('clients.add', { name: 'mallory', mode: 'catalog' })).token
  setExposure(t.home, 'text-stats', { trust: 'restricted', allowedClients: ['alice'], ratePerMinute: 2 })
  await t.call('governance.set', { mode: 'full_auto' })

  const dir = join(tempDir('skilldock-attack-composite-'), 'stats-relay')
  const { mkdirSync } = await import('node:fs')
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'SKILL.md'),
    compositeSkillMd('stats-relay', parseSteps(['text-stats/text_statistics']), 'Relays text statistics.'),
  )
  const added = await cli(['--home', t.home, '--json', 'add', dir])
  expect(added.code, added.stderr).toBe(0)
  return { t, server, alice, mallory }
}

describe('a composite over a restricted skill', () => {
  it('is never approved automatically; its request lists the steps and the trust of each target', async () => {
    const { t } = await restrictedBehindComposite()
    const [summary] = (await t.call('skills.list', {})).filter((s) => s.name === 'stats-relay')
    expect(summary?.state).toBe('pending')
    const pending = (await t.call('approvals.list', { status: 'pending' })) as Approval[]
    const request = pending.find((a) => a.skill === 'stats-relay')
    expect(request).toBeDefined()
    expect(['MEDIUM', 'HIGH', 'CRITICAL']).toContain(request?.risk)
    const steps = (request?.findings ?? []).filter((f) => f.rule === 'composite.step')
    expect(steps).toHaveLength(1)
    expect(steps[0]?.message).toContain('text-stats/text_statistics')
    expect(steps[0]?.message).toContain('restricted')
    // Not approved: nobody can call it yet.
    const refused = await t.raw('runtime.call', { name: 'stats-relay', tool: 'run', arguments: TEXT })
    expect(refused).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } })
  }, 60_000)

  it('does not let a client off the allow-list read through it, nor anyone past the per-skill limit', async () => {
    const { t, server, alice, mallory } = await restrictedBehindComposite()
    const pending = (await t.call('approvals.list', { status: 'pending' })) as Approval[]
    const request = pending.find((a) => a.skill === 'stats-relay')
    // A person approves the composite itself (for everyone): the restricted step stays restricted.
    await t.call('approvals.decide', { id: request!.id, approve: true, trust: 'trusted' })

    const outsider = await httpClient(server.mcpUrl, mallory, 'mallory')
    const direct = await callTool(outsider, 'skill_call', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: TEXT,
    })
    expect(direct.isError).toBe(true)
    const through = await callTool(outsider, 'skill_call', {
      skill: 'stats-relay',
      tool: 'run',
      arguments: TEXT,
    })
    expect(through.isError).toBe(true)
    expect(text(through)).toContain("Client 'mallory' may not call text-stats")
    expect(JSON.stringify(through)).not.toMatch(/"words":\s*5/)

    // alice is allowed, twice a minute: the composite's step counts against the same budget.
    const insider = await httpClient(server.mcpUrl, alice, 'alice')
    const first = await callTool(insider, 'skill_call', {
      skill: 'stats-relay',
      tool: 'run',
      arguments: TEXT,
    })
    expect(first.isError, text(first)).toBeFalsy()
    expect(JSON.stringify(first.structuredContent)).toMatch(/"words":\s*5/)
    const second = await callTool(insider, 'skill_call', {
      skill: 'text-stats',
      tool: 'text_statistics',
      arguments: TEXT,
    })
    expect(second.isError, text(second)).toBeFalsy()
    const third = await callTool(insider, 'skill_call', {
      skill: 'stats-relay',
      tool: 'run',
      arguments: TEXT,
    })
    expect(third.isError).toBe(true)
    expect(text(third)).toContain('2 calls per minute for client "alice"')

    // Both refusals are in the activity log under the caller's name.
    const log = (await t.call('activity.list', { skill: 'text-stats' })).entries
    expect(log.some((e) => e.client === 'mallory' && e.outcome === 'denied')).toBe(true)
    expect(log.some((e) => e.client === 'alice' && e.outcome === 'rate_limited')).toBe(true)
  }, 60_000)

  it('is enforced for every origin: a webhook is off the allow-list, jobs count against the limit', async () => {
    const timer = new ManualTimer()
    const t = automationCore(root, { watch: true, automationTimer: timer })
    const server = await startServer({ core: t.core, port: 0, uiDir: null })
    servers.push(server)
    const hook = await t.call('webhooks.add', { id: 'stats', skill: 'text-stats', tool: 'text_statistics' })
    setExposure(t.home, 'text-stats', { trust: 'restricted', allowedClients: ['alice'], ratePerMinute: 1 })

    const body = JSON.stringify(TEXT)
    const res = await fetch(`http://127.0.0.1:${server.port}${hook.path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'SkillDock-Signature': signWebhook(hook.secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
    })
    expect(res.status).toBe(403)
    expect(JSON.stringify(await res.json())).toContain("Client 'webhook:stats' may not call text-stats")

    for (let i = 0; i < 2; i++) {
      await enqueueOnce(t, 'text-stats', 'text_statistics', TEXT)
    }
    await timer.fire()
    const jobs = await t.call('jobs.list', {})
    expect(jobs.map((j) => j.state).sort()).toEqual(['failed', 'succeeded'])
    expect(jobs.find((j) => j.state === 'failed')?.lastError).toContain('allows 1 call per minute')
  }, 60_000)
})
