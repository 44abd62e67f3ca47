import { screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

/** An answer that never comes: the screen stays in its loading state. */
const unanswered = <T,>(): Promise<T> => new Promise<T>(() => {})

describe('screens while their data loads', () => {
  it('Policies shows a skeleton, not an empty "no policies" state', async () => {
    renderAppAt('#/policies', {
      'policies.list': unanswered,
      'roles.list': unanswered,
      'roles.clients': unanswered,
      'limits.list': unanswered,
    })
    expect(await screen.findByRole('status', { name: 'Loading policies' })).toBeTruthy()
    expect(screen.queryByText('No call policies: every call runs.')).toBeNull()
  })

  it('Automation shows a skeleton, not an empty "no schedules" state', async () => {
    renderAppAt('#/automation', {
      'schedules.list': unanswered,
      'jobs.list': unanswered,
      'webhooks.list': unanswered,
      'compose.list': unanswered,
      'skills.list': unanswered,
    })
    expect(await screen.findByRole('status', { name: 'Loading automation' })).toBeTruthy()
    expect(screen.queryByText('No schedules.')).toBeNull()
  })

  it('the editor’s skill picker shows a skeleton, not "No skills match."', async () => {
    renderAppAt('#/editor', { 'skills.list': unanswered })
    expect(await screen.findByRole('status', { name: 'Loading skills' })).toBeTruthy()
    expect(screen.queryByText('No skills match.')).toBeNull()
  })
})
