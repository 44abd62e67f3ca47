import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { DiffView } from '../../../../../src-renderer/features/approvals/DiffView'
import { diffStats, parseDiff } from '../../../../../src-renderer/features/approvals/diffLines'

afterEach(cleanup)

const diff = [
  'diff --git a/tidy-notes/SKILL.md b/tidy-notes/SKILL.md',
  'index 1111111..2222222 100644',
  '--- a/tidy-notes/SKILL.md',
  '+++ b/tidy-notes/SKILL.md',
  '@@ -1,3 +1,3 @@',
  ' ---',
  '-description: old words',
  '+description: <img src=x onerror="window.__pwned=1"> new words',
  '--- a line that now starts with two dashes',
  ' # Tidy notes',
  '',
].join('\n')

describe('diff view', () => {
  it('classifies lines, including a removed line that looks like a file header inside a hunk', () => {
    const lines = parseDiff(diff)
    expect(lines.map((line) => line.kind)).toEqual([
      'meta',
      'meta',
      'meta',
      'meta',
      'hunk',
      'context',
      'remove',
      'add',
      'remove',
      'context',
    ])
    expect(diffStats(lines)).toEqual({ files: 1, added: 1, removed: 2 })
  })

  it('renders the diff as text: injected HTML stays text and nothing is loaded', () => {
    const { container } = render(<DiffView diff={diff} />)
    expect(container.querySelector('img')).toBeNull()
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()
    const added = container.querySelector('[data-kind="add"]')
    expect(added?.textContent).toBe('+description: <img src=x onerror="window.__pwned=1"> new words')
    expect(added?.className).toContain('text-ok')
    expect(container.querySelector('[data-kind="remove"]')?.className).toContain('text-danger')
    expect(screen.getByText('+1')).toBeTruthy()
    expect(screen.getByText('−2')).toBeTruthy()
  })
})
