import { useMemo, useState } from 'react'
import { diffStats, parseDiff, type DiffLineKind } from './diffLines'

/** Lines rendered before "Show all": huge diffs stay responsive. */
const INITIAL_LINES = 2000

const lineClasses: Record<DiffLineKind, string> = {
  add: 'bg-ok/12 text-ok',
  remove: 'bg-danger/12 text-danger',
  hunk: 'bg-info/10 text-info',
  meta: 'text-muted font-semibold',
  context: '',
}

/** A unified diff shown as plain text with +/- colouring. Never parsed as HTML. */
export function DiffView({ diff }: { diff: string }) {
  const lines = useMemo(() => parseDiff(diff), [diff])
  const stats = useMemo(() => diffStats(lines), [lines])
  const [showAll, setShowAll] = useState(false)
  const shown = showAll ? lines : lines.slice(0, INITIAL_LINES)

  if (lines.length === 0) return <p className="text-sm text-muted">The diff is empty.</p>
  return (
    <div data-testid="approval-diff" className="flex flex-col gap-1">
      <p className="text-xs text-muted">
        {stats.files > 0 && `${stats.files} ${stats.files === 1 ? 'file' : 'files'} · `}
        <span className="text-ok">+{stats.added}</span> <span className="text-danger">−{stats.removed}</span>
      </p>
      <pre
        aria-label="Changes"
        className="max-h-[480px] overflow-auto rounded border border-line bg-app py-1 text-xs leading-[18px]"
      >
        {shown.map((line, index) => (
          <div key={index} data-kind={line.kind} className={`px-2 whitespace-pre ${lineClasses[line.kind]}`}>
            {line.text === '' ? ' ' : line.text}
          </div>
        ))}
      </pre>
      {shown.length < lines.length && (
        <button
          type="button"
          className="self-start text-sm text-accent underline"
          onClick={() => setShowAll(true)}
        >
          Show all {lines.length} lines
        </button>
      )}
    </div>
  )
}
