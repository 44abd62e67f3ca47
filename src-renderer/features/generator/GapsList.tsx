import { Sparkles } from 'lucide-react'
import { useEffect, useRef } from 'react'
import type { Gap } from '../../../src-main/contract'
import { Badge, type BadgeTone } from '../../components/Badge'
import { InlineError } from '../../components/InlineError'
import { formatDateTime, formatRelativeTime } from '../../components/time'
import { useAppStore } from '../../stores/context'

const statusTone: Record<Gap['status'], BadgeTone> = {
  open: 'warn',
  generating: 'info',
  proposed: 'accent',
  resolved: 'ok',
  dismissed: 'neutral',
}

/** Capability gaps the core noticed, with where each came from, and "generate from this gap". */
export function GapsList() {
  const load = useAppStore('gaps', (state) => state.load)
  const gaps = useAppStore('gaps', (state) => state.gaps)
  const loaded = useAppStore('gaps', (state) => state.loaded)
  const error = useAppStore('gaps', (state) => state.error)
  const running = useAppStore('generator', (state) => state.running)
  const generate = useAppStore('generator', (state) => state.generate)
  const wasRunning = useRef(running)

  useEffect(() => {
    void load()
  }, [load])

  // A generation ended (proposed, matched or failed): the gap's status may have moved.
  useEffect(() => {
    if (wasRunning.current && !running) void load()
    wasRunning.current = running
  }, [running, load])

  return (
    <section
      className="flex flex-col gap-2 border-t border-line pt-3"
      aria-labelledby="generator-gaps"
      data-testid="gaps"
    >
      <h3 id="generator-gaps" className="text-xs font-semibold tracking-wide text-muted uppercase">
        Capability gaps
      </h3>
      <p className="text-sm text-muted">
        What agents asked for that no skill covers: calls to unknown tools and “I can’t…” in their output.
      </p>
      {error && <InlineError>{error}</InlineError>}
      {loaded && gaps.length === 0 && !error && (
        <p className="text-sm text-muted" data-testid="gaps-empty">
          No gaps recorded.
        </p>
      )}
      <ul className="flex flex-col gap-2">
        {gaps.map((gap) => (
          <li
            key={gap.id}
            className="rounded border border-line p-2.5"
            data-testid="gap"
            data-gap-id={gap.id}
          >
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{gap.capability}</span>
              <Badge tone={statusTone[gap.status]}>{gap.status}</Badge>
              {gap.occurrences > 1 && <Badge>{gap.occurrences}×</Badge>}
              <span className="ml-auto text-xs text-muted" title={formatDateTime(gap.updatedAt)}>
                {formatRelativeTime(gap.updatedAt)}
              </span>
            </div>
            <p className="mt-0.5 text-xs text-muted">
              {gap.trigger} · from {gap.requester}
            </p>
            {gap.context && (
              <blockquote className="mt-1.5 border-l-2 border-line pl-2 text-sm break-words whitespace-pre-wrap text-muted">
                {gap.context}
              </blockquote>
            )}
            {(gap.status === 'open' || gap.status === 'dismissed') && (
              <button
                type="button"
                data-testid="gap-generate"
                disabled={running}
                onClick={() => void generate(gap.capability)}
                className="mt-2 inline-flex h-7 items-center gap-1.5 rounded border border-line px-2.5 text-sm hover:bg-fg/8 disabled:opacity-50"
              >
                <Sparkles size={12} aria-hidden />
                Generate from this gap
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
