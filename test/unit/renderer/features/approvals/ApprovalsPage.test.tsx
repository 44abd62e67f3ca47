import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Approval, Governance } from '../../../../../src-main/contract'
import { BridgeError } from '../../../../../src-renderer/api/client'
import { makeApproval, makeDetail, makeFinding, makeSummary, type FakeHandlers } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

/** An inbox that decides the way the core does, near enough. */
function inboxHandlers(items: Approval[], extra: FakeHandlers = {}): FakeHandlers {
  let governance: Governance = {
    mode: 'semi_auto',
    defaultTrust: 'sandboxed',
    gapDetection: true,
    selfGeneration: true,
    updatedAt: '2025-01-01T00:00:00.000Z',
  }
  const find = (id: string): Approval => {
    const item = items.find((candidate) => candidate.id === id)
    if (!item) throw new BridgeError({ code: 'NOT_FOUND', message: `No approval request "${id}".` })
    return item
  }
  return {
    // Copies, as over the wire: the UI must never see its data mutate in place.
    'approvals.list': ({ status }) =>
      items.filter((item) => !status || item.status === status).map((a) => ({ ...a })),
    'approvals.get': ({ id }) => ({ ...find(id) }),
    'approvals.decide': ({ id, approve, trust, allowedClients, rateLimitPerMinute, notes }) => {
      const item = find(id)
      Object.assign(item, {
        status: approve ? 'approved' : 'rejected',
        trust: approve ? (trust ?? item.requestedTrust) : null,
        allowedClients: allowedClients ?? null,
        rateLimitPerMinute: rateLimitPerMinute ?? null,
        notes: notes ?? null,
        decidedBy: 'user',
        decidedAt: '2025-01-02T00:00:00.000Z',
      })
      return { ...item }
    },
    // The file viewer lists the skill's installed files.
    'skills.get': ({ name }) => makeDetail(makeSummary({ name, trust: 'sandboxed' })),
    'skills.readFile': ({ path }) => ({ path, content: `text of ${path}` }),
    'governance.get': () => governance,
    'governance.set': (change) => (governance = { ...governance, ...change }),
    ...extra,
  }
}

const badge = (): string | null => screen.queryByTestId('nav-approvals-count')?.textContent ?? null
const rows = (): Array<string | null> =>
  screen.queryAllByTestId('approval-row').map((row) => row.getAttribute('data-skill'))

