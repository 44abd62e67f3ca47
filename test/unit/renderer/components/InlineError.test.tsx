import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { InlineError } from '../../../../src-renderer/components/InlineError'

afterEach(cleanup)

describe('InlineError', () => {
  it('shows the message as an alert and retries on request', () => {
    const retry = vi.fn()
    render(<InlineError onRetry={retry}>Cannot read the skill list</InlineError>)
    expect(screen.getByRole('alert').textContent).toContain('Cannot read the skill list')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(retry).toHaveBeenCalledOnce()
  })

  it('offers no Retry when there is nothing to retry', () => {
    render(<InlineError>Saved nothing</InlineError>)
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull()
  })
})
