import { CircleCheck, CircleDashed, LoaderCircle } from 'lucide-react'
import type { GeneratorProgress, GeneratorStage } from '../../../src-main/contract'
import { useAppStore } from '../../stores/context'
import { pipeline } from './presentation'

type StepState = 'pending' | 'active' | 'done'

/** The pipeline's stages, live from `generator.progress`: each with its latest message. */
export function GeneratorStages() {
  const stages = useAppStore('generator', (state) => state.stages)
  const running = useAppStore('generator', (state) => state.running)
  if (stages.length === 0 && !running) return null

  const latest = new Map<GeneratorStage, GeneratorProgress>()
  for (const progress of stages) latest.set(progress.stage, progress)
  const current = stages.at(-1)?.stage ?? null
  const reachedIndex = current ? pipeline.findIndex((step) => step.stage === current) : -1

  return (
    <ol
      className="flex flex-col gap-1 rounded border border-line p-3"
      data-testid="generator-stages"
      aria-live="polite"
    >
      {pipeline.map((step, index) => {
        const seen = latest.get(step.stage)
        if (step.stage === 'repairing' && !seen) return null
        const state: StepState =
          step.stage === current && (running || current !== 'done')
            ? running
              ? 'active'
              : 'done'
            : seen || index < reachedIndex
              ? 'done'
              : 'pending'
        const Icon = state === 'active' ? LoaderCircle : state === 'done' ? CircleCheck : CircleDashed
        return (
          <li
            key={step.stage}
            data-testid="generator-stage"
            data-stage={step.stage}
            data-state={state}
            className={`flex items-start gap-2 text-sm ${state === 'pending' ? 'text-muted' : ''}`}
          >
            <Icon
              size={14}
              aria-hidden
              className={`mt-0.5 shrink-0 ${state === 'active' ? 'animate-spin text-accent' : state === 'done' ? 'text-ok' : ''}`}
            />
            <span className="font-medium">{step.label}</span>
            {seen && (
              <span className="min-w-0 break-words text-muted">
                {seen.round ? `round ${seen.round} · ` : ''}
                {seen.message}
              </span>
            )}
          </li>
        )
      })}
    </ol>
  )
}
