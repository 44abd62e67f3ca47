import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { CatalogEntry, RepoInfo } from '../../../../../src-main/contract'
import { BridgeError } from '../../../../../src-renderer/api/client'
import type { FakeHandlers } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'
import { makeRepo } from './repoFixture'

afterEach(cleanupApp)

function baseHandlers(repos: RepoInfo[]): FakeHandlers {
  return {
    'repos.list': () => repos.map((repo) => ({ ...repo })),
    'repos.browse': () => [],
    'skills.updates': () => [],
  }
}

const entry = (id: string, tags: string[], overrides: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id,
  name: id,
  description: `The ${id} skill.`,
  tags,
  source: `https://github.com/acme/${id}.git`,
  ref: null,
  homepage: null,
  ...overrides,
})

describe('adopt from agents', () => {
  it('lists adoptable skills of the chosen agent, adopts the checked ones and links to the inbox', async () => {
    const handlers = baseHandlers([])
    handlers['skills.adoptable'] = () => [
      { name: 'mine', description: 'Mine.', path: 'mine', valid: true, problem: null },
      { name: 'other', description: 'Other.', path: 'other', valid: true, problem: null },
      { name: 'broken', description: '', path: 'broken', valid: false, problem: 'SKILL.md has no name' },
    ]
    handlers['skills.adopt'] = ({ names }) => ({
      dir: '/home/me/.codex/skills',
      adopted: (names ?? []).map((name) => ({ name, state: 'pending' as const, risk: 'LOW' as const })),
      skipped: [],
    })
    const { api } = renderAppAt('#/sources', handlers)
    await screen.findByTestId('sources-empty')
    fireEvent.click(screen.getByTestId('adopt-skills'))
    const dialog = screen.getByTestId('adopt-dialog')
    fireEvent.change(within(dialog).getByTestId('adopt-target'), { target: { value: 'codex' } })
    fireEvent.change(within(dialog).getByTestId('adopt-dir'), {
      target: { value: ' /home/me/agent-skills ' },
    })
    fireEvent.click(within(dialog).getByTestId('adopt-look'))
    const rows = await within(dialog).findAllByTestId('adopt-skill')
    expect(api.callsTo('skills.adoptable')).toEqual([{ target: 'codex', dir: '/home/me/agent-skills' }])
    expect(rows).toHaveLength(3)
    const checks = within(dialog).getAllByTestId('adopt-check') as HTMLInputElement[]
    expect(checks.map((c) => c.checked)).toEqual([true, true, false])
    expect(checks[2]!.disabled).toBe(true)
    expect(within(rows[2]!).getByTestId('adopt-problem').textContent).toBe('SKILL.md has no name')

    fireEvent.click(checks[1]!)
    fireEvent.click(within(dialog).getByTestId('adopt-submit'))
    const result = await within(dialog).findByTestId('import-result')
    expect(api.callsTo('skills.adopt')).toEqual([
      { target: 'codex', dir: '/home/me/agent-skills', names: ['mine'] },
    ])
    expect(within(result).getByTestId('import-result-skill').textContent).toContain('mine')
    expect(within(result).getByTestId('import-result-state').textContent).toBe('pending')
    expect(within(result).getByRole('link', { name: 'Open the inbox' }).getAttribute('href')).toContain(
      'approvals',
    )
    fireEvent.click(within(result).getByTestId('import-result-done'))
    await waitFor(() => expect(screen.queryByTestId('adopt-dialog')).toBeNull())
  })

  it('shows the core’s refusal when the folder cannot be read', async () => {
    const handlers = baseHandlers([])
    handlers['skills.adoptable'] = () => {
      throw new BridgeError({ code: 'NOT_FOUND', message: 'No skills folder at /home/me/.claude/skills.' })
    }
    const { api } = renderAppAt('#/sources', handlers)
    await screen.findByTestId('sources-empty')
    fireEvent.click(screen.getByTestId('adopt-skills'))
    fireEvent.click(screen.getByTestId('adopt-look'))
    expect((await screen.findByRole('alert')).textContent).toContain('No skills folder')
    expect(api.callsTo('skills.adoptable')).toEqual([{ target: 'claude-code' }])
    expect((screen.getByTestId('adopt-submit') as HTMLButtonElement).disabled).toBe(true)
  })
})

