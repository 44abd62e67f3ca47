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

export interface SkillFilesState {
  /** The skill whose installed files are shown (the copy that runs, never a draft). */
  skill: string | null
  files: SkillFile[] | null
  /** The skill's current trust level (an update's decision starts from it). */
  trust: TrustLevel | null
  listError: string | null
  open: OpenFile | null

  /** Lists the skill's files (from `skills.get`); keeps the open file when the skill is the same. */
  load(skill: string): Promise<void>
  /** Shows one file, scrolled to `line` when given. */
  openFile(path: string, line?: number | null): Promise<void>
  close(): void
}

/** The read-only file viewer of the approval page and the skill page. */
export function createSkillFilesStore(api: SkillFilesApi): StoreApi<SkillFilesState> {
  let listRequest = 0
  let fileRequest = 0
  return createStore<SkillFilesState>()((set, get) => ({
    skill: null,
    files: null,
    trust: null,
    listError: null,
    open: null,

    async load(skill) {
      const request = ++listRequest
      if (get().skill !== skill) {
        fileRequest++
        set({ skill, files: null, trust: null, listError: null, open: null })
      }
      try {
        const detail = await api.invoke('skills.get', { name: skill })
        if (request !== listRequest) return
        set({ files: detail.files, trust: detail.trust, listError: null })
      } catch (error) {
        if (request !== listRequest) return
        set({ files: null, listError: messageOf(error) })
      }
    },

    async openFile(path, line = null) {
      const { skill, open } = get()
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
        const { content } = await api.invoke('skills.readFile', { name: skill, path })
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
  }))
}
