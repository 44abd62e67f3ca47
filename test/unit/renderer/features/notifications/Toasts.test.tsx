import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

const quiet = { 'activity.list': () => ({ entries: [], nextBefore: null }) }

describe('toasts', () => {
  it('announce a request waiting for approval, with a link to it', async () => {
    const { api } = renderAppAt('#/activity', quiet)
    await screen.findByTestId('activity-page')
    api.emit('approvals.pending', { id: 'req-1', skill: 'weather', risk: 'HIGH', kind: 'import' })
    expect(await screen.findByText('weather waits for approval')).toBeTruthy()
    expect(screen.getByText('import request · HIGH risk')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Open' }))
    await waitFor(() => expect(window.location.hash).toBe('#/approvals/req-1'))
  })

  it('announce finished and failed syncs, and ignore progress in between', async () => {
    const { api } = renderAppAt('#/activity', quiet)
    await screen.findByTestId('activity-page')
    api.emit('sync.progress', { repo: 'team-skills', phase: 'fetching', message: 'fetching' })
    api.emit('sync.progress', { repo: 'team-skills', phase: 'done', message: '3 skills, 1 new' })
    api.emit('sync.progress', { repo: 'other', phase: 'failed', message: 'git could not reach the host' })
    expect(await screen.findByText('Synced team-skills')).toBeTruthy()
    expect(screen.getByText('3 skills, 1 new')).toBeTruthy()
    expect(await screen.findByText('Sync of other failed')).toBeTruthy()
    expect(screen.getByText('git could not reach the host')).toBeTruthy()
    expect(screen.queryByText('fetching')).toBeNull()
  })

  it('confirm an action that worked: the doctor’s verdict', async () => {
    const { stores } = renderAppAt('#/activity', {
      ...quiet,
      'app.doctor': () => [
        { id: 'python', label: 'python3', status: 'ok', detail: 'Python 3.12' },
        { id: 'git', label: 'git', status: 'warn', detail: 'old git', fix: 'Update git.' },
      ],
    })
    await screen.findByTestId('activity-page')
    await stores.system.getState().runDoctor()
    expect(await screen.findByText('Doctor: 1 check needs attention')).toBeTruthy()
  })
})