describe('MCP source token', () => {
  it('offers Token only on MCP rows, saves a masked value and never shows it again', async () => {
    const repos = [
      makeRepo({ name: 'folder' }),
      makeRepo({ id: 2, name: 'remote', type: 'mcp', url: 'https://mcp.example.org/mcp' }),
    ]
    const handlers = baseHandlers(repos)
    handlers['repos.setToken'] = ({ name, token }) => ({ name, stored: token !== null })
    const { api } = renderAppAt('#/sources', handlers)
    const rows = await screen.findAllByTestId('source-row')
    expect(within(rows[0]!).queryByTestId('source-token')).toBeNull()
    fireEvent.click(within(rows[1]!).getByTestId('source-token'))

    const dialog = screen.getByTestId('token-dialog')
    const input = within(dialog).getByTestId('token-input') as HTMLInputElement
    expect(input.type).toBe('password')
    const secret = 'sk-live-very-secret-value-42'
    fireEvent.change(input, { target: { value: secret } })
    fireEvent.click(within(dialog).getByTestId('token-save'))
    expect((await within(dialog).findByTestId('token-status')).textContent).toContain('saved in the keychain')
    expect(api.callsTo('repos.setToken')).toEqual([{ name: 'remote', token: secret }])
    expect(input.value).toBe('')
    expect(document.body.innerHTML).not.toContain(secret)

    fireEvent.click(within(dialog).getByTestId('token-remove'))
    await waitFor(() =>
      expect(within(dialog).getByTestId('token-status').textContent).toContain('removed from the keychain'),
    )
    expect(api.callsTo('repos.setToken')[1]).toEqual({ name: 'remote', token: null })
  })

  it('keeps the typed value and shows the core’s error when saving fails', async () => {
    const handlers = baseHandlers([makeRepo({ name: 'remote', type: 'mcp', url: 'https://x.example/mcp' })])
    handlers['repos.setToken'] = () => {
      throw new BridgeError({ code: 'INTERNAL', message: 'The OS keychain is not available.' })
    }
    renderAppAt('#/sources', handlers)
    fireEvent.click(await screen.findByTestId('source-token'))
    const input = screen.getByTestId('token-input') as HTMLInputElement
    fireEvent.change(input, { target: { value: 'abc' } })
    fireEvent.click(screen.getByTestId('token-save'))
    expect((await screen.findByRole('alert')).textContent).toContain('keychain is not available')
    expect(screen.queryByTestId('token-status')).toBeNull()
  })
})

describe('marketplace', () => {
  it('reads a catalog, filters by tag, installs an entry and renders catalog text as text', async () => {
    const hostile = '<img src=x onerror="window.pwned=1"><b>bold</b>'
    const handlers = baseHandlers([])
    handlers['marketplace.browse'] = ({ catalog }) => ({
      name: 'acme',
      origin: catalog ?? '/remembered.json',
      fetchedAt: '2025-01-01T00:00:00.000Z',
      skills: [entry('pdf-tools', ['docs', 'pdf']), entry('lint-helper', ['code'], { description: hostile })],
    })
    handlers['marketplace.install'] = ({ id }) => ({
      id,
      skills: [{ name: id, state: 'pending', risk: 'MEDIUM' }],
    })
    const { api } = renderAppAt('#/sources', handlers)
    await screen.findByTestId('sources-empty')
    fireEvent.click(screen.getByTestId('open-marketplace'))
    const dialog = screen.getByTestId('marketplace-dialog')
    fireEvent.change(within(dialog).getByTestId('marketplace-catalog'), {
      target: { value: 'http://127.0.0.1:8080/catalog.json' },
    })
    fireEvent.click(within(dialog).getByTestId('marketplace-allow-local'))
    fireEvent.click(within(dialog).getByTestId('marketplace-browse'))
    const entries = await within(dialog).findAllByTestId('marketplace-entry')
    expect(api.callsTo('marketplace.browse')).toEqual([
      { catalog: 'http://127.0.0.1:8080/catalog.json', allowLocal: true },
    ])
    expect(entries.map((e) => e.getAttribute('data-id'))).toEqual(['pdf-tools', 'lint-helper'])
    expect(within(entries[1]!).getByTestId('marketplace-entry-description').textContent).toBe(hostile)
    expect(dialog.querySelector('img')).toBeNull()
    expect(dialog.querySelector('b')).toBeNull()

    fireEvent.change(within(dialog).getByTestId('marketplace-tag'), { target: { value: 'pdf' } })
    const filtered = within(dialog).getAllByTestId('marketplace-entry')
    expect(filtered.map((e) => e.getAttribute('data-id'))).toEqual(['pdf-tools'])

    fireEvent.click(within(filtered[0]!).getByTestId('marketplace-install'))
    const result = await within(dialog).findByTestId('import-result')
    expect(api.callsTo('marketplace.install')).toEqual([
      { catalog: 'http://127.0.0.1:8080/catalog.json', allowLocal: true, id: 'pdf-tools' },
    ])
    expect(within(result).getByTestId('import-result-skill').textContent).toContain('pdf-tools')
    expect(within(result).getByTestId('import-result-state').textContent).toBe('pending')
  })

  it('shows the core’s refusal of an unsafe catalog URL', async () => {
    const handlers = baseHandlers([])
    handlers['marketplace.browse'] = () => {
      throw new BridgeError({
        code: 'UNSAFE_SOURCE',
        message: 'Refused http://127.0.0.1/c.json: a loopback host; pass allowLocal to permit it.',
      })
    }
    const { api } = renderAppAt('#/sources', handlers)
    await screen.findByTestId('sources-empty')
    fireEvent.click(screen.getByTestId('open-marketplace'))
    fireEvent.change(screen.getByTestId('marketplace-catalog'), {
      target: { value: 'http://127.0.0.1/c.json' },
    })
    fireEvent.click(screen.getByTestId('marketplace-browse'))
    expect((await screen.findByRole('alert')).textContent).toContain('loopback host')
    expect(api.callsTo('marketplace.browse')).toEqual([{ catalog: 'http://127.0.0.1/c.json' }])
    expect(screen.queryByTestId('marketplace-entry')).toBeNull()
  })
})
