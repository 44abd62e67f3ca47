import { screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { MetricsPoint } from '../../../../../src-main/contract'
import { makeDetail, makeSummary } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

const weather = makeSummary({ name: 'weather', hasServer: true, trust: 'monitored' })

function point(hour: number, calls: number, errors: number, p50Ms: number | null): MetricsPoint {
  return { start: `2026-01-01T${String(hour).padStart(2, '0')}:00:00.000Z`, calls, errors, p50Ms }
}

describe('skill activity tab', () => {
  it('charts calls, errors and p50 latency and lists each tool, and follows new calls live', async () => {
    let calls = 3
    const { api } = renderAppAt('#/skills/weather/activity', {
      'skills.list': () => [weather],
      'skills.get': () => makeDetail(weather),
      'metrics.series': () => ({
        bucketMinutes: 60,
        points: [point(0, 1, 0, 40), point(1, 0, 0, null), point(2, calls - 1, 1, 80)],
      }),
      'metrics.tools': () => [
        {
          skill: 'weather',
          tool: 'forecast',
          calls,
          errors: 1,
          p50Ms: 60,
          p95Ms: 120,
          lastUsedAt: new Date().toISOString(),
        },
      ],
    })
    const panel = await screen.findByTestId('skill-activity')
    await waitFor(() => expect(within(panel).getAllByTestId('chart')).toHaveLength(3))
    const [callChart, errorChart, latencyChart] = within(panel).getAllByTestId('chart')
    expect(
      within(callChart!)
        .getAllByTestId('chart-bar')
        .map((bar) => bar.getAttribute('data-value')),
    ).toEqual(['1', '0', '2'])
    expect(
      within(errorChart!)
        .getAllByTestId('chart-bar')
        .map((bar) => bar.getAttribute('height')),
    ).toEqual(['0', '0', '60'])
    expect(within(latencyChart!).getAllByTestId('chart-point')).toHaveLength(2)
    const row = within(panel).getByTestId('skill-tool-metric')
    expect(row.textContent).toContain('forecast')
    expect(row.textContent).toContain('60 ms')
    expect(api.callsTo('metrics.series')).toEqual([{ skill: 'weather', hours: 24, buckets: 24 }])

    calls = 4
    api.emit('calls.recorded', { skill: 'other-skill', tool: 'forecast', outcome: 'ok' })
    api.emit('calls.recorded', { skill: 'weather', tool: 'forecast', outcome: 'ok' })
    await waitFor(() => expect(api.callsTo('metrics.series')).toHaveLength(2), { timeout: 2000 })
    await waitFor(() =>
      expect(within(panel).getAllByTestId('chart-bar')[2]?.getAttribute('data-value')).toBe('3'),
    )
  })

  it('shows empty charts for a skill nobody called', async () => {
    const trusted = { ...weather, trust: 'trusted' as const }
    renderAppAt('#/skills/weather/activity', {
      'skills.list': () => [trusted],
      'skills.get': () => makeDetail(trusted),
      'metrics.series': () => ({ bucketMinutes: 60, points: [point(0, 0, 0, null), point(1, 0, 0, null)] }),
      'metrics.tools': () => [],
    })
    const panel = await screen.findByTestId('skill-activity')
    await waitFor(() => expect(within(panel).getAllByTestId('chart-empty')).toHaveLength(3))
    expect(panel.textContent).toContain('No tool of this skill was called in this period.')
  })
})
