import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SkillSummary } from '../../../../../src-main/contract'
import { BridgeError } from '../../../../../src-renderer/api/client'
import { makeDetail, makeSummary, type FakeHandlers } from '../../fakeApi'
import { cleanupApp, renderApp } from '../../renderApp'

const pdf = makeSummary({ name: 'pdf-tools', description: 'Read and fill PDF forms.', version: '2.1.0' })
const mac = makeSummary({
  name: 'mac-notes',
  description: 'Search Apple Notes.',
  eligible: false,
  ineligibleReasons: ['requires macOS (this machine runs linux)'],
})

beforeEach(() => {
  window.history.replaceState(null, '', '/')
})

afterEach(cleanupApp)

/** A catalog whose list filters by query and state the way the core does, near enough. */
function catalogHandlers(skills: SkillSummary[], extra: FakeHandlers = {}): FakeHandlers {
  return {
    'skills.list': ({ query, state }) =>
      skills.filter(
        (skill) =>
          (!query || skill.name.includes(query) || skill.description.includes(query)) &&
          (!state || skill.state === state),
      ),
    'skills.get': ({ name }) => {
      const skill = skills.find((candidate) => candidate.name === name)
      if (!skill) throw new BridgeError({ code: 'NOT_FOUND', message: `No skill named "${name}".` })
      return makeDetail(skill)
    },
    ...extra,
  }
}

const rowNames = (): Array<string | null> =>
  screen.queryAllByTestId('skill-row').map((row) => row.getAttribute('data-skill-name'))

