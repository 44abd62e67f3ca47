import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ValidationReport } from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

/** Quiet time after the last keystroke before the text is validated. */
export const VALIDATE_DELAY_MS = 300

export const SKILL_TEMPLATE = `---
name: my-skill
description: Says what the skill does and when to use it. Use when …
---
# My skill

Explain the steps an agent should follow.
`

export type EditorApi = Pick<ApiClient, 'invoke'>

export interface EditorState {
  content: string
  folderName: string
  report: ValidationReport | null
  validating: boolean
  error: string | null

  setContent(content: string): void
  setFolderName(folderName: string): void
  /** Validates the current text now (the debounced path calls this too). */
  validate(): Promise<void>
  dispose(): void
}

/** The SKILL.md editor: the text and its live validation by the real validator (`skills.validate`). */
export function createEditorStore(api: EditorApi): StoreApi<EditorState> {
  let timer: ReturnType<typeof setTimeout> | null = null
  let request = 0

  return createStore<EditorState>()((set, get) => {
    const schedule = (): void => {
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        void get().validate()
      }, VALIDATE_DELAY_MS)
    }

    return {
      content: SKILL_TEMPLATE,
      folderName: 'my-skill',
      report: null,
      validating: false,
      error: null,

      setContent(content) {
        set({ content })
        schedule()
      },

      setFolderName(folderName) {
        set({ folderName })
        schedule()
      },

      async validate() {
        const current = ++request
        const { content, folderName } = get()
        set({ validating: true })
        try {
          const report = await api.invoke('skills.validate', {
            content,
            ...(folderName.trim() ? { folderName: folderName.trim() } : {}),
          })
          if (current === request) set({ report, validating: false, error: null })
        } catch (error) {
          if (current === request) set({ validating: false, error: messageOf(error) })
        }
      },

      dispose() {
        if (timer) clearTimeout(timer)
        timer = null
      },
    }
  })
}
