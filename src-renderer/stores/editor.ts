import { createStore, type StoreApi } from 'zustand/vanilla'
import type {
  Approval,
  DraftProblem,
  ScanFinding,
  SkillDiff,
  SkillSummary,
  SkillWorkspace,
  ValidationReport,
} from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

/** Quiet time after the last keystroke before SKILL.md is validated. */
export const VALIDATE_DELAY_MS = 300
/** Quiet time before the unsaved files are checked for syntax and security (a Python start and a scan). */
export const CHECK_DELAY_MS = 600

export type EditorApi = Pick<ApiClient, 'invoke'>

/** One open file: what is in the editor and what was last loaded or saved. */
export interface EditorFile {
  path: string
  content: string
  saved: string
}

export interface EditorState {
  /** Skills that can be opened. */
  choices: SkillSummary[]
  /** False until the first answer for `choices` (the picker shows a skeleton meanwhile). */
  choicesLoaded: boolean
  workspace: SkillWorkspace | null
  /** Loaded files by path (loaded when their tab is first shown). */
  files: Record<string, EditorFile>
  activePath: string | null
  /** Live validation of SKILL.md's current text by the real validator. */
  report: ValidationReport | null
  /** Syntax errors of the files as typed (Python, JSON): the skill would not load. */
  problems: DraftProblem[]
  /** Scanner findings of the files as typed (shown as warnings, apart from errors). */
  findings: ScanFinding[]
  /** True while the unsaved files are being checked. */
  checking: boolean
  diff: SkillDiff | null
  approval: Approval | null
  loading: boolean
  validating: boolean
  saving: boolean
  submitting: boolean
  /** When the draft was last saved in this session. */
  savedAt: number | null
  error: string | null

  loadChoices(): Promise<void>
  /** Opens a skill (its draft copy when one exists) with SKILL.md in front. */
  open(name: string): Promise<void>
  /** Shows a file's tab, loading it first when needed. */
  select(path: string): Promise<void>
  edit(path: string, content: string): void
  validate(): Promise<void>
  /** Saves every changed file to the draft copy; the validation report comes back with it. */
  save(): Promise<void>
  submit(reason?: string): Promise<void>
  showDiff(): Promise<void>
  hideDiff(): void
  discard(): Promise<void>
  /** A new skill from the template, opened; false when it could not be created. */
  create(name: string, withServer: boolean): Promise<boolean>
  close(): void
  dispose(): void
}

/** The SKILL.md file of a workspace (either spelling). */
export function skillFileOf(workspace: SkillWorkspace | null): string | null {
  return workspace?.files.find((file) => /^skill\.md$/i.test(file.path))?.path ?? null
}

/** Tab order: SKILL.md, skill.py, then the other editable files by path. */
export function tabPaths(workspace: SkillWorkspace | null): string[] {
  const rank = (path: string) => (/^skill\.md$/i.test(path) ? 0 : path === 'skill.py' ? 1 : 2)
  return (workspace?.files ?? [])
    .filter((file) => file.editable)
    .map((file) => file.path)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
}

/** Paths whose text differs from what was loaded or saved. */
export function dirtyPaths(state: Pick<EditorState, 'files'>): string[] {
  return Object.values(state.files)
    .filter((file) => file.content !== file.saved)
    .map((file) => file.path)
}

const closed = {
  workspace: null,
  files: {},
  activePath: null,
  report: null,
  problems: [],
  findings: [],
  diff: null,
  approval: null,
  savedAt: null,
  error: null,
}

/**
 * The skill editor: the files of one skill, live validation of SKILL.md (`skills.validate`), live
 * syntax and security checks of the unsaved files (`files.check`), save as draft, diff and submit
 * (`files.*`).
 */
