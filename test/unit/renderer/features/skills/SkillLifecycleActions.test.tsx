import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { SkillDetail } from '../../../../../src-main/contract'
import { makeDetail, makeSummary } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

function open(detail: SkillDetail, calls: { route: string; input: unknown }[]) {
  renderAppAt(`#/skills/${detail.name}`, {
    'skills.list': () => [detail],
    'skills.get': () => detail,
    'approvals.list': () => [],
    'skills.promote': (input) => {
      calls.push({ route: 'skills.promote', input })
      return { ...detail, state: 'builtin', origin: 'builtin' }
    },
    'skills.deprecate': (input) => {
      calls.push({ route: 'skills.deprecate', input })
      return detail
    },
  })
  return screen.findByTestId('skill-lifecycle')
}

describe('promote and deprecate on the skill page', () => {
  it('promotes an active library skill and says so', async () => {
    const calls: { route: string; input: unknown }[] = []
    const detail = makeDetail(makeSummary({ name: 'tidy-notes', state: 'active', origin: 'library' }))
    const actions = await open(detail, calls)
    fireEvent.click(within(actions).getByTestId('skill-promote'))
    await waitFor(() =>
      expect(screen.getByTestId('skill-lifecycle-done').textContent).toContain('Promoted tidy-notes'),
    )
    expect(calls).toEqual([{ route: 'skills.promote', input: { name: 'tidy-notes' } }])
  })

  it('offers no promotion for a bundled skill; deprecates with a reason and a replacement', async () => {
    const calls: { route: string; input: unknown }[] = []
    const detail = makeDetail(makeSummary({ name: 'old-notes', state: 'builtin', origin: 'builtin' }))
    const actions = await open(detail, calls)
    expect(within(actions).queryByTestId('skill-promote')).toBeNull()
    fireEvent.click(within(actions).getByTestId('skill-deprecate'))
    fireEvent.change(screen.getByTestId('skill-deprecate-reason'), { target: { value: 'superseded' } })
    fireEvent.change(screen.getByTestId('skill-deprecate-replacement'), { target: { value: 'tidy-notes' } })
    fireEvent.click(screen.getByTestId('skill-deprecate-confirm'))
    await waitFor(() =>
      expect(screen.getByTestId('skill-lifecycle-done').textContent).toContain('Deprecated old-notes'),
    )
    expect(calls).toEqual([
      {
        route: 'skills.deprecate',
        input: { name: 'old-notes', reason: 'superseded', replacement: 'tidy-notes' },
      },
    ])
  })
})
