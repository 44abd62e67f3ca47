import { createStore, type StoreApi } from 'zustand/vanilla'
import type {
  GenerationResult,
  GeneratorProgress,
  LlmConfig,
  RiskLevel,
  ScanFinding,
  SkillFile,
} from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

export type GeneratorApi = Pick<ApiClient, 'invoke' | 'on'>

export interface GeneratorState {
  /** The provider settings, for "which provider is in use". */
  llm: LlmConfig | null
  llmError: string | null
  runId: string | null
  running: boolean
  cancelling: boolean
  /** Progress events of the current run, in arrival order. */
  stages: GeneratorProgress[]
  result: GenerationResult | null
  error: string | null
  /** The proposed skill's files and the scan report of its approval request, loaded after a proposal. */
  proposal: ProposalDetails | null

  loadLlm(): Promise<void>
  generate(intent: string): Promise<void>
  cancel(): Promise<void>
  dispose(): void
}

export interface ProposalDetails {
  files: SkillFile[] | null
  /** The scan report as the approval request holds it; null when the request could not be read. */
  scan: { risk: RiskLevel | null; findings: ScanFinding[] } | null
  error: string | null
}

function newRunId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2)
  return `ui-${random}`
}

/** The generator: one run at a time, its stages live from `generator.progress`, then its outcome. */
export function createGeneratorStore(api: GeneratorApi): StoreApi<GeneratorState> {
  const unsubscribers: Array<() => void> = []

  return createStore<GeneratorState>()((set, get) => {
    unsubscribers.push(
      api.on('generator.progress', (progress) => {
        if (progress.runId !== get().runId) return
        set({ stages: [...get().stages, progress] })
      }),
    )

    return {
      llm: null,
      llmError: null,
      runId: null,
      running: false,
      cancelling: false,
      stages: [],
      result: null,
      error: null,
      proposal: null,

      async loadLlm() {
        try {
          set({ llm: await api.invoke('llm.get', {}), llmError: null })
        } catch (error) {
          set({ llmError: messageOf(error) })
        }
      },

      async generate(intent) {
        if (get().running) return
        const runId = newRunId()
        set({
          runId,
          running: true,
          cancelling: false,
          stages: [],
          result: null,
          error: null,
          proposal: null,
        })
        try {
          const result = await api.invoke('generator.generate', { intent: intent.trim(), runId })
          if (get().runId !== runId) return
          set({ result, running: false, cancelling: false })
          if (result.outcome === 'proposed' && result.skill) {
            const proposal = await loadProposal(api, result.skill, result.approvalId)
            if (get().runId === runId) set({ proposal })
          }
        } catch (error) {
          if (get().runId === runId && get().running)
            set({ error: messageOf(error), running: false, cancelling: false })
        }
      },

      async cancel() {
        const { runId, running } = get()
        if (!runId || !running) return
        set({ cancelling: true })
        try {
          await api.invoke('generator.cancel', { runId })
        } catch (error) {
          set({ cancelling: false, error: messageOf(error) })
        }
      },

      dispose() {
        for (const unsubscribe of unsubscribers.splice(0)) unsubscribe()
      },
    }
  })
}

/** The proposal's files (from the skill) and its scan report (from its approval request). */
async function loadProposal(
  api: GeneratorApi,
  skill: string,
  approvalId: string | null,
): Promise<ProposalDetails> {
  const errors: string[] = []
  const [files, scan] = await Promise.all([
    api.invoke('skills.get', { name: skill }).then(
      (detail) => detail.files,
      (error: unknown) => {
        errors.push(messageOf(error))
        return null
      },
    ),
    approvalId
      ? api.invoke('approvals.get', { id: approvalId }).then(
          (approval) => ({ risk: approval.risk, findings: approval.findings }),
          (error: unknown) => {
            errors.push(messageOf(error))
            return null
          },
        )
      : Promise.resolve(null),
  ])
  return { files, scan, error: errors.length > 0 ? errors.join(' ') : null }
}
