import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ValidationReport } from '../../../../../src-main/contract'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

/** A validator that flags a missing description at the frontmatter's first line. */
function validate({ content }: { content?: string | undefined }): ValidationReport {
  const valid = /description:/.test(content ?? '')
  return {
    path: '<inline>',
    name: 'my-skill',
    valid,
    errors: valid ? [] : [{ code: 'description.missing', message: 'description is required', line: 2 }],
    warnings: [{ code: 'body.short', message: 'the instructions are short', line: 5 }],
  }
}

describe('SKILL.md editor', () => {
  it('validates the template, marks problems at their lines and re-validates after edits', async () => {
    const { api } = renderAppAt('#/editor', { 'skills.validate': validate })
    await waitFor(() => expect(screen.getByTestId('editor-status').textContent).toBe('Valid'))
    expect(api.callsTo('skills.validate')[0]).toMatchObject({ folderName: 'my-skill' })

    const text = screen.getByTestId('editor-text') as HTMLTextAreaElement
    fireEvent.change(text, { target: { value: '---\nname: my-skill\n---\n# Hi\n\nShort.\n' } })
    await waitFor(() => expect(screen.getByTestId('editor-status').textContent).toBe('1 error'))

    const markers = screen.getAllByTestId('editor-line-marker')
    expect(markers.map((m) => [m.getAttribute('data-line'), m.getAttribute('data-severity')])).toEqual([
      ['2', 'error'],
      ['5', 'warning'],
    ])
    const problems = screen.getAllByTestId('editor-problem')
    expect(problems[0]!.textContent).toContain('line 2')
    expect(problems[0]!.textContent).toContain('description is required')

    // Going to the error selects its line.
    fireEvent.click(screen.getByRole('button', { name: 'line 2' }))
    expect(text.value.slice(text.selectionStart, text.selectionEnd)).toBe('name: my-skill')
  })

  it('sends the folder name the validator checks the name against', async () => {
    const { api } = renderAppAt('#/editor', { 'skills.validate': validate })
    fireEvent.change(await screen.findByTestId('editor-folder'), { target: { value: 'other-folder' } })
    await waitFor(() =>
      expect(api.callsTo('skills.validate').at(-1)).toMatchObject({ folderName: 'other-folder' }),
    )
  })
})
