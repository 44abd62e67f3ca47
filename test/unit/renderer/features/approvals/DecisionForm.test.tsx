import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Approval, TrustLevel } from '../../../../../src-main/contract'
import { makeApproval, makeDetail, makeFinding, makeSummary, type FakeHandlers } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

/** One open request, a skill whose current trust is `trust`, and files the viewer can read. */
function handlers(
  approval: Approval,
  trust: TrustLevel = 'sandboxed',
  extra: FakeHandlers = {},
): FakeHandlers {
  return {
    'approvals.list': () => [{ ...approval }],
    'approvals.get': () => ({ ...approval }),
    'approvals.decide': (input) => ({ ...approval, status: input.approve ? 'approved' : 'rejected' }),
    'governance.get': () => ({
      mode: 'semi_auto',
      defaultTrust: 'monitored',
      gapDetection: true,
      selfGeneration: true,
      updatedAt: '2025-01-01T00:00:00.000Z',
    }),
    'skills.get': ({ name }) =>
      makeDetail(makeSummary({ name, trust }), {
        files: [
          { path: 'SKILL.md', size: 40 },
          { path: 'scripts/run.py', size: 30 },
        ],
      }),
    'skills.readFile': ({ path }) => ({
      path,
      content: path === 'scripts/run.py' ? 'import os\nx = 1\nos.system(cmd)\n' : '# doc\n',
    }),
    ...extra,
  }
}

async function openForm(approval: Approval, trust?: TrustLevel, extra?: FakeHandlers) {
  const rendered = renderAppAt(`#/approvals/${approval.id}`, handlers(approval, trust, extra))
  const detail = await screen.findByTestId('approval-detail')
  // The form is re-created once the skill's current trust is known.
  await within(detail).findByTestId('file-tree')
  return { ...rendered, detail }
}

const trustOf = (detail: HTMLElement): string =>
  (within(detail).getByTestId('trust-select') as HTMLSelectElement).value

describe('decision form', () => {
  it('starts HIGH and CRITICAL skills sandboxed even when they ask for trusted', async () => {
    for (const risk of ['HIGH', 'CRITICAL'] as const) {
      const { detail } = await openForm(
        makeApproval({ id: `a-${risk}`, skill: 'risky', risk, requestedTrust: 'trusted' }),
      )
      expect(trustOf(detail)).toBe('sandboxed')
      expect(within(detail).getByTestId('approve-button').textContent).toBe('Approve as sandboxed')
      cleanupApp()
    }
  })

  it('starts an update at the skill’s current trust level', async () => {
    const approval = makeApproval({ id: 'u1', skill: 'notes', kind: 'update', requestedTrust: 'sandboxed' })
    const { detail } = await openForm(approval, 'monitored')
    await waitFor(() => expect(trustOf(detail)).toBe('monitored'))
  })

  it('needs the skill’s name typed before approving as trusted', async () => {
    const approval = makeApproval({ id: 'a1', skill: 'tidy-notes', requestedTrust: 'sandboxed' })
    const { api, detail } = await openForm(approval)
    fireEvent.change(within(detail).getByTestId('trust-select'), { target: { value: 'trusted' } })
    const approve = within(detail).getByTestId('approve-button') as HTMLButtonElement
    expect(approve.disabled).toBe(true)
    expect(detail.textContent).toContain('Type tidy-notes to approve it as trusted')

    const confirm = within(detail).getByLabelText('Type tidy-notes to approve as trusted')
    fireEvent.change(confirm, { target: { value: 'tidy-note' } })
    expect(approve.disabled).toBe(true)
    fireEvent.change(confirm, { target: { value: 'tidy-notes' } })
    expect(approve.disabled).toBe(false)
    fireEvent.click(approve)
    await waitFor(() =>
      expect(api.callsTo('approvals.decide')).toEqual([{ id: 'a1', approve: true, trust: 'trusted' }]),
    )
  })

  it('asks for a reason before rejecting, and sends nothing without one', async () => {
    const { api, detail } = await openForm(makeApproval({ id: 'a1', skill: 'tidy-notes' }))
    fireEvent.click(within(detail).getByTestId('reject-button'))
    expect(detail.textContent).toContain('Say why you reject it (required)')
    const notes = within(detail).getByTestId('decision-notes')
    expect(notes.getAttribute('aria-invalid')).toBe('true')
    fireEvent.change(notes, { target: { value: '   ' } })
    fireEvent.click(within(detail).getByTestId('reject-button'))
    expect(api.callsTo('approvals.decide')).toEqual([])

    fireEvent.change(notes, { target: { value: 'runs shell commands it does not need' } })
    fireEvent.click(within(detail).getByTestId('reject-button'))
    await waitFor(() =>
      expect(api.callsTo('approvals.decide')).toEqual([
        { id: 'a1', approve: false, notes: 'runs shell commands it does not need' },
      ]),
    )
  })

  it('sends the CRITICAL acknowledgement with the approval', async () => {
    const approval = makeApproval({
      id: 'c1',
      skill: 'shell-runner',
      risk: 'CRITICAL',
      findings: [makeFinding({ severity: 'CRITICAL', file: 'scripts/run.py', line: 3 })],
    })
    const { api, detail } = await openForm(approval)
    const approve = within(detail).getByTestId('approve-button') as HTMLButtonElement
    expect(approve.disabled).toBe(true)
    fireEvent.click(within(detail).getByTestId('critical-ack'))
    fireEvent.click(approve)
    await waitFor(() =>
      expect(api.callsTo('approvals.decide')).toEqual([
        { id: 'c1', approve: true, trust: 'sandboxed', acknowledgeCritical: true },
      ]),
    )
  })

  it('opens a finding’s file at its line', async () => {
    const approval = makeApproval({
      id: 'f1',
      skill: 'shell-runner',
      risk: 'HIGH',
      findings: [makeFinding({ severity: 'HIGH', file: 'scripts/run.py', line: 3 })],
    })
    const { detail } = await openForm(approval)
    fireEvent.click(within(detail).getByTestId('finding-location'))
    const viewer = await within(detail).findByTestId('file-viewer')
    expect(viewer.getAttribute('data-path')).toBe('scripts/run.py')
    const marked = await within(viewer).findByText('os.system(cmd)', { exact: false })
    expect(marked.closest('[data-line]')?.getAttribute('data-line')).toBe('3')
    expect(marked.closest('[data-line]')?.getAttribute('aria-current')).toBe('location')
  })

  it('lists credentials already in the keychain that approving would hand over', async () => {
    const approval = {
      ...makeApproval({ id: 'k1', skill: 'mailer' }),
      details: { storedCredentials: ['SMTP_PASSWORD'], reviewFailure: null },
    }
    const { detail } = await openForm(approval)
    const credentials = within(detail).getByTestId('inherited-credentials')
    expect(credentials.textContent).toContain('SMTP_PASSWORD')
    expect(credentials.textContent).toContain('Approving gives this code access to it')
  })
})
