import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { RepoInfo, SourceSkill } from '../../../../../src-main/contract'
import { BridgeError } from '../../../../../src-renderer/api/client'
import { syncPercent } from '../../../../../src-renderer/stores/sources'
import type { FakeHandlers } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'
import { makeRepo } from './repoFixture'

afterEach(cleanupApp)

const skill = (name: string, overrides: Partial<SourceSkill> = {}): SourceSkill => ({
  name,
  description: `The ${name} skill.`,
  path: name,
  installed: true,
  status: 'installed',
  state: 'active',
  reason: null,
  offer: 'installed',
  ...overrides,
})

/** A core with sources that sync when asked, answering after `release()`. */
function sourcesHandlers(repos: RepoInfo[], offered: Record<string, SourceSkill[]> = {}) {
  let release: () => void = () => {}
  const handlers: FakeHandlers = {
    'repos.list': () => repos.map((repo) => ({ ...repo })),
    'repos.add': (input) => {
      const repo = makeRepo({
        id: repos.length + 1,
        name: input.name,
        url: input.url,
        type: input.type ?? 'local',
      })
      repos.push(repo)
      return repo
    },
    'repos.browse': ({ name }) => offered[name] ?? [],
    'repos.sync': ({ name }) =>
      new Promise((resolve) => {
        release = () => {
          const repo = repos.find((candidate) => candidate.name === name)!
          Object.assign(repo, { lastSyncAt: new Date().toISOString(), lastStatus: 'ok' })
          resolve([{ repo: name!, commit: null, items: [] }])
        }
      }),
    'repos.cancel': () => ({ cancelled: true }),
    'skills.update': ({ name }) => [{ name: name!, applied: true, state: 'pending', message: null }],
  }
  return { handlers, release: () => release() }
}

