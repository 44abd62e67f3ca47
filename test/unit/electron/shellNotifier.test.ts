import { describe, expect, it } from 'vitest'
import type { RuntimeStatus } from '../../../src-main/contract'
import { CoreEvents } from '../../../src-main/core/events'
import { ShellNotifier, type ShellNotice } from '../../../src-main/electron/shellNotifier'

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
