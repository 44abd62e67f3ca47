import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { FakeHandlers } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'
import { makeRepo } from './repoFixture'

afterEach(cleanupApp)

const handlers = (): FakeHandlers => ({
  'repos.list': () => [],
  'repos.add': (input) => makeRepo({ name: input.name, url: input.url }),
  'repos.sync': ({ name }) => [{ repo: name!, commit: null, items: [] }],
  'repos.browse': () => [],
})

async function openDialog(location: string): Promise<void> {
  await screen.findByTestId('sources-empty')
  fireEvent.click(screen.getByTestId('add-source'))
  fireEvent.change(screen.getByTestId('source-location'), { target: { value: location } })
}

/**
 * A git server on this machine or the LAN was refused at the first sync with "Add the repo with
 * --allow-local", a flag the UI had no way to give.
 */
describe('adding a source on a local or private host from the UI', () => {
  it('offers the choice for a URL and sends allowLocal only when ticked', async () => {
    const { api } = renderAppAt('#/sources', handlers())
    await openDialog('https://git.internal.example/team/skills.git')
    fireEvent.click(screen.getByTestId('source-add-allow-local'))
    fireEvent.click(screen.getByTestId('source-add-submit'))
    await waitFor(() =>
      expect(api.callsTo('repos.add')).toEqual([
        {
          name: 'skills',
          url: 'https://git.internal.example/team/skills.git',
          type: 'git',
          allowLocal: true,
        },
      ]),
    )
  })

  it('leaves it out when not ticked, and does not offer it for a folder', async () => {
    const { api } = renderAppAt('#/sources', handlers())
    await openDialog('https://github.com/org/skills.git')
    expect(screen.getByTestId('source-add-allow-local')).toBeTruthy()
    fireEvent.change(screen.getByTestId('source-location'), { target: { value: '/home/me/skills' } })
    expect(screen.queryByTestId('source-add-allow-local')).toBeNull()
    fireEvent.click(screen.getByTestId('source-add-submit'))
    await waitFor(() =>
      expect(api.callsTo('repos.add')).toEqual([{ name: 'skills', url: '/home/me/skills', type: 'local' }]),
    )
  })
})
