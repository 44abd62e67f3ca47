import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { CallPolicy, CallRequest } from '../../../../../src-main/contract'
import { BridgeError } from '../../../../../src-renderer/api/client'
import { makeHeldCall as held, type FakeHandlers } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

/** Held calls decided the way the core decides them. */
function callHandlers(calls: CallRequest[]): FakeHandlers {
  return {
    'approvals.list': () => [],
    'governance.get': () => ({
      mode: 'semi_auto',
      defaultTrust: 'sandboxed',
      gapDetection: true,
      selfGeneration: true,
      updatedAt: '2030-01-01T00:00:00.000Z',
    }),
    // The Approvals page shows the governance switches, the LLM review among them.
    'scan.settings': () => ({ llmReview: false, reviewFailOpen: false }),
    'calls.list': ({ status }) => calls.filter((c) => !status || c.status === status).map((c) => ({ ...c })),
    'calls.decide': ({ id, approve, reason }) => {
      const call = calls.find((c) => c.id === id)
      if (!call) throw new BridgeError({ code: 'NOT_FOUND', message: `No held call has the id "${id}".` })
      if (call.status !== 'pending') {
        throw new BridgeError({ code: 'CONFLICT', message: `The call ${id} is already ${call.status}.` })
      }
      Object.assign(call, {
        status: approve ? 'approved' : 'denied',
        reason: reason ?? null,
        decidedBy: 'user',
      })
      return { ...call }
    },
  }
}

describe('calls waiting for approval on the Approvals page', () => {
  it('shows held calls with their arguments as text and approves one', async () => {
    const calls = [
      held({ id: 'c1', arguments: { note: '<img src=x onerror=alert(1)>' } }),
      held({ id: 'c2', skill: 'text-stats', tool: 'top_words' }),
    ]
    const { api } = renderAppAt('#/approvals', callHandlers(calls))
    await waitFor(() => expect(screen.getAllByTestId('pending-call')).toHaveLength(2))
    const first = screen.getAllByTestId('pending-call').find((el) => el.getAttribute('data-call') === 'c1')!
    expect(within(first).getByText(/<img src=x onerror=alert\(1\)>/)).toBeTruthy()
    expect(first.querySelector('img')).toBeNull()
    expect(within(first).getByText('from cursor (mcp)', { exact: false })).toBeTruthy()

    fireEvent.click(within(first).getByRole('button', { name: 'Approve call' }))
    await waitFor(() => expect(screen.getAllByTestId('pending-call')).toHaveLength(1))
    expect(api.callsTo('calls.decide')).toEqual([{ id: 'c1', approve: true }])
    expect(calls[0]?.status).toBe('approved')
  })

  it('denies with a reason, shows a refusal from the core, and follows calls.pending events', async () => {
    const calls = [held({ id: 'c1' })]
    const { api } = renderAppAt('#/approvals', callHandlers(calls))
    const row = await screen.findByTestId('pending-call')
    fireEvent.change(within(row).getByLabelText('Reason for unit-converter/convert'), {
      target: { value: 'not now' },
    })
    // Another process expired it meanwhile: the core refuses and the view says so.
    calls[0]!.status = 'expired'
    fireEvent.click(within(row).getByRole('button', { name: 'Deny call' }))
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('already expired'))
    expect(api.callsTo('calls.decide')).toEqual([{ id: 'c1', approve: false, reason: 'not now' }])

    calls.push(held({ id: 'c3', skill: 'text-stats', tool: 'text_statistics' }))
    act(() =>
      api.emit('calls.pending', { id: 'c3', skill: 'text-stats', tool: 'text_statistics', client: 'cursor' }),
    )
    await waitFor(() => expect(screen.getByTestId('pending-call').getAttribute('data-call')).toBe('c3'))
  })
})

describe('the Policies screen', () => {
  it('lists policies and adds one from the form', async () => {
    const policies: CallPolicy[] = []
    const { api } = renderAppAt('#/policies', {
      'policies.list': () => [...policies],
      'policies.add': ({ skill, tool, kind, timeoutSeconds }) => {
        const p = {
          id: policies.length + 1,
          skill,
          tool: tool ?? '*',
          kind,
          timeoutSeconds: timeoutSeconds ?? 300,
          createdAt: '',
        }
        policies.push(p)
        return p
      },
      'roles.list': () => [],
      'roles.clients': () => [{ client: 'cursor', mode: 'catalog', role: null }],
      'limits.list': () => [],
    })
    await screen.findByText('No call policies: every call runs.')
    fireEvent.change(screen.getByLabelText(/Skill\[\/tool\]/), { target: { value: 'admin/*' } })
    fireEvent.change(screen.getByLabelText('Wait (e.g. 5m)'), { target: { value: '2m' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add policy' }))
    await waitFor(() => expect(screen.getAllByTestId('policy-row')).toHaveLength(1))
    expect(api.callsTo('policies.add')).toEqual([
      { skill: 'admin', tool: '*', kind: 'requires_approval', timeoutSeconds: 120 },
    ])
    expect(screen.getByTestId('policy-row').textContent).toContain('requires approval (waits 120 s)')
    expect(screen.getByLabelText('Role of cursor')).toBeTruthy()
  })
})
