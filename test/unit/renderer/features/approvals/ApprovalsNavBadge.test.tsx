import { act, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Approval, CallRequest } from '../../../../../src-main/contract'
import { BridgeError } from '../../../../../src-renderer/api/client'
import { makeApproval, makeHeldCall as held, type FakeHandlers } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

/** Skill requests and held calls, listed by status the way the core lists them. */
function waiting(approvals: Approval[], calls: CallRequest[]): FakeHandlers {
  return {
    'skills.list': () => [],
    'approvals.list': ({ status }) =>
      approvals.filter((a) => !status || a.status === status).map((a) => ({ ...a })),
    'calls.list': ({ status }) => calls.filter((c) => !status || c.status === status).map((c) => ({ ...c })),
  }
}

const badge = (): string | null => screen.queryByTestId('nav-approvals-count')?.textContent ?? null
/** The rail entry as a screen reader announces it: "Approvals (<what waits>)". */
const entry = (waiting?: string): HTMLElement =>
  screen.getByRole('link', { name: waiting ? `Approvals (${waiting})` : 'Approvals' })

describe('the Approvals badge on the rail', () => {
  it('counts skill requests and held calls together and says which is which', async () => {
    const approvals = [
      makeApproval({ id: 'a1', skill: 'tidy-notes' }),
      makeApproval({ id: 'a2', skill: 'pdf' }),
    ]
    renderAppAt('#/skills', waiting(approvals, [held({ id: 'c1' })]))

    await waitFor(() => expect(badge()).toBe('3'))
    expect(entry('3 waiting: 2 skills, 1 call')).toBeTruthy()
    expect(screen.getByTestId('nav-approvals-count').getAttribute('title')).toBe(
      '3 waiting: 2 skills, 1 call',
    )
  })

  it('follows calls.pending and calls.decided while another screen is open', async () => {
    const approvals = [makeApproval({ id: 'a1', skill: 'tidy-notes' })]
    const calls: CallRequest[] = []
    const { api } = renderAppAt('#/skills', waiting(approvals, calls))
    await waitFor(() => expect(badge()).toBe('1'))
    expect(entry('1 waiting: 1 skill')).toBeTruthy()

    calls.push(held({ id: 'c1' }), held({ id: 'c2', skill: 'text-stats', tool: 'top_words' }))
    act(() =>
      api.emit('calls.pending', { id: 'c1', skill: 'unit-converter', tool: 'convert', client: 'cursor' }),
    )
    act(() =>
      api.emit('calls.pending', { id: 'c2', skill: 'text-stats', tool: 'top_words', client: 'cursor' }),
    )
    await waitFor(() => expect(badge()).toBe('3'))
    expect(entry('3 waiting: 1 skill, 2 calls')).toBeTruthy()

    // One approved from the CLI, one ran out of time: the core reports both as decided.
    calls[0]!.status = 'approved'
    calls[1]!.status = 'expired'
    act(() => api.emit('calls.decided', { id: 'c1', status: 'approved' }))
    act(() => api.emit('calls.decided', { id: 'c2', status: 'expired' }))
    await waitFor(() => expect(badge()).toBe('1'))
    expect(entry('1 waiting: 1 skill')).toBeTruthy()

    approvals[0]!.status = 'approved'
    act(() => api.emit('skills.changed', { names: ['tidy-notes'] }))
    await waitFor(() => expect(badge()).toBeNull())
    expect(entry()).toBeTruthy()
  })

  it('shows held calls alone when no skill waits', async () => {
    renderAppAt('#/skills', waiting([], [held({ id: 'c1' })]))
    await waitFor(() => expect(badge()).toBe('1'))
    expect(entry('1 waiting: 1 call')).toBeTruthy()
  })

  it('still counts skills when held calls cannot be read, without an error on the Policies screen', async () => {
    const approvals = [makeApproval({ id: 'a1', skill: 'tidy-notes' })]
    const { api } = renderAppAt('#/policies', {
      ...waiting(approvals, []),
      'calls.list': () => {
        throw new BridgeError({ code: 'INTERNAL', message: 'database is locked' })
      },
      'policies.list': () => [],
      'roles.list': () => [],
      'roles.clients': () => [],
      'limits.list': () => [],
    })
    await screen.findByText('No call policies: every call runs.')
    await waitFor(() => expect(badge()).toBe('1'))
    // A held call arrives while the Policies screen is open; re-reading the list fails.
    const reads = api.callsTo('calls.list').length
    act(() =>
      api.emit('calls.pending', { id: 'c1', skill: 'unit-converter', tool: 'convert', client: 'cursor' }),
    )
    await waitFor(() => expect(api.callsTo('calls.list').length).toBe(reads + 1))
    await act(async () => {}) // let the failed read settle
    expect(entry('1 waiting: 1 skill')).toBeTruthy()
    expect(screen.queryByText(/database is locked/)).toBeNull()
  })
})
