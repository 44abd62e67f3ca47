import { useEffect, useState } from 'react'
import { InlineError } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { useAppStore } from '../../stores/context'
import { CompositesPanel } from './CompositesPanel'
import { JobsPanel } from './JobsPanel'
import { SchedulesPanel } from './SchedulesPanel'
import { WebhooksPanel } from './WebhooksPanel'

const tabs = [
  { id: 'schedules', label: 'Schedules', panel: SchedulesPanel },
  { id: 'jobs', label: 'Jobs', panel: JobsPanel },
  { id: 'webhooks', label: 'Webhooks', panel: WebhooksPanel },
  { id: 'compositions', label: 'Compositions', panel: CompositesPanel },
] as const

type TabId = (typeof tabs)[number]['id']

/** Schedules, the job queue, webhooks and composite skills. */
export function AutomationPage({ tab }: { tab?: string | null }) {
  const load = useAppStore('automation', (state) => state.load)
  const error = useAppStore('automation', (state) => state.error)
  const loaded = useAppStore('automation', (state) => state.loaded)
  const initial = tabs.find((t) => t.id === tab)?.id ?? 'schedules'
  const [active, setActive] = useState<TabId>(initial)
  const Panel = tabs.find((t) => t.id === active)!.panel

  useEffect(() => {
    void load()
  }, [load])

  return (
    <div className="h-full overflow-y-auto bg-surface">
      <div className="mx-auto flex max-w-4xl flex-col p-4">
        <h1 className="mb-1 text-lg font-semibold">Automation</h1>
        <p className="mb-2 text-sm text-muted">
          Tools run on a schedule, from a queue with retries, or from a signed webhook, while the app or{' '}
          <code>skilldock serve</code> runs. Every run passes the call policies and is in the activity log.
        </p>
        <div role="tablist" aria-label="Automation" className="mb-3 flex gap-1 border-b border-line">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={active === t.id}
              onClick={() => setActive(t.id)}
              className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${
                active === t.id
                  ? 'border-accent font-medium text-fg'
                  : 'border-transparent text-muted hover:text-fg'
              }`}
            >
              {t.label}
            </button>
          ))}
        </div>
        {error && (
          <div className="mb-2">
            <InlineError>{error}</InlineError>
          </div>
        )}
        <div role="tabpanel" aria-label={tabs.find((t) => t.id === active)!.label}>
          {loaded ? <Panel /> : <SkeletonLines count={4} label="Loading automation" />}
        </div>
      </div>
    </div>
  )
}
