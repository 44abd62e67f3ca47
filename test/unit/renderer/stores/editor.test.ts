import { afterEach, describe, expect, it, vi } from 'vitest'
import type { StoreApi } from 'zustand'
import type { SkillWorkspace, ValidationReport } from '../../../../src-main/contract'
import { BridgeError } from '../../../../src-renderer/api/client'
import {
  createEditorStore,
  dirtyPaths,
  tabPaths,
  VALIDATE_DELAY_MS,
  type EditorState,
} from '../../../../src-renderer/stores/editor'
import { createFakeApi, makeApproval, type FakeHandlers } from '../fakeApi'

let store: StoreApi<EditorState> | null = null
afterEach(() => {
  store?.getState().dispose()
  vi.useRealTimers()
})

const workspace = (overrides: Partial<SkillWorkspace> = {}): SkillWorkspace => ({
  name: 'notes',
  origin: 'library',
  hasDraft: false,
  dir: '/home/skills/notes',
  files: [
    { path: 'references/guide.md', size: 10, editable: true, reason: null },
    { path: 'skill.py', size: 10, editable: true, reason: null },
    { path: 'SKILL.md', size: 10, editable: true, reason: null },
    { path: 'assets/logo.png', size: 10, editable: false, reason: 'a binary file' },
  ],
  baseChanged: false,
  canSubmit: false,
  ...overrides,
})

const valid: ValidationReport = { path: '<inline>', name: 'notes', valid: true, errors: [], warnings: [] }
const texts: Record<string, string> = {
  'SKILL.md': '---\nname: notes\ndescription: Notes.\n---\n# Notes\n',
  'skill.py': 'x = 1\n',
  'references/guide.md': '# Guide\n',
}

