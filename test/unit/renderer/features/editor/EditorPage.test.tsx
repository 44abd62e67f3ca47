import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SkillWorkspace, ValidationReport } from '../../../../../src-main/contract'
import type { CodeEditorProps } from '../../../../../src-renderer/features/editor/CodeEditor'
import { makeApproval, makeSummary } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

// Monaco needs a real browser (layout, workers); the e2e test drives it. Here a textarea stands in
// for it and shows the markers the page hands to the editor.
vi.mock('../../../../../src-renderer/features/editor/CodeEditor', () => ({
  default: ({ path, value, markers, onChange }: CodeEditorProps) => (
    <div data-testid="code-editor" data-path={path}>
      <textarea aria-label={path} value={value} onChange={(event) => onChange(event.target.value)} />
      <span data-testid="fake-markers">{markers.map((m) => `${m.line}:${m.severity}`).join(' ')}</span>
    </div>
  ),
}))

afterEach(cleanupApp)

const workspace: SkillWorkspace = {
  name: 'notes',
  origin: 'library',
  hasDraft: false,
  dir: '/home/skills/notes',
  files: [
    { path: 'SKILL.md', size: 10, editable: true, reason: null },
    { path: 'skill.py', size: 10, editable: true, reason: null },
  ],
  baseChanged: false,
  canSubmit: false,
}

function validate({ content }: { content?: string | undefined }): ValidationReport {
  const ok = /description:/.test(content ?? '')
  return {
    path: '<inline>',
    name: 'notes',
    valid: ok,
    errors: ok ? [] : [{ code: 'description.missing', message: 'description is required', line: 2 }],
    warnings: [],
  }
}

const handlers = {
  'files.list': () => workspace,
  'files.read': ({ path }: { path: string }) => ({
    path,
    content: path === 'SKILL.md' ? '---\nname: notes\ndescription: Notes.\n---\n' : 'x = 1\n',
  }),
  'skills.validate': validate,
  'files.check': () => ({ problems: [], findings: [] }),
  'files.saveDraft': () => ({
    workspace: { ...workspace, hasDraft: true, canSubmit: true },
    report: validate({}),
  }),
}

describe('skill editor page', () => {
  it('lists skills to open and offers a new skill from the template', async () => {
    renderAppAt('#/editor', {
      'skills.list': () => [makeSummary({ name: 'notes' }), makeSummary({ name: 'alpha' })],
    })
    const links = await screen.findAllByTestId('editor-skill')
    expect(links.map((link) => link.getAttribute('data-skill-name'))).toEqual(['alpha', 'notes'])
    expect(links[1]!.getAttribute('href')).toBe('#/editor/notes')
    fireEvent.change(screen.getByTestId('editor-new-name'), { target: { value: 'Bad Name' } })
    expect((screen.getByTestId('editor-new-create') as HTMLButtonElement).disabled).toBe(true)
  })

  it('opens a skill in tabs, marks a frontmatter error at its line, and saves with Ctrl+S', async () => {
    const { api } = renderAppAt('#/editor/notes', handlers)
    const tabs = await screen.findAllByTestId('editor-tab')
    expect(tabs.map((tab) => tab.getAttribute('data-path'))).toEqual(['SKILL.md', 'skill.py'])
    await waitFor(() => expect(screen.getByTestId('editor-status').textContent).toBe('Valid'))

    fireEvent.change(await screen.findByLabelText('SKILL.md'), {
      target: { value: '---\nname: notes\n---\n' },
    })
    expect(screen.getByTestId('editor-dirty').textContent).toMatch(/Unsaved/)
    await waitFor(() => expect(screen.getByTestId('editor-status').textContent).toBe('1 error'))
    expect(screen.getByTestId('fake-markers').textContent).toBe('2:error')
    const problem = screen.getByTestId('editor-problem')
    expect(problem.getAttribute('data-line')).toBe('2')
    expect(problem.textContent).toContain('SKILL.md:2')
    expect(problem.textContent).toContain('description is required')

    fireEvent.keyDown(window, { key: 's', ctrlKey: true })
    await screen.findByTestId('editor-saved')
    expect(api.callsTo('files.saveDraft')).toEqual([
      { name: 'notes', files: [{ path: 'SKILL.md', content: '---\nname: notes\n---\n' }] },
    ])
    expect(screen.queryByTestId('editor-dirty')).toBeNull()
  })

  it('says honestly that submitting an edited skill holds it until the update is approved', async () => {
    renderAppAt('#/editor', { 'skills.list': () => [makeSummary({ name: 'notes' })] })
    const intro = (await screen.findByText(/Open a skill to edit its files/)).textContent ?? ''
    expect(intro).not.toMatch(/keeps running until/)
    expect(intro).toMatch(/held \(not served to clients\) until the update is approved/)
    expect(intro).toContain('skilldock approve <id>')
    cleanupApp()

    renderAppAt('#/editor/notes', {
      ...handlers,
      'files.list': () => ({ ...workspace, hasDraft: true, canSubmit: true }),
      'files.submit': () => makeApproval({ id: 'req-7', skill: 'notes', kind: 'update', status: 'pending' }),
    })
    await waitFor(() => expect(screen.getByTestId('editor-status').textContent).toBe('Valid'))
    const submit = screen.getByTestId('editor-submit') as HTMLButtonElement
    expect(submit.title).toMatch(/notes is held \(not served to clients\) until the update is approved/)
    fireEvent.click(submit)
    const banner = await screen.findByTestId('editor-approval')
    expect(banner.textContent).toMatch(/notes is held \(not served to clients\) until the update is approved/)
    expect(banner.textContent).toContain('skilldock approve req-7')
  })

  it('asks before opening another skill over unsaved edits, and stays when told to', async () => {
    renderAppAt('#/editor/notes', handlers)
    fireEvent.change(await screen.findByLabelText('SKILL.md'), { target: { value: 'edited' } })
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)
    window.location.hash = '#/editor/other'
    await waitFor(() => expect(confirm).toHaveBeenCalled())
    await waitFor(() => expect(window.location.hash).toBe('#/editor/notes'))
    expect((screen.getByLabelText('SKILL.md') as HTMLTextAreaElement).value).toBe('edited')
    vi.unstubAllGlobals()
  })
})
