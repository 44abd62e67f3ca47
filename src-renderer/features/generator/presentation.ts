import type { GeneratorStage, LlmConfig } from '../../../src-main/contract'

/** The provider in use as one short phrase; `none` generates offline templates. */
export function providerLabel(llm: LlmConfig): string {
  if (llm.provider === 'none') return 'offline template (no model provider)'
  const name = llm.provider === 'anthropic' ? 'Anthropic' : 'OpenAI-compatible'
  const parts = [name, llm.model, llm.baseUrl].filter((part): part is string => Boolean(part))
  return `${parts.join(' · ')}${llm.keySet ? '' : ' (no key set)'}`
}

/** The pipeline in order, as the stages list shows it (repairing only appears when it happens). */
export const pipeline: ReadonlyArray<{ stage: GeneratorStage; label: string }> = [
  { stage: 'checking', label: 'Check settings' },
  { stage: 'searching', label: 'Search existing skills' },
  { stage: 'staging', label: 'Stage a draft' },
  { stage: 'generating', label: 'Generate' },
  { stage: 'validating', label: 'Validate' },
  { stage: 'testing', label: 'Test' },
  { stage: 'repairing', label: 'Repair' },
  { stage: 'scanning', label: 'Scan' },
  { stage: 'submitting', label: 'Submit for approval' },
  { stage: 'done', label: 'Done' },
]