export function createEditorStore(api: EditorApi): StoreApi<EditorState> {
  let timer: ReturnType<typeof setTimeout> | null = null
  let checkTimer: ReturnType<typeof setTimeout> | null = null
  let request = 0
  let checkRequest = 0

  // While edits are unsaved, closing or reloading the window asks first (on every screen).
  const onBeforeUnload = (event: BeforeUnloadEvent): void => event.preventDefault()
  let guarded = false
  const guard = (dirty: boolean): void => {
    if (dirty === guarded || typeof window === 'undefined') return
    guarded = dirty
    if (dirty) window.addEventListener('beforeunload', onBeforeUnload)
    else window.removeEventListener('beforeunload', onBeforeUnload)
  }

  const store = createStore<EditorState>()((set, get) => {
    const schedule = (): void => {
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        void get().validate()
      }, VALIDATE_DELAY_MS)
    }

    // Syntax and security of the files as typed, checked without saving them.
    const check = async (): Promise<void> => {
      const workspace = get().workspace
      if (!workspace) return
      const current = ++checkRequest
      set({ checking: true })
      try {
        const files = Object.values(get().files).map(({ path, content }) => ({ path, content }))
        const result = await api.invoke('files.check', { name: workspace.name, files })
        if (current === checkRequest && get().workspace?.name === workspace.name)
          set({ problems: result.problems, findings: result.findings, checking: false })
      } catch {
        // A check that cannot run leaves the editor usable; saving still validates.
        if (current === checkRequest) set({ checking: false })
      }
    }
    const scheduleCheck = (): void => {
      if (checkTimer) clearTimeout(checkTimer)
      checkTimer = setTimeout(() => {
        checkTimer = null
        void check()
      }, CHECK_DELAY_MS)
    }
    const scan = check

    const load = async (workspace: SkillWorkspace, path: string): Promise<EditorFile> => {
      const { content } = await api.invoke('files.read', { name: workspace.name, path })
      return { path, content, saved: content }
    }

    return {
      choices: [],
      choicesLoaded: false,
      ...closed,
      loading: false,
      checking: false,
      validating: false,
      saving: false,
      submitting: false,

      async loadChoices() {
        try {
          const choices = await api.invoke('skills.list', {})
          set({
            choices: [...choices].sort((a, b) => (a.name < b.name ? -1 : 1)),
            choicesLoaded: true,
            error: null,
          })
        } catch (error) {
          set({ choicesLoaded: true, error: messageOf(error) })
        }
      },

      async open(name) {
        set({ ...closed, loading: true })
        try {
          const workspace = await api.invoke('files.list', { name })
          const first = skillFileOf(workspace) ?? tabPaths(workspace)[0] ?? null
          const files: Record<string, EditorFile> = {}
          if (first) files[first] = await load(workspace, first)
          set({ workspace, files, activePath: first, loading: false })
          void get().validate()
          void scan()
        } catch (error) {
          set({ loading: false, error: messageOf(error) })
        }
      },

      async select(path) {
        const workspace = get().workspace
        if (!workspace) return
        set({ activePath: path, diff: null })
        if (get().files[path]) return
        try {
          const file = await load(workspace, path)
          set((state) => ({ files: { ...state.files, [path]: file } }))
        } catch (error) {
          set({ error: messageOf(error) })
        }
      },

      edit(path, content) {
        const file = get().files[path]
        if (!file || file.content === content) return
        set((state) => ({ files: { ...state.files, [path]: { ...file, content } } }))
        if (path === skillFileOf(get().workspace)) schedule()
        scheduleCheck()
      },

      async validate() {
        const { workspace } = get()
        const path = skillFileOf(workspace)
        const file = path ? get().files[path] : undefined
        if (!workspace || !file) return
        const current = ++request
        set({ validating: true })
        try {
          const report = await api.invoke('skills.validate', {
            content: file.content,
            folderName: workspace.name,
          })
          if (current === request) set({ report, validating: false })
        } catch (error) {
          if (current === request) set({ validating: false, error: messageOf(error) })
        }
      },

      async save() {
        const { workspace, saving } = get()
        if (!workspace || saving) return
        const changed = dirtyPaths(get()).map((path) => get().files[path]!)
        if (changed.length === 0) return
        set({ saving: true, error: null })
        try {
          const result = await api.invoke('files.saveDraft', {
            name: workspace.name,
            files: changed.map(({ path, content }) => ({ path, content })),
          })
          // Only what was sent counts as saved: keystrokes made while saving stay dirty.
          set((state) => {
            const files = { ...state.files }
            for (const file of changed) {
              const now = files[file.path]
              if (now) files[file.path] = { ...now, saved: file.content }
            }
            return { files, workspace: result.workspace, saving: false, savedAt: Date.now(), diff: null }
          })
          void get().validate()
          void scan()
        } catch (error) {
          set({ saving: false, error: messageOf(error) })
        }
      },

      async submit(reason) {
        const { workspace } = get()
        if (!workspace) return
        set({ submitting: true, error: null })
        try {
          const approval = await api.invoke('files.submit', {
            name: workspace.name,
            ...(reason ? { reason } : {}),
          })
          const refreshed = await api.invoke('files.list', { name: workspace.name })
          set({ approval, workspace: refreshed, submitting: false })
        } catch (error) {
          set({ submitting: false, error: messageOf(error) })
        }
      },

      async showDiff() {
        const { workspace } = get()
        if (!workspace) return
        try {
          set({ diff: await api.invoke('files.diff', { name: workspace.name }), error: null })
        } catch (error) {
          set({ error: messageOf(error) })
        }
      },

      hideDiff() {
        set({ diff: null })
      },

      async discard() {
        const { workspace } = get()
        if (!workspace) return
        try {
          await api.invoke('files.discardDraft', { name: workspace.name })
          await get().open(workspace.name)
        } catch (error) {
          set({ error: messageOf(error) })
        }
      },

      async create(name, withServer) {
        set({ error: null })
        try {
          await api.invoke('files.create', { name, withServer })
          await get().open(name)
          void get().loadChoices()
          return true
        } catch (error) {
          set({ error: messageOf(error) })
          return false
        }
      },

      close() {
        if (timer) clearTimeout(timer)
        if (checkTimer) clearTimeout(checkTimer)
        timer = null
        checkTimer = null
        set({ ...closed })
      },

      dispose() {
        if (timer) clearTimeout(timer)
        if (checkTimer) clearTimeout(checkTimer)
        timer = null
        checkTimer = null
        unsubscribe()
        guard(false)
      },
    }
  })
  const unsubscribe = store.subscribe((state) => guard(dirtyPaths(state).length > 0))
  return store
}
