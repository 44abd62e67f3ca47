import { useEffect } from 'react'
import { InlineError } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { routeHref } from '../../router'
import type { TrustLevel } from '../../../src-main/contract'
import { useAppStore } from '../../stores/context'
import type { GovernanceSwitches as Switches } from '../../stores/governanceSwitches'

const TRUST_LEVELS: { value: TrustLevel; label: string }[] = [
  { value: 'trusted', label: 'Trusted — runs as is' },
  { value: 'monitored', label: 'Monitored — every call audited' },
  { value: 'sandboxed', label: 'Sandboxed — OS sandbox' },
  { value: 'restricted', label: 'Restricted — sandboxed, rate-limited, chosen clients' },
]

type Flag = 'gapDetection' | 'selfGeneration' | 'llmReview' | 'reviewFailOpen'

const FLAGS: { key: Flag; label: string; explanation: string }[] = [
  {
    key: 'gapDetection',
    label: 'Gap detection',
    explanation: 'Notice when agent output says a capability is missing, and record it.',
  },
  {
    key: 'selfGeneration',
    label: 'Self-generation',
    explanation: 'Let a recorded gap draft a new skill; drafts still wait for you.',
  },
  {
    key: 'llmReview',
    label: 'LLM review of scans',
    explanation: 'Ask the configured model to review every scan as well (uses the model budget).',
  },
  {
    key: 'reviewFailOpen',
    label: 'Accept the static scan when the review cannot run',
    explanation: 'Off: a skill waits for you whenever the LLM review fails. On: the static scan decides.',
  },
]

/** The governance switches (the same as `skilldock governance --…`), below the mode on the Approvals screen. */
export function GovernanceSwitches() {
  const switches = useAppStore('governanceSwitches', (s) => s.switches)
  const error = useAppStore('governanceSwitches', (s) => s.error)
  const saving = useAppStore('governanceSwitches', (s) => s.saving)
  const load = useAppStore('governanceSwitches', (s) => s.load)
  const save = useAppStore('governanceSwitches', (s) => s.save)
  // Whether a model is configured: with none, every LLM review fails (checked on the settings store).
  const noModel = useAppStore('settings', (s) => s.llm?.provider === 'none')
  const loadLlm = useAppStore('settings', (s) => s.load)

  useEffect(() => {
    void load()
    void loadLlm()
  }, [load, loadLlm])

  if (!switches)
    return error ? <InlineError>{error}</InlineError> : <SkeletonLines count={3} label="Loading switches" />
  return (
    <fieldset
      data-testid="governance-switches"
      disabled={saving}
      aria-busy={saving}
      className="flex flex-col gap-1.5"
    >
      <legend className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">Switches</legend>
      {error && <InlineError>{error}</InlineError>}
      {FLAGS.map((flag) => (
        <label
          key={flag.key}
          className="flex cursor-default items-start gap-2 rounded border border-line px-3 py-2"
        >
          <input
            type="checkbox"
            data-testid={`governance-${flag.key}`}
            checked={switches[flag.key]}
            disabled={flag.key === 'reviewFailOpen' && !switches.llmReview}
            onChange={(e) => void save({ [flag.key]: e.target.checked } as Partial<Switches>)}
            className="mt-1"
          />
          <span className="flex flex-col">
            <span className="font-medium">{flag.label}</span>
            <span className="text-sm text-muted">{flag.explanation}</span>
            {flag.key === 'llmReview' && switches.llmReview && noModel && (
              <span className="text-sm text-warn" data-testid="governance-review-no-model">
                No model provider is configured, so every review fails and{' '}
                {switches.reviewFailOpen
                  ? 'the static scan alone decides'
                  : 'every new or changed skill waits for you'}
                . Set one up in{' '}
                <a href={routeHref('settings')} className="underline">
                  Settings
                </a>
                .
              </span>
            )}
          </span>
        </label>
      ))}
      <label className="flex flex-col gap-1 rounded border border-line px-3 py-2">
        <span className="font-medium">Default trust on approval</span>
        <select
          data-testid="governance-defaultTrust"
          value={switches.defaultTrust}
          onChange={(e) => void save({ defaultTrust: e.target.value as TrustLevel })}
          className="rounded border border-line bg-bg px-2 py-1"
        >
          {TRUST_LEVELS.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  )
}