describe('approval inbox', () => {
  it('shows the pending count in the rail and follows approvals.pending events', async () => {
    const items = [makeApproval({ id: 'a1', skill: 'tidy-notes' })]
    const { api } = renderAppAt('#/skills', { ...inboxHandlers(items), 'skills.list': () => [] })
    await waitFor(() => expect(badge()).toBe('1'))

    items.unshift(makeApproval({ id: 'a2', skill: 'shell-runner', risk: 'HIGH' }))
    act(() =>
      api.emit('approvals.pending', { id: 'a2', skill: 'shell-runner', risk: 'HIGH', kind: 'import' }),
    )
    await waitFor(() => expect(badge()).toBe('2'))

    items.forEach((item) => (item.status = 'approved'))
    act(() => api.emit('skills.changed', { names: ['tidy-notes', 'shell-runner'] }))
    await waitFor(() => expect(badge()).toBeNull())
  })

  it('lists requests with skill, kind, risk and requester, and an empty state', async () => {
    const items = [
      makeApproval({ id: 'a2', skill: 'shell-runner', risk: 'CRITICAL', kind: 'update', requester: 'sync' }),
      makeApproval({ id: 'a1', skill: 'tidy-notes' }),
    ]
    renderAppAt('#/approvals', inboxHandlers(items))
    await waitFor(() => expect(rows()).toEqual(['shell-runner', 'tidy-notes']))
    const first = screen.getAllByTestId('approval-row')[0] as HTMLElement
    expect(first.getAttribute('data-approval-id')).toBe('a2')
    expect(first.getAttribute('href')).toBe('#/approvals/a2')
    expect(within(first).getByTestId('risk-badge').textContent).toBe('CRITICAL')
    expect(first.textContent).toContain('Update')
    expect(first.textContent).toContain('sync')

    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'rejected' } })
    expect(await screen.findByText('No rejected requests.')).toBeTruthy()
  })

  it('opens a request with its requester, reason and findings grouped CRITICAL first', async () => {
    const items = [
      makeApproval({
        id: 'a1',
        skill: 'shell-runner',
        risk: 'CRITICAL',
        requester: 'cli',
        reason: 'semi_auto: a person approves every new or changed skill',
        findings: [
          makeFinding({ severity: 'LOW', rule: 'text.long', file: 'SKILL.md', line: null }),
          makeFinding({ severity: 'CRITICAL', rule: 'py.exec.shell', file: 'skill.py', line: 12 }),
          makeFinding({ severity: 'MEDIUM', rule: 'py.net', file: 'skill.py', line: 4 }),
          makeFinding({ severity: 'CRITICAL', rule: 'py.exec.eval', file: 'helper.py', line: 2 }),
        ],
      }),
    ]
    renderAppAt('#/approvals/a1', inboxHandlers(items))
    const detail = await screen.findByTestId('approval-detail')
    expect(detail.textContent).toContain('semi_auto: a person approves every new or changed skill')
    expect(detail.textContent).toContain('Requested by')
    const groups = within(detail)
      .getAllByTestId('finding-group-severity')
      .map((group) => group.textContent)
    expect(groups).toEqual(['CRITICAL', 'MEDIUM', 'LOW'])
    const findings = within(detail).getAllByTestId('approval-finding')
    expect(findings.map((finding) => finding.getAttribute('data-severity'))).toEqual([
      'CRITICAL',
      'CRITICAL',
      'MEDIUM',
      'LOW',
    ])
    expect(findings[0]?.textContent).toContain('helper.py:2')
    expect(findings[1]?.textContent).toContain('skill.py:12')
    expect(findings[1]?.textContent).toContain('py.exec.shell')
    expect(findings[3]?.textContent).toContain('SKILL.md')
    // CRITICAL needs an explicit acknowledgement before Approve is possible.
    const approve = within(detail).getByTestId('approve-button') as HTMLButtonElement
    expect(approve.disabled).toBe(true)
    fireEvent.click(within(detail).getByLabelText(/I have read the CRITICAL findings/))
    expect(approve.disabled).toBe(false)
  })

  it('approves at the chosen trust with notes, then shows the decision and lowers the count', async () => {
    const items = [makeApproval({ id: 'a1', skill: 'tidy-notes', requestedTrust: 'sandboxed' })]
    const { api } = renderAppAt('#/approvals/a1', inboxHandlers(items))
    const detail = await screen.findByTestId('approval-detail')
    await waitFor(() => expect(badge()).toBe('1'))
    const trust = within(detail).getByTestId('trust-select') as HTMLSelectElement
    expect(trust.value).toBe('sandboxed')

    fireEvent.change(trust, { target: { value: 'monitored' } })
    fireEvent.change(within(detail).getByLabelText(/^Notes/), { target: { value: 'read the code' } })
    fireEvent.click(within(detail).getByTestId('approve-button'))

    await waitFor(() => expect(within(detail).getByTestId('approval-status').textContent).toBe('approved'))
    expect(api.callsTo('approvals.decide')).toEqual([
      { id: 'a1', approve: true, trust: 'monitored', notes: 'read the code' },
    ])
    expect(within(detail).getByTestId('decision-summary').textContent).toContain('monitored')
    await waitFor(() => expect(badge()).toBeNull())
  })

  it('requires allowed clients for restricted trust and sends them with the rate limit', async () => {
    const items = [makeApproval({ id: 'a1', skill: 'tidy-notes' })]
    const { api } = renderAppAt('#/approvals/a1', inboxHandlers(items))
    const detail = await screen.findByTestId('approval-detail')
    fireEvent.change(within(detail).getByTestId('trust-select'), { target: { value: 'restricted' } })
    const approve = within(detail).getByTestId('approve-button') as HTMLButtonElement
    expect(approve.disabled).toBe(true)
    expect(detail.textContent).toContain('A restricted skill needs at least one allowed client.')

    fireEvent.change(within(detail).getByTestId('allowed-clients'), {
      target: { value: ' cursor, claude-code ,' },
    })
    fireEvent.change(within(detail).getByTestId('rate-limit'), { target: { value: '30' } })
    expect(approve.disabled).toBe(false)
    fireEvent.click(approve)
    await waitFor(() => expect(api.callsTo('approvals.decide')).toHaveLength(1))
    expect(api.callsTo('approvals.decide')[0]).toEqual({
      id: 'a1',
      approve: true,
      trust: 'restricted',
      allowedClients: ['cursor', 'claude-code'],
      rateLimitPerMinute: 30,
    })
  })

  it('rejects with notes', async () => {
    const items = [makeApproval({ id: 'a1', skill: 'tidy-notes' })]
    const { api } = renderAppAt('#/approvals/a1', inboxHandlers(items))
    const detail = await screen.findByTestId('approval-detail')
    fireEvent.change(within(detail).getByLabelText(/^Notes/), { target: { value: 'not needed' } })
    fireEvent.click(within(detail).getByTestId('reject-button'))
    await waitFor(() => expect(within(detail).getByTestId('approval-status').textContent).toBe('rejected'))
    expect(api.callsTo('approvals.decide')).toEqual([{ id: 'a1', approve: false, notes: 'not needed' }])
  })

  it('says a new request replaced this one when the files changed meanwhile', async () => {
    const items = [makeApproval({ id: 'old', skill: 'tidy-notes' })]
    const handlers = inboxHandlers(items, {
      'approvals.decide': () => {
        // What the core does: supersede the request, make a new one, then refuse.
        items[0]!.status = 'superseded'
        items.unshift(makeApproval({ id: 'new', skill: 'tidy-notes', createdAt: '2025-01-03T00:00:00.000Z' }))
        throw new BridgeError({
          code: 'CONFLICT',
          message:
            'tidy-notes changed on disk after this request was made; a new request with the new content replaced it.',
        })
      },
    })
    renderAppAt('#/approvals/old', handlers)
    const detail = await screen.findByTestId('approval-detail')
    fireEvent.click(within(detail).getByTestId('approve-button'))

    const alert = await within(detail).findByRole('alert')
    expect(alert.textContent).toContain('CONFLICT')
    expect(alert.textContent).toContain('changed on disk')
    const link = within(alert).getByRole('link', { name: 'review the new request' })
    expect(link.getAttribute('href')).toBe('#/approvals/new')
    await waitFor(() => expect(within(detail).getByTestId('approval-status').textContent).toBe('superseded'))
    expect(rows()).toEqual(['tidy-notes'])
    expect(screen.getByTestId('approval-row').getAttribute('data-approval-id')).toBe('new')
  })

  it('approves every LOW-risk request after a confirmation, leaving the others', async () => {
    const items = [
      makeApproval({ id: 'a1', skill: 'one', risk: 'LOW' }),
      makeApproval({ id: 'a2', skill: 'two', risk: 'HIGH' }),
      makeApproval({ id: 'a3', skill: 'three', risk: 'LOW', requestedTrust: 'monitored' }),
    ]
    const { api } = renderAppAt('#/approvals', inboxHandlers(items))
    fireEvent.click(await screen.findByTestId('approve-all-low'))
    expect(api.callsTo('approvals.decide')).toEqual([])
    expect(screen.getByRole('group', { name: 'Confirm bulk approval' }).textContent).toContain(
      'Approve 2 LOW-risk',
    )

    fireEvent.click(screen.getByTestId('confirm-approve-all-low'))
    await waitFor(() => expect(screen.getByTestId('bulk-outcome').textContent).toContain('2 approved'))
    expect(api.callsTo('approvals.decide')).toEqual([
      { id: 'a1', approve: true, trust: 'sandboxed' },
      { id: 'a3', approve: true, trust: 'monitored' },
    ])
    await waitFor(() => expect(rows()).toEqual(['two']))
    expect(badge()).toBe('1')
  })

  it('never bulk-approves a request asking for trusted: it waits for one-by-one review', async () => {
    const items = [
      makeApproval({ id: 'a1', skill: 'one', risk: 'LOW' }),
      makeApproval({ id: 'a2', skill: 'wants-trust', risk: 'LOW', requestedTrust: 'trusted' }),
      makeApproval({ id: 'a3', skill: 'unspecified', risk: 'LOW', requestedTrust: null }),
    ]
    const { api } = renderAppAt('#/approvals', inboxHandlers(items))
    fireEvent.click(await screen.findByTestId('approve-all-low'))
    const confirm = screen.getByRole('group', { name: 'Confirm bulk approval' })
    expect(confirm.textContent).toContain('Approve 2 LOW-risk')
    expect(confirm.textContent).toContain('1 asking for trusted is left for you to review one by one.')
    fireEvent.click(screen.getByTestId('confirm-approve-all-low'))
    await waitFor(() => expect(screen.getByTestId('bulk-outcome').textContent).toContain('2 approved'))
    expect(api.callsTo('approvals.decide')).toEqual([
      { id: 'a1', approve: true, trust: 'sandboxed' },
      { id: 'a3', approve: true, trust: 'sandboxed' },
    ])
    await waitFor(() => expect(rows()).toEqual(['wants-trust']))
  })

  it('changes the governance mode, each mode explained', async () => {
    const { api } = renderAppAt('#/approvals', inboxHandlers([]))
    const modes = await screen.findByTestId('governance-mode')
    expect(modes.textContent).toContain('A person approves everything new or changed')
    expect(modes.textContent).toContain('LOW-risk skills are approved automatically at sandboxed trust')
    expect(modes.textContent).toContain('the skill generator is off')
    expect(screen.getByText(/CRITICAL findings always waits for a person/)).toBeTruthy()
    expect((within(modes).getByDisplayValue('semi_auto') as HTMLInputElement).checked).toBe(true)

    fireEvent.click(within(modes).getByDisplayValue('full_auto'))
    await waitFor(() =>
      expect((within(modes).getByDisplayValue('full_auto') as HTMLInputElement).checked).toBe(true),
    )
    expect(api.callsTo('governance.set')).toEqual([{ mode: 'full_auto' }])
    expect(screen.getByTestId('approvals-empty').textContent).toBe('Nothing waits for a decision.')
  })
})
