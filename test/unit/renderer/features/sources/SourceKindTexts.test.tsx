import { fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { FakeHandlers } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

const handlers = (): FakeHandlers => ({
  'repos.list': () => [],
  'repos.browse': () => [],
  'skills.updates': () => [],
})

/**
 * The Sources page and the add dialog say what they say about each kind from the contract's
 * `sourceKindFacts`: the words for the existing kinds are the ones they always were.
 */
describe('what the Sources page says about the kinds of source', () => {
  it('lists every kind in the header, and what to type in the add dialog', async () => {
    renderAppAt('#/sources', handlers())
    await screen.findByTestId('sources-empty')
    expect(
      screen.getByText('Where skills come from: folders, git repositories, HTTP indexes and MCP servers.'),
    ).toBeTruthy()
    fireEvent.click(screen.getByTestId('add-source'))
    const location = screen.getByTestId('source-location') as HTMLTextAreaElement
    expect(location.placeholder).toBe('https://github.com/org/skills.git or /home/me/skills')
    expect(location.closest('label')?.textContent).toBe(
      'Git URL, HTTP URL or folder path — or paste a SKILL.md',
    )
  })

  it('labels what was detected, and asks for a ref only for a kind that takes one', async () => {
    renderAppAt('#/sources', handlers())
    await screen.findByTestId('sources-empty')
    fireEvent.click(screen.getByTestId('add-source'))
    const type = (location: string) => {
      fireEvent.change(screen.getByTestId('source-location'), { target: { value: location } })
      return screen.queryByTestId('source-detected-type')?.textContent ?? null
    }
    expect(type('https://github.com/org/skills.git')).toBe('Git repository')
    expect(screen.getByText('Branch, tag or commit (optional)')).toBeTruthy()
    expect(type('https://skills.example.org/index.json')).toBe('HTTP index or archive')
    expect(screen.queryByText('Branch, tag or commit (optional)')).toBeNull()
    expect(type('/home/me/skills')).toBe('Local folder')
    // A scheme no kind takes is nothing to add.
    expect(type('s3://bucket/skills')).toBeNull()
  })
})
