import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ActivityEntry } from '../../../../../src-main/contract'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

const lines: ActivityEntry[] = [
  {
    id: 3,
    at: new Date().toISOString(),
    actor: 'cursor',
    action: 'tool.call',
    skill: 'weather',
    client: 'cursor',
    outcome: 'error',
    detail: { tool: 'forecast', durationMs: 41.6 },
  },
  {
    id: 2,
    at: new Date().toISOString(),
    actor: 'user',
    action: 'approval.approve',
    skill: '<img src=x onerror=alert(1)>',
    client: null,
    outcome: 'monitored',
    detail: {},
  },
]

describe('activity screen', () => {
  it('lists audit lines with outcome badges, pages back, and filters by action', async () => {
    const { api } = renderAppAt('#/activity', {
      'activity.list': (query) =>
        query.before === undefined
          ? { entries: lines, nextBefore: 2 }
          : { entries: [{ ...lines[1]!, id: 1, action: 'skill.add', skill: 'notes' }], nextBefore: null },
    })
    const rows = await screen.findAllByTestId('activity-row')
    expect(rows).toHaveLength(2)
    expect(rows[0]?.textContent).toContain('forecast · 42 ms')
    expect(within(rows[0]!).getByTestId('activity-outcome').className).toContain('text-danger')
    // Untrusted text is text.
    expect(rows[1]?.textContent).toContain('<img src=x onerror=alert(1)>')
    expect(screen.getByTestId('activity-table').querySelector('img')).toBeNull()
    // Actions read as words; the code stays as the tooltip.
    const actions = screen.getAllByTestId('activity-action')
    expect(actions.map((cell) => cell.textContent)).toEqual(['Tool called', 'Approved'])
    expect(actions[1]?.getAttribute('title')).toBe('approval.approve')

    fireEvent.click(screen.getByTestId('activity-load-older'))
    await waitFor(() => expect(screen.getAllByTestId('activity-row')).toHaveLength(3))
    expect(screen.queryByTestId('activity-load-older')).toBeNull()

    fireEvent.change(screen.getByTestId('activity-filter-action'), { target: { value: 'approval.' } })
    await waitFor(() =>
      expect(api.callsTo('activity.list').at(-1)).toEqual({ limit: 100, action: 'approval.' }),
    )
  })

  it('opens filtered on the skill named in the route', async () => {
    const { api } = renderAppAt('#/activity/weather', {
      'activity.list': (query) => ({
        entries: lines.filter((line) => line.skill === query.skill),
        nextBefore: null,
      }),
    })
    const rows = await screen.findAllByTestId('activity-row')
    expect(rows.map((row) => row.getAttribute('data-skill'))).toEqual(['weather'])
    expect(api.callsTo('activity.list')).toEqual([{ limit: 100, skill: 'weather' }])
    expect((screen.getByTestId('activity-filter-skill') as HTMLInputElement).value).toBe('weather')
  })

  it('says so when nothing matches', async () => {
    renderAppAt('#/activity', { 'activity.list': () => ({ entries: [], nextBefore: null }) })
    expect((await screen.findByTestId('activity-empty')).textContent).toContain('Nothing matches')
  })
})