describe('skill browser', () => {
  it('lists skills with a "gated" badge that explains why', async () => {
    renderApp(catalogHandlers([pdf, mac]))
    await waitFor(() => expect(rowNames()).toEqual(['pdf-tools', 'mac-notes']))
    const macRow = screen.getAllByTestId('skill-row')[1] as HTMLElement
    const gated = within(macRow).getByTestId('skill-gated-badge')
    expect(gated.getAttribute('title')).toBe('requires macOS (this machine runs linux)')
    expect(gated.textContent).toBe('gated: requires macOS (this machine runs linux)')
    const pdfRow = screen.getAllByTestId('skill-row')[0] as HTMLElement
    expect(within(pdfRow).queryByTestId('skill-gated-badge')).toBeNull()
    expect(within(pdfRow).getByTestId('skill-state-badge').textContent).toBe('active')
  })

  it('searches as the user types, then shows an empty state', async () => {
    const { api } = renderApp(catalogHandlers([pdf, mac]))
    await waitFor(() => expect(rowNames()).toHaveLength(2))

    fireEvent.change(screen.getByTestId('skill-search'), { target: { value: 'notes' } })
    await waitFor(() => expect(rowNames()).toEqual(['mac-notes']))
    expect(api.callsTo('skills.list').at(-1)).toEqual({ query: 'notes' })

    fireEvent.change(screen.getByTestId('skill-search'), { target: { value: 'zzz' } })
    expect(await screen.findByText('No skills match “zzz”')).toBeTruthy()

    fireEvent.keyDown(screen.getByTestId('skill-search'), { key: 'Escape' })
    await waitFor(() => expect(rowNames()).toHaveLength(2))
    expect((screen.getByTestId('skill-search') as HTMLInputElement).value).toBe('')
  })

  it('filters by state through skills.list', async () => {
    const disabled = makeSummary({ name: 'old-thing', state: 'disabled' })
    const { api } = renderApp(catalogHandlers([pdf, disabled]))
    await waitFor(() => expect(rowNames()).toHaveLength(2))
    fireEvent.change(screen.getByLabelText('State'), { target: { value: 'disabled' } })
    await waitFor(() => expect(rowNames()).toEqual(['old-thing']))
    expect(api.callsTo('skills.list').at(-1)).toEqual({ state: 'disabled' })
  })

  it('narrows the list by source, trust, risk, eligibility and tag, and clears the filters', async () => {
    const catalog = [
      makeSummary({ name: 'git-a', source: 'team-repo', trust: 'sandboxed', risk: 'MEDIUM', tags: ['pdf'] }),
      makeSummary({ name: 'git-b', source: 'team-repo', trust: 'trusted', risk: 'LOW', tags: ['csv'] }),
      makeSummary({ name: 'local-c', source: 'local', trust: 'trusted', risk: 'HIGH', tags: ['pdf'] }),
      mac,
    ]
    renderApp(catalogHandlers(catalog))
    await waitFor(() => expect(rowNames()).toHaveLength(4))
    const pick = (filter: string, value: string): void => {
      fireEvent.change(screen.getByTestId(`skill-filter-${filter}`), { target: { value } })
    }

    pick('source', 'team-repo')
    expect(rowNames()).toEqual(['git-a', 'git-b'])
    expect(screen.getByText('2 of 4')).toBeTruthy()
    pick('trust', 'trusted')
    expect(rowNames()).toEqual(['git-b'])
    pick('trust', '')
    pick('risk', 'MEDIUM')
    expect(rowNames()).toEqual(['git-a'])
    pick('source', '')
    pick('risk', '')
    pick('tag', 'pdf')
    expect(rowNames()).toEqual(['git-a', 'local-c'])
    pick('tag', '')
    pick('runs-here', 'gated')
    expect(rowNames()).toEqual(['mac-notes'])
    pick('runs-here', 'eligible')
    pick('risk', 'CRITICAL')
    expect(rowNames()).toEqual([])
    expect(screen.getByTestId('skill-list-empty').textContent).toContain('No skills match these filters.')

    fireEvent.click(screen.getByTestId('skill-filters-clear'))
    expect(rowNames()).toHaveLength(4)
    expect((screen.getByTestId('skill-filter-risk') as HTMLSelectElement).value).toBe('')
  })

  it('badges an update waiting at the source, a change since approval, and a deprecation with its replacement', async () => {
    const changed = makeSummary({ name: 'edited', state: 'changed' })
    const old = makeSummary({
      name: 'old-pdf',
      state: 'deprecated',
      deprecation: { reason: 'Superseded', replacement: 'pdf-tools' },
    })
    renderApp(
      catalogHandlers([pdf, changed, old], {
        'skills.updates': () => [{ name: 'pdf-tools', source: 'team-repo', status: 'update-available' }],
      }),
    )
    const row = (name: string) =>
      screen.getAllByTestId('skill-row').find((el) => el.getAttribute('data-skill-name') === name)!
    await waitFor(() => expect(within(row('pdf-tools')).getByTestId('skill-update-badge')).toBeTruthy())
    expect(within(row('pdf-tools')).getByTestId('skill-update-badge').textContent).toBe('update available')
    expect(within(row('edited')).queryByTestId('skill-update-badge')).toBeNull()
    expect(within(row('edited')).getByTestId('skill-state-badge').textContent).toBe('changed')
    const deprecated = within(row('old-pdf')).getByTestId('skill-state-badge')
    expect(deprecated.textContent).toBe('deprecated → pdf-tools')
    expect(deprecated.getAttribute('title')).toBe('Superseded')
  })

  it('opens the selected skill with its rendered instructions and ineligibility reasons', async () => {
    renderApp(catalogHandlers([pdf, mac]))
    await waitFor(() => expect(rowNames()).toHaveLength(2))
    fireEvent.click(screen.getAllByTestId('skill-row')[1] as HTMLElement)

    const detail = await screen.findByTestId('skill-detail')
    expect(window.location.hash).toBe('#/skills/mac-notes')
    expect(within(detail).getByRole('heading', { level: 2 }).textContent).toBe('mac-notes')
    expect(within(detail).getByText('requires macOS (this machine runs linux)')).toBeTruthy()
    const instructions = within(detail).getByTestId('skill-instructions')
    expect(within(instructions).getByRole('heading', { level: 1 }).textContent).toBe('mac-notes')
    expect(instructions.querySelector('strong')?.textContent).toBe('well')
  })

  it('lists each tool with its parameters and its input schema', async () => {
    const tool = {
      name: 'fill_form',
      description: 'Fill a PDF form.',
      inputSchema: {
        type: 'object',
        properties: {
          path: { type: 'string', description: 'The PDF file' },
          fields: { type: 'array', items: { type: 'string' } },
          mode: { enum: ['fast', 'exact'] },
        },
        required: ['path'],
      },
    }
    renderApp(
      catalogHandlers([pdf], {
        'skills.get': () => makeDetail({ ...pdf, hasServer: true }, { tools: [tool] }),
      }),
    )
    await waitFor(() => expect(rowNames()).toHaveLength(1))
    fireEvent.click(screen.getAllByTestId('skill-row')[0] as HTMLElement)
    const schema = await screen.findByTestId('skill-tool-schema')
    expect(schema.textContent).toContain('path: string — The PDF file')
    expect(schema.textContent).toContain('fields: string[] (optional)')
    expect(schema.textContent).toContain('mode: "fast" | "exact" (optional)')
    expect(schema.querySelector('pre')?.textContent).toBe(JSON.stringify(tool.inputSchema, null, 2))
  })

  it('moves with the arrow keys and opens with Enter', async () => {
    renderApp(catalogHandlers([pdf, mac]))
    await waitFor(() => expect(rowNames()).toHaveLength(2))
    const search = screen.getByTestId('skill-search')
    fireEvent.keyDown(search, { key: 'ArrowDown' })
    fireEvent.keyDown(search, { key: 'ArrowDown' })
    fireEvent.keyDown(search, { key: 'Enter' })
    const detail = await screen.findByTestId('skill-detail')
    expect(within(detail).getByRole('heading', { level: 2 }).textContent).toBe('mac-notes')
  })

  it('restores the open skill from the URL', async () => {
    window.history.replaceState(null, '', '/#/skills/pdf-tools')
    renderApp(catalogHandlers([pdf, mac]))
    const detail = await screen.findByTestId('skill-detail')
    expect(within(detail).getByText('Read and fill PDF forms.')).toBeTruthy()
  })

  it('switches a skill off and shows the state the core returned', async () => {
    const { api } = renderApp(
      catalogHandlers([pdf], {
        'skills.setEnabled': ({ enabled }) => ({ ...pdf, state: enabled ? 'active' : 'disabled' }),
      }),
    )
    window.location.hash = '#/skills/pdf-tools'
    const detail = await screen.findByTestId('skill-detail')
    const toggle = within(detail).getByTestId('enable-toggle')
    expect(toggle.getAttribute('aria-checked')).toBe('true')

    fireEvent.click(toggle)
    await waitFor(() => expect(within(detail).getByTestId('skill-state-badge').textContent).toBe('disabled'))
    expect(toggle.getAttribute('aria-checked')).toBe('false')
    expect(api.callsTo('skills.setEnabled')).toEqual([{ name: 'pdf-tools', enabled: false }])
    const row = screen.getByTestId('skill-row')
    expect(within(row).getByTestId('skill-state-badge').textContent).toBe('disabled')
  })

  it('will not enable an invalid skill, and says why', async () => {
    const broken = makeSummary({ name: 'broken', state: 'installed', valid: false })
    renderApp({
      ...catalogHandlers([broken]),
      'skills.get': () =>
        makeDetail(broken, {
          errors: [{ code: 'NAME_INVALID', message: 'name must be lowercase', line: 2 }],
        }),
    })
    window.location.hash = '#/skills/broken'
    const detail = await screen.findByTestId('skill-detail')
    expect((within(detail).getByTestId('enable-toggle') as HTMLButtonElement).disabled).toBe(true)
    expect(within(detail).getByText(/fix them before enabling/)).toBeTruthy()
    expect(within(detail).getByText('NAME_INVALID')).toBeTruthy()
    expect(within(detail).getByText('line 2')).toBeTruthy()
    expect(within(detail).getByText('name must be lowercase')).toBeTruthy()
  })

  it('shows a failed list call inline with its message', async () => {
    renderApp({
      'skills.list': () => {
        throw new BridgeError({ code: 'INTERNAL', message: 'The catalog database is locked.' })
      },
    })
    expect((await screen.findByRole('alert')).textContent).toContain('The catalog database is locked.')
  })

  it('refreshes the list when the core reports skills.changed', async () => {
    const skills = [pdf]
    const { api } = renderApp(catalogHandlers(skills))
    await waitFor(() => expect(rowNames()).toEqual(['pdf-tools']))
    skills.push(mac)
    act(() => api.emit('skills.changed', { names: ['mac-notes'] }))
    await waitFor(() => expect(rowNames()).toEqual(['pdf-tools', 'mac-notes']))
  })
})
