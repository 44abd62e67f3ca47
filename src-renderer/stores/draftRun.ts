import { createStore, type StoreApi } from 'zustand/vanilla'
import type { SkillTestReport, ToolInfo } from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf, shownError } from './errors'
import type { CallRecord } from './runtime'

/** The editor's runs of a skill's saved draft (`files.test`, `files.tools`, `files.call`). */
export interface DraftRun {
  testing: boolean
  report: SkillTestReport | null
  testError: string | null
  tools: ToolInfo[] | null
  toolsLoading: boolean
  toolsError: string | null
  calling: boolean
  /** The last call against the draft (one at a time: a draft changes between calls). */
  last: CallRecord | null
}

export interface DraftRunState {
  runs: Record<string, DraftRun>
  test(name: string): Promise<void>
  loadTools(name: string): Promise<void>
  call(name: string, tool: string, args: Record<string, unknown>): Promise<void>
}

export function emptyDraftRun(): DraftRun {
  return {
    testing: false,
    report: null,
    testError: null,
    tools: null,
    toolsLoading: false,
    toolsError: null,
    calling: false,
    last: null,
  }
}

/**
 * Runs of the draft the editor saved: the core runs it sandboxed in a process apart from the
 * approved skill's (src-main/core/runtime/draftRunner.ts), so nothing here touches the runner's state.
 */
export function createDraftRunStore(api: Pick<ApiClient, 'invoke'>): StoreApi<DraftRunState> {
  let nextCallId = 1
  return createStore<DraftRunState>()((set) => {
    const update = (name: string, change: (run: DraftRun) => Partial<DraftRun>): void =>
      set((state) => {
        const run = state.runs[name] ?? emptyDraftRun()
        return { runs: { ...state.runs, [name]: { ...run, ...change(run) } } }
      })

    const loadTools = async (name: string): Promise<void> => {
      update(name, () => ({ toolsLoading: true, toolsError: null }))
      try {
        const tools = await api.invoke('files.tools', { name })
        update(name, () => ({ toolsLoading: false, tools }))
      } catch (error) {
        update(name, () => ({ toolsLoading: false, tools: null, toolsError: messageOf(error) }))
      }
    }

    return {
      runs: {},
      async test(name) {
        update(name, () => ({ testing: true, testError: null }))
        try {
          const report = await api.invoke('files.test', { name })
          update(name, () => ({ testing: false, report }))
          // The tools the draft serves now, for the tool call below the checks.
          if (report.checks.some((c) => c.id === 'handshake' && c.status === 'pass')) await loadTools(name)
        } catch (error) {
          update(name, () => ({ testing: false, report: null, testError: messageOf(error) }))
        }
      },
      loadTools,
      async call(name, tool, args) {
        const id = nextCallId++
        const at = new Date().toISOString()
        const started = performance.now()
        update(name, () => ({ calling: true }))
        let outcome: CallRecord['outcome']
        try {
          outcome = {
            kind: 'result',
            result: await api.invoke('files.call', { name, tool, arguments: args }),
          }
        } catch (error) {
          outcome = { kind: 'error', error: shownError(error) }
        }
        const durationMs = Math.round(performance.now() - started)
        update(name, () => ({ calling: false, last: { id, tool, arguments: args, at, durationMs, outcome } }))
      },
    }
  })
}
