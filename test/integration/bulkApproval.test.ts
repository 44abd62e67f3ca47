import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Approval } from '../../src-main/contract/models'
import { makeCore, type TestCore } from '../support/core'
import { tempDir, writeSkill } from '../support/fs'

const fixtures = resolve(__dirname, '../fixtures/governance')
const CROWD = Number(process.env.BULK_CROWD ?? 1_994)

/** A copy of a governance fixture under a new name (CRITICAL `loader`, HIGH `shell-runner`). */
function copyAs(fixture: string, name: string, into: string): void {
  const dir = join(into, name)
  cpSync(join(fixtures, fixture), dir, { recursive: true })
  const md = join(dir, 'SKILL.md')
  writeFileSync(md, readFileSync(md, 'utf8').replace(`name: ${fixture}`, `name: ${name}`))
}

async function allPages(t: TestCore, input: Record<string, unknown>, limit: number): Promise<Approval[]> {
  const seen: Approval[] = []
  for (;;) {
    const cursor = seen.at(-1)?.id
    const page = await t.call('approvals.list', { ...input, limit, ...(cursor ? { cursor } : {}) })
    if (page.length === 0) return seen
    expect(page.length).toBeLessThanOrEqual(limit)
    seen.push(...page)
  }
}

describe('the inbox at 2,000 pending requests', () => {
  it('pages through every request once, and bulk-approves one source up to LOW, each on its own, never CRITICAL', async () => {
    const t = makeCore()
    // "team": four LOW skills, one HIGH, one CRITICAL. "crowd": the rest of the 2,000.
    const team = tempDir('team-')
    for (const name of ['alpha', 'bravo', 'charlie', 'delta']) writeSkill(team, `team-${name}`)
    copyAs('shell-runner', 'team-shell', team)
    copyAs('loader', 'team-loader', team)
    const crowd = tempDir('crowd-')
    for (let i = 0; i < CROWD; i += 1) writeSkill(crowd, `crowd-${String(i).padStart(4, '0')}`)
    await t.call('repos.add', { name: 'team', url: team, type: 'local' })
    await t.call('repos.add', { name: 'crowd', url: crowd, type: 'local' })
    await t.call('repos.sync', { name: 'team' })
    await t.call('repos.sync', { name: 'crowd' })
    const total = CROWD + 6

    // Paging: every pending request exactly once, newest first, no page over the limit.
    const paged = await allPages(t, { status: 'pending' }, 250)
    expect(paged).toHaveLength(total)
    expect(new Set(paged.map((a) => a.id)).size).toBe(total)
    const created = paged.map((a) => a.createdAt)
    expect([...created].sort().reverse()).toEqual(created)
    // Filters: by source, and by risk within it.
    const teamPending = await t.call('approvals.list', { status: 'pending', source: 'team' })
    expect(teamPending.map((a) => a.skill).sort()).toEqual(
      ['team-alpha', 'team-bravo', 'team-charlie', 'team-delta', 'team-loader', 'team-shell'].sort(),
    )
    expect(teamPending.every((a) => a.source === 'team')).toBe(true)
    const risks = Object.fromEntries(teamPending.map((a) => [a.skill, a.risk]))
    expect(risks['team-loader']).toBe('CRITICAL')
    expect(risks['team-shell']).toBe('HIGH')
    const groups = await t.call('approvals.groups', {})
    expect(groups).toContainEqual({ source: 'crowd', risk: 'LOW', count: CROWD })
    expect(groups).toContainEqual({ source: 'team', risk: 'CRITICAL', count: 1 })

    // The preview changes nothing.
    const preview = await t.call('approvals.approveMany', { source: 'team', maxRisk: 'LOW', dryRun: true })
    expect(
      preview.items
        .filter((i) => i.outcome === 'would-approve')
        .map((i) => i.skill)
        .sort(),
    ).toEqual(['team-alpha', 'team-bravo', 'team-charlie', 'team-delta'])
    expect(await t.call('approvals.list', { status: 'pending', source: 'team' })).toHaveLength(6)

    // Even asking for everything up to HIGH, CRITICAL stays for a person.
    const result = await t.call('approvals.approveMany', {
      source: 'team',
      maxRisk: 'HIGH',
      trust: 'monitored',
      notes: 'reviewed the team batch',
    })
    const approved = result.items.filter((i) => i.outcome === 'approved').map((i) => i.skill)
    expect(approved.sort()).toEqual(['team-alpha', 'team-bravo', 'team-charlie', 'team-delta', 'team-shell'])
    expect(result.items.find((i) => i.skill === 'team-loader')).toMatchObject({
      outcome: 'skipped',
      reason: expect.stringContaining('CRITICAL'),
    })

    // Each request is decided on its own: its own decision, notes and audit entry.
    for (const skill of approved) {
      const request = teamPending.find((a) => a.skill === skill)!
      expect(await t.call('approvals.get', { id: request.id })).toMatchObject({
        status: 'approved',
        trust: 'monitored',
        notes: 'reviewed the team batch',
        decidedBy: 'user',
      })
      expect((await t.call('skills.get', { name: skill })).state).toBe('active')
    }
    const audit = await t.call('activity.list', { action: 'approval.approve', limit: 50 })
    expect(audit.entries.map((e) => e.skill).sort()).toEqual([...approved].sort())
    expect((await t.call('skills.get', { name: 'team-loader' })).state).toBe('pending')
    expect(await t.call('approvals.list', { status: 'pending', source: 'crowd', limit: 1 })).toHaveLength(1)
    expect((await allPages(t, { status: 'pending' }, 500)).length).toBe(total - 5)
    // Syncing 2,000 skills is most of the time (a busy 2-core machine takes a minute or more).
  }, 300_000)

  it('never grants trusted in bulk and refuses a source that does not exist', async () => {
    const t = makeCore()
    const team = tempDir('team-')
    writeSkill(team, 'team-alpha')
    await t.call('repos.add', { name: 'team', url: team, type: 'local' })
    await t.call('repos.sync', { name: 'team' })
    expect(await t.raw('approvals.approveMany', { source: 'team', trust: 'trusted' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('trusted is never granted in bulk') },
    })
    expect(await t.raw('approvals.approveMany', { source: 'team', maxRisk: 'CRITICAL' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await t.raw('approvals.approveMany', { source: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('No source named nope') },
    })
    expect(await t.call('approvals.list', { status: 'pending' })).toHaveLength(1)
  })
})
