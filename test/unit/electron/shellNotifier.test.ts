import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { describe, expect, it } from 'vitest'
import type { RuntimeStatus } from '../../../src-main/contract'
import { CoreEvents } from '../../../src-main/core/events'
import { ShellNotifier, type ShellNotice } from '../../../src-main/electron/shellNotifier'
import { readWaiting } from '../../../src-main/electron/trayMenu'
import { connect, mcpCore, text } from '../../support/mcp'

const status = (skill: string, state: RuntimeStatus['state']): RuntimeStatus => ({
  skill,
  state,
  pid: null,
  startedAt: null,
  inFlight: 0,
  recentCrashes: 5,
  lastError: 'exit code 1',
})

describe('desktop notifications', () => {
  it('notifies each new approval request and refreshes the tray count', () => {
    const events = new CoreEvents()
    const notices: ShellNotice[] = []
    let refreshed = 0
    new ShellNotifier(
      events,
      (n) => notices.push(n),
      () => refreshed++,
    )
    events.emit('approvals.pending', { id: 'a1', skill: 'pdf-tools', risk: 'HIGH', kind: 'import' })
    events.emit('approvals.pending', { id: 'a2', skill: 'csv', risk: 'LOW', kind: 'import' })
    expect(notices.map((n) => n.route)).toEqual(['#/approvals/a1', '#/approvals/a2'])
    expect(notices[0]?.body).toContain('pdf-tools')
    expect(notices[0]?.body).toContain('HIGH risk')
    expect(refreshed).toBe(2)
    events.emit('skills.changed', { names: ['csv'] })
    expect(refreshed).toBe(3)
  })

  it('notifies each call held for approval, opening the Approvals page, and refreshes the tray count', () => {
    const events = new CoreEvents()
    const notices: ShellNotice[] = []
    let refreshed = 0
    const notifier = new ShellNotifier(
      events,
      (n) => notices.push(n),
      () => refreshed++,
    )
    events.emit('calls.pending', { id: 'c1', skill: 'unit-converter', tool: 'convert', client: 'cursor' })
    expect(notices).toEqual([
      {
        title: 'Call waiting for approval',
        body: 'cursor wants to run unit-converter/convert. The call is held until you approve or deny it.',
        route: '#/approvals',
      },
    ])
    expect(refreshed).toBe(1)
    // A decision (or an expiry) lowers the count without a notice of its own.
    events.emit('calls.decided', { id: 'c1', status: 'expired' })
    expect(notices).toHaveLength(1)
    expect(refreshed).toBe(2)
    notifier.dispose()
    events.emit('calls.pending', { id: 'c2', skill: 'unit-converter', tool: 'convert', client: 'cursor' })
    events.emit('calls.decided', { id: 'c2', status: 'denied' })
    expect(notices).toHaveLength(1)
    expect(refreshed).toBe(2)
  })

  it('notifies a call the real core holds at its MCP endpoint, and counts it in the tray until denied', async () => {
    const t = mcpCore()
    await t.call('policies.add', { skill: 'unit-converter', kind: 'requires_approval', timeoutSeconds: 120 })
    const notices: ShellNotice[] = []
    const trayCounts: Array<{ skills: number; calls: number }> = []
    const notifier = new ShellNotifier(
      t.core.events,
      (n) => notices.push(n),
      () => void readWaiting(t.core.invoke).then((w) => trayCounts.push(w)),
    )
    const session = t.core.mcp.openSession({ name: 'cursor', mode: 'catalog' })
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
    await session.server.connect(serverSide)
    const client = await connect(clientSide, 'cursor')
    const call = client.callTool({
      name: 'skill_call',
      arguments: {
        skill: 'unit-converter',
        tool: 'convert',
        arguments: { value: 1, from_unit: 'km', to_unit: 'mi' },
      },
    })

    await expect.poll(() => notices.length, { timeout: 20_000 }).toBe(1)
    expect(notices[0]).toMatchObject({ title: 'Call waiting for approval', route: '#/approvals' })
    expect(notices[0]?.body).toContain('cursor wants to run unit-converter/convert')
    await expect.poll(() => trayCounts.at(-1), { timeout: 10_000 }).toEqual({ skills: 0, calls: 1 })

    const [held] = await t.call('calls.list', { status: 'pending' })
    await t.call('calls.decide', { id: held!.id, approve: false, reason: 'not now' })
    await expect.poll(() => trayCounts.at(-1), { timeout: 10_000 }).toEqual({ skills: 0, calls: 0 })
    expect(text(await call)).toContain('denied')
    expect(notices).toHaveLength(1)
    notifier.dispose()
  }, 60_000)

  it('notifies once when a skill is disabled after a crash loop, again only after it recovered', () => {
    const events = new CoreEvents()
    const notices: ShellNotice[] = []
    const notifier = new ShellNotifier(events, (n) => notices.push(n))
    events.emit('runtime.status', status('flaky', 'backoff'))
    events.emit('runtime.status', status('flaky', 'disabled'))
    events.emit('runtime.status', status('flaky', 'disabled'))
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ title: 'Skill disabled', route: '#/skills/flaky' })
    expect(notices[0]?.body).toContain('exit code 1')
    events.emit('runtime.status', status('flaky', 'running'))
    events.emit('runtime.status', status('flaky', 'disabled'))
    expect(notices).toHaveLength(2)
    notifier.dispose()
    events.emit('approvals.pending', { id: 'a3', skill: 'x', risk: 'LOW', kind: 'import' })
    expect(notices).toHaveLength(2)
  })
})