describe('sources screen', () => {
  it('lists sources with type, url, last status, errors and skill counts', async () => {
    const repos = [
      makeRepo({ name: 'team', lastSyncAt: '2025-01-01T00:00:00.000Z', lastStatus: 'ok' }),
      makeRepo({
        id: 2,
        name: 'broken',
        type: 'git',
        url: 'https://example.org/x.git',
        lastSyncAt: '2025-01-01T00:00:00.000Z',
        lastStatus: 'error',
        lastError: 'git clone failed',
      }),
    ]
    renderAppAt('#/sources', sourcesHandlers(repos, { team: [skill('a'), skill('b')] }).handlers)
    const rows = await screen.findAllByTestId('source-row')
    expect(rows.map((row) => row.getAttribute('data-repo'))).toEqual(['team', 'broken'])
    await waitFor(() => expect(within(rows[0]!).getByTestId('source-skill-count').textContent).toBe('2'))
    expect(within(rows[0]!).getByTestId('source-status').textContent).toBe('ok')
    expect(within(rows[1]!).getByTestId('source-type').textContent).toBe('git')
    expect(within(rows[1]!).getByTestId('source-error').textContent).toBe('git clone failed')
  })

  it('adds a folder with its detected type and shows the core’s refusal verbatim', async () => {
    const repos: RepoInfo[] = []
    const { handlers } = sourcesHandlers(repos)
    const { api } = renderAppAt('#/sources', handlers)
    await screen.findByTestId('sources-empty')

    fireEvent.click(screen.getByTestId('add-source'))
    fireEvent.change(screen.getByTestId('source-location'), { target: { value: '/home/me/team-skills' } })
    expect(screen.getByTestId('source-detected-type').textContent).toBe('Local folder')
    fireEvent.click(screen.getByTestId('source-add-submit'))
    await waitFor(() => expect(screen.queryByTestId('add-source-dialog')).toBeNull())
    expect(api.callsTo('repos.add')).toEqual([
      { name: 'team-skills', url: '/home/me/team-skills', type: 'local' },
    ])
    expect((await screen.findByTestId('source-row')).getAttribute('data-repo')).toBe('team-skills')

    handlers['repos.add'] = () => {
      throw new BridgeError({ code: 'CONFLICT', message: 'A source named "team-skills" already exists.' })
    }
    fireEvent.click(screen.getByTestId('add-source'))
    fireEvent.change(screen.getByTestId('source-location'), { target: { value: '/home/me/team-skills' } })
    fireEvent.click(screen.getByTestId('source-add-submit'))
    expect((await screen.findByRole('alert')).textContent).toContain('already exists')
    expect(screen.getByTestId('add-source-dialog')).toBeTruthy()
  })

  it('drives the progress bar from sync.progress and cancels a running sync', async () => {
    const repos = [makeRepo({ name: 'team' })]
    const { handlers, release } = sourcesHandlers(repos, { team: [skill('a')] })
    const { api } = renderAppAt('#/sources', handlers)
    const row = await screen.findByTestId('source-row')

    fireEvent.click(within(row).getByTestId('source-sync'))
    const bar = (): HTMLElement => within(row).getByRole('progressbar')
    await waitFor(() => expect(bar().getAttribute('aria-valuenow')).toBe(String(syncPercent('starting'))))
    act(() => api.emit('sync.progress', { repo: 'team', phase: 'fetching', message: 'copying the folder' }))
    expect(bar().getAttribute('aria-valuenow')).toBe(String(syncPercent('fetching')))
    expect(row.textContent).toContain('copying the folder')
    act(() => api.emit('sync.progress', { repo: 'team', phase: 'reconciling', message: null }))
    expect(bar().getAttribute('aria-valuenow')).toBe(String(syncPercent('reconciling')))
    // Per skill: the bar moves with skills done of total, and the line says how many.
    act(() =>
      api.emit('sync.progress', {
        repo: 'team',
        phase: 'reconciling',
        message: 'installing',
        current: 50,
        total: 200,
      }),
    )
    expect(bar().getAttribute('aria-valuenow')).toBe('54')
    expect(row.textContent).toContain('installing 50/200')

    fireEvent.click(within(row).getByTestId('source-cancel'))
    await waitFor(() => expect(api.callsTo('repos.cancel')).toEqual([{ name: 'team' }]))

    act(() => api.emit('sync.progress', { repo: 'team', phase: 'done', message: null }))
    act(() => release())
    await waitFor(() =>
      expect(within(row).getByTestId('sync-progress').getAttribute('data-phase')).toBe('done'),
    )
    expect(bar().getAttribute('aria-valuenow')).toBe('100')
    await waitFor(() => expect(within(row).getByTestId('source-skill-count').textContent).toBe('1'))
    expect(within(row).getByTestId('source-sync')).toBeTruthy()
  })

  it('browses a source and applies an available update', async () => {
    const repos = [makeRepo({ name: 'team', lastSyncAt: '2025-01-01T00:00:00.000Z', lastStatus: 'ok' })]
    const offered = { team: [skill('fresh'), skill('stale', { status: 'update-available' })] }
    const { api } = renderAppAt('#/sources/team', sourcesHandlers(repos, offered).handlers)
    const list = await screen.findByTestId('source-skills')
    await waitFor(() => expect(within(list).getAllByTestId('source-skill')).toHaveLength(2))
    const buttons = within(list).getAllByTestId('source-skill-update')
    expect(buttons).toHaveLength(1)
    fireEvent.click(buttons[0]!)
    await waitFor(() => expect(api.callsTo('skills.update')).toEqual([{ name: 'stale' }]))
    expect((await within(list).findByRole('status')).textContent).toBe('stale updated (pending).')
  })

  it('imports pasted SKILL.md text and shows what was installed', async () => {
    const { handlers } = sourcesHandlers([])
    handlers['skills.importText'] = () => ({ skills: [{ name: 'pasted', state: 'pending', risk: 'LOW' }] })
    const { api } = renderAppAt('#/sources', handlers)
    await screen.findByTestId('sources-empty')
    fireEvent.click(screen.getByTestId('add-source'))
    const content = '---\nname: pasted\ndescription: Pasted.\n---\n# pasted\n'
    fireEvent.change(screen.getByTestId('source-location'), { target: { value: content } })
    expect(screen.getByTestId('source-detected-type').textContent).toBe('Pasted SKILL.md')
    expect(screen.queryByTestId('source-name')).toBeNull()
    fireEvent.click(screen.getByTestId('source-add-submit'))
    const result = await screen.findByTestId('import-result')
    expect(api.callsTo('skills.importText')).toEqual([{ content }])
    expect(within(result).getByTestId('import-result-skill').textContent).toContain('pasted')
    expect(within(result).getByTestId('import-result-state').textContent).toBe('pending')
    expect(api.callsTo('repos.add')).toEqual([])
    fireEvent.click(within(result).getByTestId('import-result-done'))
    await waitFor(() => expect(screen.queryByTestId('add-source-dialog')).toBeNull())
  })

  it('uploads an archive as base64 and refuses one over 1 MiB before sending it', async () => {
    const { handlers } = sourcesHandlers([])
    handlers['skills.importArchive'] = () => {
      throw new BridgeError({ code: 'UNSAFE_SOURCE', message: 'Refused archive: entry "../x" climbs out.' })
    }
    const { api } = renderAppAt('#/sources', handlers)
    await screen.findByTestId('sources-empty')
    fireEvent.click(screen.getByTestId('add-source'))
    const upload = screen.getByTestId('source-upload')
    const big = new File([new Uint8Array(1024 * 1024 + 1)], 'big.zip')
    fireEvent.change(upload, { target: { files: [big] } })
    expect((await screen.findByRole('alert')).textContent).toContain('over 1 MiB')
    const small = new File([new Uint8Array([80, 75, 5, 6, 1, 2])], 'skills.zip')
    fireEvent.change(upload, { target: { files: [small] } })
    expect(screen.getByTestId('source-detected-type').textContent).toBe('Uploaded archive')
    expect(screen.getByTestId('source-upload-name').textContent).toBe('skills.zip')
    fireEvent.click(screen.getByTestId('source-add-submit'))
    expect((await screen.findByRole('alert')).textContent).toContain('climbs out')
    expect(api.callsTo('skills.importArchive')).toEqual([{ fileName: 'skills.zip', base64: 'UEsFBgEC' }])
  })

  it('lists available updates across sources and applies one', async () => {
    const { handlers } = sourcesHandlers([makeRepo({ name: 'team' })])
    let waiting = [
      { name: 'alpha', source: 'team', status: 'update-available' as const },
      { name: 'edited', source: 'team', status: 'conflict' as const },
    ]
    handlers['skills.updates'] = () => waiting
    handlers['skills.update'] = ({ name }) => {
      waiting = waiting.filter((u) => u.name !== name)
      return [{ name: name!, applied: true, state: 'changed', message: null }]
    }
    const { api } = renderAppAt('#/sources', handlers)
    const panel = await screen.findByTestId('updates-panel')
    expect(within(panel).getByTestId('updates-count').textContent).toBe('2 updates available')
    const rows = within(panel).getAllByTestId('update-row')
    expect(within(rows[1]!).getByTestId('update-apply')).toHaveProperty('disabled', true)
    expect(rows[1]!.textContent).toContain('edited locally')
    fireEvent.click(within(rows[0]!).getByTestId('update-apply'))
    await waitFor(() => expect(api.callsTo('skills.update')).toEqual([{ name: 'alpha' }]))
    await waitFor(() =>
      expect(within(panel).getByTestId('updates-count').textContent).toBe('1 update available'),
    )
  })

  it('exports to a chosen agent and lists the outcome', async () => {
    const { handlers } = sourcesHandlers([])
    handlers['skills.export'] = ({ target }) => ({
      dir: `/home/me/.${target}/skills`,
      written: ['alpha'],
      unchanged: ['beta'],
      removed: [],
      skipped: [{ name: 'gamma', reason: 'exists and was not put there by SkillDock' }],
      warnings: [{ name: 'alpha', reason: 'Codex skips it: its description is 1068 characters' }],
    })
    const { api } = renderAppAt('#/sources', handlers)
    await screen.findByTestId('sources-empty')
    fireEvent.click(screen.getByTestId('export-skills'))
    fireEvent.change(screen.getByTestId('export-target'), { target: { value: 'codex' } })
    fireEvent.click(screen.getByTestId('export-submit'))
    const result = await screen.findByTestId('export-result')
    expect(api.callsTo('skills.export')).toEqual([{ target: 'codex' }])
    expect(result.textContent).toContain('/home/me/.codex/skills: 1 written, 1 unchanged, 0 removed')
    expect(within(result).getByTestId('export-skipped').textContent).toContain('gamma')
    expect(within(result).getByTestId('export-warning').textContent).toContain('alpha: Codex skips it')
  })
})
