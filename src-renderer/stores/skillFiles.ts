import { createStore, type StoreApi } from 'zustand/vanilla'
import type { SkillFile, TrustLevel } from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

export type SkillFilesApi = Pick<ApiClient, 'invoke'>

/** The file open in the viewer; `line` is the one to scroll to and mark (a finding's line). */
export interface OpenFile {
  path: string
  line: number | null
  content: string | null
  error: string | null
  /** Bumped on every open, so clicking the same finding twice scrolls again. */
  nonce: number
}

/** One entry of a skill's `examples.json`: a tool and the arguments to call it with. */
export interface ToolExample {
  tool: string
  arguments: Record<string, unknown>
  /** The entry's own name or description, when it has one. */
  label: string | null
}

/** The usable entries of an `examples.json` text; anything malformed is skipped. */
export function parseExamples(text: string): ToolExample[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return []
  }
  if (!Array.isArray(parsed)) return []
  return parsed.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return []
    const { tool, arguments: args, name, description } = entry as Record<string, unknown>
    if (typeof tool !== 'string') return []
    const argumentsOk = typeof args === 'object' && args !== null && !Array.isArray(args)
    const label = typeof name === 'string' ? name : typeof description === 'string' ? description : null
    return [{ tool, arguments: argumentsOk ? (args as Record<string, unknown>) : {}, label }]
  })
}

export interface SkillFilesState {
  /** The skill whose installed files are shown (the copy that runs, never a draft). */
  skill: string | null
  /**
   * The request under review, when the files are the ones it asks to approve (a staged proposal
   * reads its own folder, not the installed copy); null on the skill page.
   */
  approval: string | null
  files: SkillFile[] | null
  /** The skill's current trust level (an update's decision starts from it). */
  trust: TrustLevel | null
  listError: string | null
  open: OpenFile | null
  /** Each skill's `examples.json` entries (empty when it has none), once loaded. */
  examples: Record<string, ToolExample[]>

  /**
   * Lists the skill's files (from `skills.get`, or the request's own with `approval`); keeps the
   * open file when the skill and request are the same.
   */
  load(skill: string, approval?: string | null): Promise<void>
  /** Shows one file, scrolled to `line` when given. */
  openFile(path: string, line?: number | null): Promise<void>
  close(): void
  /** Reads the skill's `examples.json` (the installed copy) for the Run tab's presets. */
  loadExamples(skill: string): Promise<void>
}

/** The read-only file viewer of the approval page and the skill page. */
export function createSkillFilesStore(api: SkillFilesApi): StoreApi<SkillFilesState> {
  let listRequest = 0
  let fileRequest = 0
  return createStore<SkillFilesState>()((set, get) => ({
    skill: null,
    approval: null,
    files: null,
    trust: null,
    listError: null,
    open: null,
    examples: {},

    async load(skill, approval = null) {
      const request = ++listRequest
      if (get().skill !== skill || get().approval !== approval) {
        fileRequest++
        set({ skill, approval, files: null, trust: null, listError: null, open: null })
      }
      try {
        const [detail, files] = await Promise.all([
          api.invoke('skills.get', { name: skill }),
          approval ? api.invoke('approvals.files', { id: approval }) : null,
        ])
        if (request !== listRequest) return
        set({ files: files ?? detail.files, trust: detail.trust, listError: null })
      } catch (error) {
        if (request !== listRequest) return
        set({ files: null, listError: messageOf(error) })
      }
    },

    async openFile(path, line = null) {
      const { skill, approval, open } = get()
      if (!skill) return
      const request = ++fileRequest
      const nonce = (open?.nonce ?? 0) + 1
      // The same file again (another finding in it): keep its text, only move to the new line.
      if (open && open.path === path && open.content !== null) {
        set({ open: { ...open, line, nonce } })
        return
      }
      set({ open: { path, line, content: null, error: null, nonce } })
      try {
        const { content } = approval
          ? await api.invoke('approvals.readFile', { id: approval, path })
          : await api.invoke('skills.readFile', { name: skill, path })
        if (request !== fileRequest) return
        set({ open: { path, line, content, error: null, nonce } })
      } catch (error) {
        if (request !== fileRequest) return
        set({ open: { path, line, content: null, error: messageOf(error), nonce } })
      }
    },

    close() {
      fileRequest++
      set({ open: null })
    },

    async loadExamples(skill) {
      let examples: ToolExample[] = []
      try {
        const { content } = await api.invoke('skills.readFile', { name: skill, path: 'examples.json' })
        examples = parseExamples(content)
      } catch {
        // No examples.json (or an unreadable one): the Run tab simply offers no presets.
      }
      set({ examples: { ...get().examples, [skill]: examples } })
    },
  }))
}
