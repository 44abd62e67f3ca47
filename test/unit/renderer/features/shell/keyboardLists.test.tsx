import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { makeApproval, makeDetail, makeSummary } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

describe('main lists from the keyboard', () => {
  it('the approval inbox moves focus between requests with the arrow keys', async () => {
    const items = ['a', 'b', 'c'].map((skill) => makeApproval({ id: `req-${skill}`, skill }))
    renderAppAt('#/approvals', {
      'approvals.list': () => items,
      'governance.get': () => ({
        mode: 'semi_auto',
        defaultTrust: 'sandboxed',
        gapDetection: true,
        selfGeneration: true,
        updatedAt: '2025-01-01T00:00:00.000Z',
      }),
    })
    await waitFor(() => expect(screen.getAllByTestId('approval-row')).toHaveLength(3))
    const [first, second, third] = screen.getAllByTestId('approval-row') as [
      HTMLElement,
      HTMLElement,
      HTMLElement,
    ]
    first.focus()
    fireEvent.keyDown(first, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(second)
    fireEvent.keyDown(second, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(third)
    fireEvent.keyDown(third, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(third)
    fireEvent.keyDown(third, { key: 'ArrowUp' })
    expect(document.activeElement).toBe(second)
    // Enter on a focused request follows its link (a real anchor: Enter activates it natively).
    expect(second.getAttribute('href')).toBe('#/approvals/req-b')
  })

  it('the skill list is one tab stop that follows the arrow keys and opens with Enter', async () => {
    renderAppAt('#/skills', {
      'skills.list': () => [makeSummary({ name: 'alpha' }), makeSummary({ name: 'beta' })],
      'skills.get': ({ name }) => makeDetail(makeSummary({ name })),
    })
    const list = await screen.findByRole('listbox', { name: 'Skills' })
    expect(list.tabIndex).toBe(0)
    list.focus()
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    expect(list.getAttribute('aria-activedescendant')).toBe('skill-row-beta')
    fireEvent.keyDown(list, { key: 'Enter' })
    await waitFor(() => expect(window.location.hash).toBe('#/skills/beta'))
  })
})
