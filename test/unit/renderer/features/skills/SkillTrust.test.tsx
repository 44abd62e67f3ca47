import { screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { SkillDetail } from '../../../../../src-main/contract'
import { makeApproval, makeDetail, makeSummary } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

async function openSkill(detail: SkillDetail): Promise<HTMLElement> {
  renderAppAt(`#/skills/${detail.name}`, {
    'skills.list': () => [detail],
    'skills.get': () => detail,
    'approvals.list': () => [],
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
})
