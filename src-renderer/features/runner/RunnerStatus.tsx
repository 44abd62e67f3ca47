import { Square, Play } from 'lucide-react'
import type { RuntimeState } from '../../../src-main/contract'
import { Badge, type BadgeTone } from '../../components/Badge'
import { InlineError } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'
import { emptyRun } from '../../stores/runtime'

const stateTones: Record<RuntimeState, BadgeTone> = {
  stopped: 'neutral',
  starting: 'info',
  running: 'ok',
  crashed: 'danger',
  backoff: 'warn',
  disabled: 'danger',
}

const buttonClass =
  'inline-flex h-6 items-center gap-1 rounded border border-line bg-surface px-2 text-sm hover:bg-fg/6 disabled:opacity-50'

/** The server's state, pid, calls in flight and recent crashes, with Start and Stop. */
export function RunnerStatus({ name }: { name: string }) {
  const run = useAppStore('runtime', (state) => state.runs[name]) ?? emptyRun()
  const start = useAppStore('runtime', (state) => state.start)
  const stop = useAppStore('runtime', (state) => state.stop)
  const { status, action } = run
  const state = status?.state ?? 'stopped'
  const live = state === 'running' || state === 'starting'

  return (
    <div
      className="flex flex-col gap-1.5"
      data-testid="runner-status"
      data-state={status ? state : 'unknown'}
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-muted">Server</span>
        <Badge tone={stateTones[state]} data-testid="runner-state">
          {status ? state : 'unknown'}
        </Badge>
        {status && status.pid !== null && <span className="text-muted tabular-nums">pid {status.pid}</span>}
        {status && (status.processes ?? 0) > 1 && (
          <span className="text-muted" data-testid="runner-processes">
            {status.processes} processes
          </span>
        )}
        {status && status.inFlight > 0 && <span className="text-muted">{status.inFlight} in flight</span>}
        {status && status.recentCrashes > 0 && (
          <span className="text-warn">
            {status.recentCrashes} recent {status.recentCrashes === 1 ? 'crash' : 'crashes'}
          </span>
        )}
        <span className="ml-auto flex gap-1.5">
          <button
            type="button"
            className={buttonClass}
            data-testid="runner-start"
            disabled={action !== null || live}
            onClick={() => void start(name)}
          >
            <Play size={12} aria-hidden />
            {action === 'start' ? 'Starting…' : 'Start'}
          </button>
          <button
            type="button"
            className={buttonClass}
            data-testid="runner-stop"
            disabled={action !== null || !live}
            onClick={() => void stop(name)}
          >
            <Square size={12} aria-hidden />
            {action === 'stop' ? 'Stopping…' : 'Stop'}
          </button>
        </span>
      </div>
      {status?.lastError && (
        <p className="selectable text-sm text-danger">
          <span className="font-medium">Last error: </span>
          {status.lastError}
        </p>
      )}
      {run.statusError && <InlineError>{run.statusError}</InlineError>}
      {run.actionError && <InlineError>{run.actionError}</InlineError>}
    </div>
  )
}
