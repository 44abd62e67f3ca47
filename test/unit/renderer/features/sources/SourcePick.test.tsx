import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { SourceSkill } from '../../../../../src-main/contract'
import type { FakeHandlers } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'
import { makeRepo } from './repoFixture'

afterEach(cleanupApp)

const offer = (name: string, o: SourceSkill['offer'], reason: string | null = null): SourceSkill => ({
  name,
  description: `The ${name} skill.`,
  path: `skills/${name}`,
  installed: o === 'installed',
  status: o === 'installed' ? 'unchanged' : null,
  state: o === 'installed' ? 'active' : null,
  reason,
  offer: o,
})

describe('picking skills of a source before installing', () => {
  it('searches, filters by offer, and installs only the picked new skills', async () => {
    const repos = [makeRepo({ name: 'big', lastSyncAt: '2025-01-01T00:00:00.000Z', lastStatus: 'ok' })]
    const offered = [
      offer('alpha', 'new'),
      offer('beta', 'new'),
      offer('gamma', 'new'),
      offer('broken', 'invalid', 'SKILL.md could not be read: no frontmatter'),
      offer('kept', 'installed'),
    ]
    const handlers: FakeHandlers = {
      'repos.list': () => repos,
      'repos.browse': () => offered,
      'repos.install': ({ skills }) => ({
        installed: (skills ?? []).map((name) => ({ name, state: 'pending' as const, risk: 'LOW' as const })),
        skipped: [],
      }),
    }
    const { api } = renderAppAt('#/sources/big', handlers)
    const list = await screen.findByTestId('source-skills')
    await waitFor(() => expect(within(list).getAllByTestId('source-skill')).toHaveLength(5))
    // Only new skills can be picked.
    expect(within(list).getAllByTestId('source-skill-pick')).toHaveLength(3)

    fireEvent.change(within(list).getByTestId('offer-filter'), { target: { value: 'invalid' } })
    const invalid = within(list).getAllByTestId('source-skill')
    expect(invalid.map((row) => row.getAttribute('data-skill'))).toEqual(['broken'])
    expect(within(invalid[0]!).getByTestId('source-skill-reason').textContent).toContain('no frontmatter')

    fireEvent.change(within(list).getByTestId('offer-filter'), { target: { value: 'all' } })
    fireEvent.change(within(list).getByTestId('offer-search'), { target: { value: 'ALP' } })
    expect(
      within(list)
        .getAllByTestId('source-skill')
        .map((r) => r.getAttribute('data-skill')),
    ).toEqual(['alpha'])
    fireEvent.click(within(list).getByTestId('source-skill-pick'))
    fireEvent.change(within(list).getByTestId('offer-search'), { target: { value: 'beta' } })
    fireEvent.click(within(list).getByTestId('source-skill-pick'))
    expect(within(list).getByTestId('offer-install').textContent).toBe('Install selected (2)')

    fireEvent.click(within(list).getByTestId('offer-install'))
    await waitFor(() =>
      expect(api.callsTo('repos.install')).toEqual([{ name: 'big', skills: ['alpha', 'beta'] }]),
    )
    expect((await within(list).findByRole('status')).textContent).toContain('Installed alpha, beta')
  })

  it('tells how to install a new skill in the UI, not with a CLI command in error red', async () => {
    const repos = [makeRepo({ name: 'big', lastSyncAt: '2025-01-01T00:00:00.000Z', lastStatus: 'ok' })]
    const offered = [
      offer('alpha', 'new', 'Not installed yet: install it with `skilldock source install big alpha`.'),
      offer('broken', 'invalid', 'SKILL.md could not be read: no frontmatter'),
    ]
    renderAppAt('#/sources/big', { 'repos.list': () => repos, 'repos.browse': () => offered })
    const list = await screen.findByTestId('source-skills')
    await waitFor(() => expect(within(list).getAllByTestId('source-skill')).toHaveLength(2))
    const [alpha, broken] = within(list).getAllByTestId('source-skill')
    const hint = within(alpha!).getByTestId('source-skill-reason')
    expect(hint.textContent).toBe('Not installed yet: tick it, then Install selected.')
    expect(hint.className).not.toContain('text-danger')
    expect(alpha!.textContent).not.toContain('skilldock source install')
    const problem = within(broken!).getByTestId('source-skill-reason')
    expect(problem.textContent).toContain('no frontmatter')
    expect(problem.className).toContain('text-danger')
  })

  it('adds a pick source and syncs it at once, so its skills are listed without a second click', async () => {
    const handlers: FakeHandlers = {
      'repos.list': () => [],
      'repos.add': (input) => makeRepo({ name: input.name, url: input.url, pick: input.pick }),
      'repos.sync': ({ name }) => [{ repo: name!, commit: null, items: [] }],
      'repos.browse': () => [],
    }
    const { api } = renderAppAt('#/sources', handlers)
    await screen.findByTestId('sources-empty')
    fireEvent.click(screen.getByTestId('add-source'))
    fireEvent.change(screen.getByTestId('source-location'), { target: { value: '/home/me/skills' } })
    fireEvent.click(screen.getByTestId('source-add-pick'))
    fireEvent.click(screen.getByTestId('source-add-submit'))
    await waitFor(() => expect(api.callsTo('repos.sync')).toEqual([{ name: 'skills' }]))
    expect(api.callsTo('repos.add')).toEqual([
      { name: 'skills', url: '/home/me/skills', type: 'local', pick: true },
    ])
    // The list to pick from opens by itself.
    await waitFor(() => expect(window.location.hash).toBe('#/sources/skills'))
    expect(await screen.findByTestId('source-skills')).toBeTruthy()
  })

  it('syncs a source without pick as soon as it is added too, so its skills import without a click on Sync', async () => {
    const handlers: FakeHandlers = {
      'repos.list': () => [],
      'repos.add': (input) => makeRepo({ name: input.name, url: input.url }),
      'repos.sync': ({ name }) => [{ repo: name!, commit: null, items: [] }],
      'repos.browse': () => [],
    }
    const { api } = renderAppAt('#/sources', handlers)
    await screen.findByTestId('sources-empty')
    fireEvent.click(screen.getByTestId('add-source'))
    fireEvent.change(screen.getByTestId('source-location'), { target: { value: '/home/me/team' } })
    fireEvent.click(screen.getByTestId('source-add-submit'))
    await waitFor(() => expect(api.callsTo('repos.sync')).toEqual([{ name: 'team' }]))
    expect(api.callsTo('repos.add')).toEqual([{ name: 'team', url: '/home/me/team', type: 'local' }])
    // Nothing to pick: the screen stays where it was.
    expect(window.location.hash).toBe('#/sources')
  })
})