function handlers(extra: FakeHandlers = {}): FakeHandlers {
  return {
    'files.list': () => workspace(),
    'files.read': ({ path }) => ({ path, content: texts[path] ?? '' }),
    'skills.validate': ({ content }) =>
      /description:/.test(content ?? '')
        ? valid
        : {
            ...valid,
            valid: false,
            errors: [{ code: 'description.missing', message: 'description is required', line: 2 }],
          },
    'files.check': () => ({
      problems: [],
      findings: [
        {
          rule: 'py.exec',
          severity: 'MEDIUM',
          file: 'skill.py',
          line: 1,
          message: 'runs code',
          evidence: 'x',
        },
      ],
    }),
    ...extra,
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('editor store', () => {
  it('opens a skill with SKILL.md in front, validates it against its folder name and scans the files', async () => {
    const api = createFakeApi(handlers())
    store = createEditorStore(api)
    await store.getState().open('notes')
    await settle()
    const state = store.getState()
    expect(tabPaths(state.workspace)).toEqual(['SKILL.md', 'skill.py', 'references/guide.md'])
    expect(state.activePath).toBe('SKILL.md')
    expect(state.files['SKILL.md']?.content).toBe(texts['SKILL.md'])
    expect(api.callsTo('skills.validate')).toEqual([{ content: texts['SKILL.md'], folderName: 'notes' }])
    expect(api.callsTo('files.check')).toEqual([
      { name: 'notes', files: [{ path: 'SKILL.md', content: texts['SKILL.md'] }] },
    ])
    expect(state.findings.map((f) => f.file)).toEqual(['skill.py'])
    expect(state.report?.valid).toBe(true)
  })

  it('marks edits dirty, re-validates SKILL.md after a pause, and saves only the changed files', async () => {
    vi.useFakeTimers()
    const api = createFakeApi(
      handlers({
        'files.saveDraft': () => ({
          workspace: workspace({ hasDraft: true, canSubmit: true, dir: '/home/drafts/.edits/notes' }),
          report: valid,
        }),
      }),
    )
    store = createEditorStore(api)
    await store.getState().open('notes')
    await store.getState().select('skill.py')
    expect(dirtyPaths(store.getState())).toEqual([])

    store.getState().edit('SKILL.md', '---\nname: notes\n---\n')
    store.getState().edit('skill.py', 'x = 2\n')
    expect(dirtyPaths(store.getState()).sort()).toEqual(['SKILL.md', 'skill.py'])
    const validations = api.callsTo('skills.validate').length
    await vi.advanceTimersByTimeAsync(VALIDATE_DELAY_MS - 1)
    expect(api.callsTo('skills.validate')).toHaveLength(validations)
    await vi.advanceTimersByTimeAsync(1)
    expect(api.callsTo('skills.validate').at(-1)).toEqual({
      content: '---\nname: notes\n---\n',
      folderName: 'notes',
    })
    expect(store.getState().report?.errors[0]).toMatchObject({ line: 2, message: 'description is required' })

    await store.getState().save()
    expect(api.callsTo('files.saveDraft')).toEqual([
      {
        name: 'notes',
        files: [
          { path: 'SKILL.md', content: '---\nname: notes\n---\n' },
          { path: 'skill.py', content: 'x = 2\n' },
        ],
      },
    ])
    const state = store.getState()
    expect(dirtyPaths(state)).toEqual([])
    expect(state.savedAt).not.toBeNull()
    expect(state.workspace).toMatchObject({ hasDraft: true, canSubmit: true })
    // Nothing changed: a second save sends nothing.
    await store.getState().save()
    expect(api.callsTo('files.saveDraft')).toHaveLength(1)
  })

  it('keeps keystrokes typed while a save is in flight as unsaved', async () => {
    let finish: () => void = () => {}
    const api = createFakeApi(
      handlers({
        'files.saveDraft': () =>
          new Promise((resolve) => {
            finish = () => resolve({ workspace: workspace({ hasDraft: true }), report: valid })
          }),
      }),
    )
    store = createEditorStore(api)
    await store.getState().open('notes')
    store.getState().edit('SKILL.md', 'first')
    const saving = store.getState().save()
    await settle()
    store.getState().edit('SKILL.md', 'second')
    finish()
    await saving
    expect(store.getState().files['SKILL.md']).toMatchObject({ content: 'second', saved: 'first' })
    expect(dirtyPaths(store.getState())).toEqual(['SKILL.md'])
  })

  it('shows the core’s message when saving or creating fails, and keeps the edits', async () => {
    const api = createFakeApi(
      handlers({
        'files.saveDraft': () => {
          throw new BridgeError({ code: 'INVALID_INPUT', message: 'big.txt is too large to edit.' })
        },
        'files.create': () => {
          throw new BridgeError({
            code: 'CONFLICT',
            message: 'A skill named notes already exists; pick another name.',
          })
        },
      }),
    )
    store = createEditorStore(api)
    await store.getState().open('notes')
    store.getState().edit('SKILL.md', 'changed')
    await store.getState().save()
    expect(store.getState().error).toBe('big.txt is too large to edit.')
    expect(dirtyPaths(store.getState())).toEqual(['SKILL.md'])

    expect(await store.getState().create('notes', true)).toBe(false)
    expect(store.getState().error).toMatch(/already exists/)
  })

  it('submits the draft, then shows the request and the refreshed files', async () => {
    const api = createFakeApi(
      handlers({
        'files.submit': ({ name }) =>
          makeApproval({ id: 'req-1', skill: name, kind: 'update', status: 'pending' }),
      }),
    )
    store = createEditorStore(api)
    await store.getState().open('notes')
    await store.getState().submit()
    expect(api.callsTo('files.submit')).toEqual([{ name: 'notes' }])
    expect(store.getState().approval).toMatchObject({ id: 'req-1', status: 'pending' })
    expect(api.callsTo('files.list')).toHaveLength(2)
  })
})

describe('editor store: leaving the window', () => {
  it('asks before the window closes only while edits are unsaved', async () => {
    const api = createFakeApi(
      handlers({ 'files.saveDraft': () => ({ workspace: workspace({ hasDraft: true }), report: valid }) }),
    )
    store = createEditorStore(api)
    await store.getState().open('notes')
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true })
      window.dispatchEvent(event)
      return event.defaultPrevented
    }
    expect(leave()).toBe(false)
    store.getState().edit('SKILL.md', 'changed')
    expect(leave()).toBe(true)
    await store.getState().save()
    expect(leave()).toBe(false)
  })
})
