import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RuntimeStatus, SkillTestReport, ToolCallResult, ToolInfo } from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf, shownError, type ShownError } from './errors'

/** Lines of stderr kept per skill; older ones scroll away. */
export const LOG_LIMIT = 500
/** Calls remembered per skill in this session. */
export const HISTORY_LIMIT = 50

/** One call made from the runner: what was sent, how long it took, and what came back. */
export interface CallRecord {
  id: number
  tool: string
  arguments: Record<string, unknown>
  at: string
  durationMs: number
  outcome: { kind: 'result'; result: ToolCallResult } | { kind: 'error'; error: ShownError }
}

/** Everything the runner shows for one skill. */
export interface SkillRun {
  status: RuntimeStatus | null
  statusError: string | null
  /** `start` or `stop` while that request is in flight. */
  action: 'start' | 'stop' | null
  actionError: string | null
  log: string[]
  logError: string | null
  tools: ToolInfo[] | null
  toolsLoading: boolean
  toolsError: string | null
  selectedTool: string | null
  calling: boolean
  /** Newest first. */
  history: CallRecord[]
  /** The call whose result is shown (the latest, or one picked from the history). */
  shownCallId: number | null
  testing: boolean
  testReport: SkillTestReport | null
  testError: string | null
}

export type RuntimeApi = Pick<ApiClient, 'invoke' | 'on'>

export interface RuntimeStoreState {
  runs: Record<string, SkillRun>
  /** Loads status, log and cached tools of a skill; events keep them current afterwards. */
  open(name: string): Promise<void>
  start(name: string): Promise<void>
  stop(name: string): Promise<void>
  loadTools(name: string, refresh?: boolean): Promise<void>
  selectTool(name: string, tool: string): void
  call(name: string, tool: string, args: Record<string, unknown>): Promise<void>
  showCall(name: string, id: number): void
  clearLog(name: string): void
  runTests(name: string): Promise<void>
  dispose(): void
}

export function emptyRun(): SkillRun {
  return {
    status: null,
    statusError: null,
    action: null,
    actionError: null,
    log: [],
    logError: null,
    tools: null,
    toolsLoading: false,
    toolsError: null,
    selectedTool: null,
    calling: false,
    history: [],
    shownCallId: null,
    testing: false,
    testReport: null,
    testError: null,
  }
}

export interface RuntimeStoreOptions {
  /** Milliseconds since some origin; tests pass a fake clock. */
  now?: () => number
}

/** The test runner: per skill, its server status, stderr log, tools, calls and test report. */
export function createRuntimeStore(
  api: RuntimeApi,
  options: RuntimeStoreOptions = {},
): StoreApi<RuntimeStoreState> {
  const now = options.now ?? (() => performance.now())
  let nextCallId = 1

  return createStore<RuntimeStoreState>()((set, get) => {
    const update = (name: string, change: (run: SkillRun) => Partial<SkillRun>): void =>
      set((state) => {
        const run = state.runs[name] ?? emptyRun()
        return { runs: { ...state.runs, [name]: { ...run, ...change(run) } } }
      })
    const known = (name: string): boolean => name in get().runs

    const unsubscribes = [
      api.on('runtime.status', (status) => {
        if (!known(status.skill)) return
        update(status.skill, () => ({ status, statusError: null }))
        if (status.state === 'running') void refreshCachedTools(status.skill)
      }),
      api.on('runtime.log', ({ skill, line }) => {
        if (known(skill)) update(skill, (run) => ({ log: appendBounded(run.log, [line], LOG_LIMIT) }))
      }),
    ]

    const loadStatus = async (name: string): Promise<void> => {
      try {
        const [status] = await api.invoke('runtime.status', { name })
        update(name, () => ({ status: status ?? null, statusError: null }))
      } catch (error) {
        update(name, () => ({ statusError: messageOf(error) }))
      }
    }

    const loadLog = async (name: string): Promise<void> => {
      try {
        const { stderr } = await api.invoke('runtime.logs', { name, lines: 200 })
        // Lines that arrived as events while the request was out are kept after the fetched ones.
        update(name, (run) => ({ log: appendBounded(stderr, run.log, LOG_LIMIT), logError: null }))
      } catch (error) {
        update(name, () => ({ logError: messageOf(error) }))
      }
    }

    const loadTools = async (name: string, refresh = false): Promise<void> => {
      update(name, () => ({ toolsLoading: true, toolsError: null }))
      try {
        const tools = await api.invoke('runtime.tools', refresh ? { name, refresh } : { name })
        update(name, (run) => ({
          tools,
          toolsLoading: false,
          selectedTool: tools.some((tool) => tool.name === run.selectedTool)
            ? run.selectedTool
            : (tools[0]?.name ?? null),
        }))
      } catch (error) {
        update(name, () => ({ toolsLoading: false, toolsError: messageOf(error) }))
      }
    }

    // A server that just started has handshaken, so the cache now holds its tools: fetch them when
    // none were known (reading the cache never spawns a process).
    const refreshCachedTools = async (name: string): Promise<void> => {
      const run = get().runs[name]
      if (run && !run.toolsLoading && (run.tools === null || run.tools.length === 0)) await loadTools(name)
    }

    const runAction = async (name: string, action: 'start' | 'stop'): Promise<void> => {
      update(name, () => ({ action, actionError: null }))
      try {
        const status = await api.invoke(action === 'start' ? 'runtime.start' : 'runtime.stop', { name })
        update(name, () => ({ action: null, status }))
        if (status.state === 'running') await refreshCachedTools(name)
      } catch (error) {
        update(name, () => ({ action: null, actionError: messageOf(error) }))
        await loadStatus(name)
      }
    }

    return {
      runs: {},
      async open(name) {
        // The log is fetched afresh; lines pushed while the fetch is out are appended after it.
        update(name, () => ({ log: [] }))
        await Promise.all([loadStatus(name), loadLog(name), loadTools(name)])
      },
      start: (name) => runAction(name, 'start'),
      stop: (name) => runAction(name, 'stop'),
      loadTools,
      selectTool(name, tool) {
        update(name, () => ({ selectedTool: tool }))
      },
      async call(name, tool, args) {
        const id = nextCallId++
        const at = new Date().toISOString()
        const started = now()
        update(name, () => ({ calling: true, selectedTool: tool }))
        let outcome: CallRecord['outcome']
        try {
          outcome = {
            kind: 'result',
            result: await api.invoke('runtime.call', { name, tool, arguments: args }),
          }
        } catch (error) {
          outcome = { kind: 'error', error: shownError(error) }
        }
        const record: CallRecord = { id, tool, arguments: args, at, durationMs: now() - started, outcome }
        update(name, (run) => ({
          calling: false,
          history: [record, ...run.history].slice(0, HISTORY_LIMIT),
          shownCallId: id,
        }))
      },
      showCall(name, id) {
        update(name, () => ({ shownCallId: id }))
      },
      clearLog(name) {
        update(name, () => ({ log: [] }))
      },
      async runTests(name) {
        update(name, () => ({ testing: true, testError: null }))
        try {
          const testReport = await api.invoke('skills.test', { name })
          update(name, () => ({ testing: false, testReport }))
          await refreshCachedTools(name)
        } catch (error) {
          update(name, () => ({ testing: false, testError: messageOf(error) }))
        }
      },
      dispose() {
        for (const unsubscribe of unsubscribes) unsubscribe()
      },
    }
  })
}

function appendBounded(head: string[], tail: string[], limit: number): string[] {
  const all = head.concat(tail)
  return all.length > limit ? all.slice(all.length - limit) : all
}
