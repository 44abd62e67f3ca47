import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Chart } from '../../../../src-renderer/components/Chart'

afterEach(cleanup)

const points = (values: Array<number | null>) =>
  values.map((value, index) => ({ label: `hour ${index}`, value }))

describe('Chart', () => {
  it('draws one bar per point, each as tall as its share of the largest value', () => {
    render(<Chart title="Calls" points={points([2, 8, 0, 4])} />)
    const bars = screen.getAllByTestId('chart-bar')
    expect(bars).toHaveLength(4)
    const heights = bars.map((bar) => Number(bar.getAttribute('height')))
    expect(heights).toEqual([15, 60, 0, 30])
    // Bars stand on the baseline.
    expect(bars.map((bar) => Number(bar.getAttribute('y')) + Number(bar.getAttribute('height')))).toEqual([
      60, 60, 60, 60,
    ])
    expect(screen.getByText('14 total')).toBeTruthy()
    expect(bars[1]?.textContent).toBe('hour 1: 8')
  })

  it('shows the empty text instead of a chart when nothing happened', () => {
    render(<Chart title="Errors" points={points([0, 0, null])} emptyText="No errors." />)
    expect(screen.getByTestId('chart-empty').textContent).toBe('No errors.')
    expect(screen.queryAllByTestId('chart-bar')).toHaveLength(0)
  })

  it('draws a line through measured points only, skipping gaps', () => {
    render(<Chart title="p50" kind="line" format={(v) => `${v} ms`} points={points([100, null, 50, 200])} />)
    const dots = screen.getAllByTestId('chart-point')
    expect(dots.map((dot) => dot.getAttribute('data-value'))).toEqual(['100', '50', '200'])
    expect(dots.map((dot) => Number(dot.getAttribute('cy')))).toEqual([30, 45, 0])
    expect(screen.getByText('max 200 ms')).toBeTruthy()
  })
})
