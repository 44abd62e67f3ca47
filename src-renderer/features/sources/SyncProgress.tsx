import { syncPercent, type SyncState } from '../../stores/sources'

const phaseLabels: Record<SyncState['phase'], string> = {
  starting: 'Starting',
  fetching: 'Fetching',
  reconciling: 'Reconciling',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

/** A sync's progress bar, driven by its `sync.progress` phases. */
export function SyncProgress({ repo, sync }: { repo: string; sync: SyncState }) {
  const percent = syncPercent(sync.phase, sync.current, sync.total)
  const counted =
    sync.phase === 'reconciling' && sync.current !== undefined && sync.total !== undefined
      ? ` ${sync.current}/${sync.total}`
      : ''
  const tone = sync.phase === 'failed' ? 'bg-danger' : sync.phase === 'cancelled' ? 'bg-warn' : 'bg-accent'
  return (
    <div className="flex w-full min-w-0 flex-col gap-0.5" data-testid="sync-progress" data-phase={sync.phase}>
      <div
        role="progressbar"
        aria-label={`Sync of ${repo}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={phaseLabels[sync.phase]}
        className="h-1.5 w-full overflow-hidden rounded bg-fg/10"
      >
        <div className={`h-full transition-[width] duration-300 ${tone}`} style={{ width: `${percent}%` }} />
      </div>
      <span className="truncate text-xs text-muted" title={sync.message ?? undefined}>
        {phaseLabels[sync.phase]}
        {sync.message ? ` — ${sync.message}${counted}` : ''}
      </span>
    </div>
  )
}
