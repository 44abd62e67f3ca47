import { useLayoutEffect, useRef } from 'react'
import { InlineError } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'
import { LOG_LIMIT } from '../../stores/runtime'

const EMPTY: readonly string[] = []

/** The server's stderr, live and bounded; it follows new lines unless the user scrolled up. */
export function RunnerLog({ name }: { name: string }) {
  const log = useAppStore('runtime', (state) => state.runs[name]?.log) ?? EMPTY
  const error = useAppStore('runtime', (state) => state.runs[name]?.logError ?? null)
  const clear = useAppStore('runtime', (state) => state.clearLog)
  const view = useRef<HTMLPreElement>(null)
  const following = useRef(true)

  useLayoutEffect(() => {
    const element = view.current
    if (element && following.current) element.scrollTop = element.scrollHeight
  }, [log])

  return (
    <div className="flex flex-col gap-1">
      {error && <InlineError>{error}</InlineError>}
      <pre
        ref={view}
        role="log"
        aria-label="Server log (stderr)"
        tabIndex={0}
        data-testid="runner-log"
        onScroll={(event) => {
          const element = event.currentTarget
          following.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24
        }}
        className="h-48 overflow-auto rounded border border-line bg-app px-2 py-1 text-xs leading-[17px] whitespace-pre-wrap break-words"
      >
        {log.length === 0 ? <span className="text-muted">No output yet.</span> : log.join('\n')}
      </pre>
      <p className="flex items-center text-xs text-muted">
        <span>
          {log.length} {log.length === 1 ? 'line' : 'lines'} (the last {LOG_LIMIT} are kept)
        </span>
        <button type="button" onClick={() => clear(name)} className="ml-auto underline hover:text-fg">
          Clear
        </button>
      </p>
    </div>
  )
}
