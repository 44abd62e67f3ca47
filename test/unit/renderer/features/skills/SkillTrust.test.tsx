import { screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Approval, SkillDetail } from '../../../../../src-main/contract'
import { makeApproval, makeDetail, makeSummary } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

async function openSkill(detail: SkillDetail, approvals: Approval[] = []): Promise<HTMLElement> {
  renderAppAt(`#/skills/${detail.name}`, {
    'skills.list': () => [detail],
    'skills.get': () => detail,
    'approvals.list': () => approvals,
  })
  return screen.findByTestId('skill-detail')
}

describe('skill trust and approval', () => {
  it('shows the risk, the approved fingerprint and the latest decision with a link to it', async () => {
    const summary = makeSummary({ name: 'tidy-notes', risk: 'MEDIUM', trust: 'sandboxed' })
    const detail = await openSkill(
      makeDetail(summary, {
        fingerprint: 'sha256:aaaa',
        pinnedFingerprint: 'sha256:aaaa',
        approval: makeApproval({
          id: 'req-1',
          skill: 'tidy-notes',
          status: 'approved',
          decidedBy: 'user',
          trust: 'sandboxed',
          notes: 'checked the regexes',
        }),
      }),
    )
    expect(within(detail).getAllByTestId('risk-badge')[0]?.textContent).toBe('MEDIUM')
    expect(within(detail).getByTestId('pinned-fingerprint').textContent).toContain('sha256:aaaa')
    expect(within(detail).queryByTestId('changed-since-approval')).toBeNull()
    const approval = within(detail).getByTestId('skill-approval')
    expect(approval.textContent).toContain('approved')
    expect(approval.textContent).toContain('by user')
    expect(approval.textContent).toContain('checked the regexes')
    expect(within(approval).getByRole('link', { name: 'Open the request' }).getAttribute('href')).toBe(
      '#/approvals/req-1',
    )
  })

  it('warns when the files differ from what was approved', async () => {
    const summary = makeSummary({ name: 'tidy-notes' })
    const detail = await openSkill(
      makeDetail(summary, { fingerprint: 'sha256:bbbb', pinnedFingerprint: 'sha256:aaaa' }),
    )
    expect(within(detail).getByTestId('changed-since-approval').textContent).toContain(
      'Changed since approval',
    )
  })

  it('warns when the core says the skill changed (e.g. its tools)', async () => {
    const summary = makeSummary({ name: 'tidy-notes', state: 'changed' })
    const detail = await openSkill(
      makeDetail(summary, { fingerprint: 'sha256:aaaa', pinnedFingerprint: 'sha256:aaaa' }),
    )
    expect(within(detail).getByTestId('changed-since-approval')).toBeTruthy()
  })

  it('lists the skill’s approval history, newest first, each linked to its request', async () => {
    const summary = makeSummary({ name: 'tidy-notes' })
    const detail = await openSkill(makeDetail(summary), [
      makeApproval({
        id: 'req-1',
        skill: 'tidy-notes',
        kind: 'import',
        status: 'approved',
        decidedBy: 'user',
        trust: 'sandboxed',
        createdAt: '2025-01-01T00:00:00.000Z',
        decidedAt: '2025-01-01T01:00:00.000Z',
      }),
      makeApproval({ id: 'other', skill: 'someone-else', status: 'rejected' }),
      makeApproval({
        id: 'req-2',
        skill: 'tidy-notes',
        kind: 'update',
        status: 'pending',
        requester: 'sources',
        risk: 'HIGH',
        createdAt: '2025-02-01T00:00:00.000Z',
      }),
    ])
    await waitFor(() => expect(within(detail).getAllByTestId('skill-approval-history-item')).toHaveLength(2))
    const [newest, oldest] = within(detail).getAllByTestId('skill-approval-history-item') as [
      HTMLElement,
      HTMLElement,
    ]
    expect(newest.textContent).toContain('pending')
    expect(newest.textContent).toContain('asked by sources')
    expect(newest.textContent).toContain('HIGH')
    expect(within(newest).getByRole('link', { name: 'Open' }).getAttribute('href')).toBe('#/approvals/req-2')
    expect(oldest.textContent).toContain('approved')
    expect(oldest.textContent).toContain('decided by user as sandboxed')
    expect(within(oldest).getByRole('link', { name: 'Open' }).getAttribute('href')).toBe('#/approvals/req-1')
  })

  it('says a bundled skill runs confined although its trust is trusted, and why it is not scanned', async () => {
    const summary = makeSummary({ name: 'csv-profiler', origin: 'builtin', trust: 'trusted', risk: null })
    const detail = await openSkill(makeDetail(summary))
    expect(within(detail).getByTestId('skill-runs').textContent).toBe(
      'trusted (bundled: runs confined — reads your files; no network, no secrets: no data home, keyrings or credential files)',
    )
    expect(detail.textContent).toContain('not scanned (bundled with SkillDock)')
  })
})
