import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ErrorBoundary } from '../../../../src-renderer/components/ErrorBoundary'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('ErrorBoundary', () => {
  it('shows the failed screen’s error and what to do, and tries again on request', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    let broken = true
    function Screen() {
      if (broken) throw new Error('Cannot read the approval list')
      return <p>Approvals are back</p>
    }
    render(
      <ErrorBoundary area="Approvals">
        <Screen />
      </ErrorBoundary>,
    )
    const alert = screen.getByTestId('error-boundary')
    expect(alert.textContent).toContain('The Approvals screen stopped working')
    expect(alert.textContent).toContain('Cannot read the approval list')
    expect(alert.textContent).toContain('run the doctor in Settings')

    broken = false
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(screen.getByText('Approvals are back')).toBeTruthy()
    expect(screen.queryByTestId('error-boundary')).toBeNull()
  })
})
