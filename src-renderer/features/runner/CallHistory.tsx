import { RotateCcw, SquarePen } from 'lucide-react'
import type { CallRecord } from '../../stores/runtime'
import { formatDuration, summarizeArgs } from './format'

export interface CallHistoryProps {
  history: readonly CallRecord[]
  shownId: number | null
  calling: boolean
  onShow: (id: number) => void
  onReplay: (record: CallRecord) => void
  onEdit: (record: CallRecord) => void
}

/** The calls made in this session, newest first: show a result again, replay, or load into the form. */
export function CallHistory({ history, shownId, calling, onShow, onReplay, onEdit }: CallHistoryProps) {
  if (history.length === 0) return <p className="text-sm text-muted">Calls you make appear here.</p>
  return (
    <ul aria-label="Call history" className="flex flex-col" data-testid="runner-history">
      {history.map((record) => {
        const failed = record.outcome.kind === 'error' || record.outcome.result.isError === true
        return (
          <li
            key={record.id}
            data-testid="runner-history-item"
            className={`flex items-center gap-2 border-b border-line py-1 text-sm last:border-0 ${
              record.id === shownId ? 'bg-selected' : ''
            }`}
          >
            <button
              type="button"
              onClick={() => onShow(record.id)}
              aria-pressed={record.id === shownId}
              className="flex min-w-0 flex-1 items-center gap-2 px-1 text-left"
            >
              <span
                className={`size-1.5 shrink-0 rounded-full ${failed ? 'bg-danger' : 'bg-ok'}`}
                aria-hidden
              />
              <code className="shrink-0 font-medium">{record.tool}</code>
              <code className="truncate text-xs text-muted">{summarizeArgs(record.arguments)}</code>
              <span className="ml-auto shrink-0 text-xs text-muted tabular-nums">
                {formatDuration(record.durationMs)}
              </span>
              <span className="sr-only">{failed ? 'failed' : 'succeeded'}</span>
            </button>
            <button
              type="button"
              title="Load into the form"
              aria-label={`Load call ${record.id} into the form`}
              onClick={() => onEdit(record)}
              className="rounded p-1 text-muted hover:bg-fg/8 hover:text-fg"
            >
              <SquarePen size={13} aria-hidden />
            </button>
            <button
              type="button"
              title="Replay"
              aria-label={`Replay call ${record.id}`}
              data-testid="runner-replay"
              disabled={calling}
              onClick={() => onReplay(record)}
              className="rounded p-1 text-muted hover:bg-fg/8 hover:text-fg disabled:opacity-50"
            >
              <RotateCcw size={13} aria-hidden />
            </button>
          </li>
        )
      })}
    </ul>
  )
}
