import { CircleAlert, CircleCheck } from 'lucide-react'
import type { ToolCallResult } from '../../../src-main/contract'
import type { CallRecord } from '../../stores/runtime'
import { formatDuration } from './format'

const preClass =
  'max-h-80 overflow-auto rounded border border-line bg-app px-2 py-1 text-xs whitespace-pre-wrap break-words'

/** What a call returned: text blocks, structured content, a tool error, or a route error. Text only. */
export function CallResult({ record }: { record: CallRecord }) {
  const { outcome } = record
  const failed = outcome.kind === 'error' || outcome.result.isError === true
  return (
    <div
      data-testid="runner-result"
      data-outcome={outcome.kind === 'error' ? 'route-error' : failed ? 'tool-error' : 'ok'}
      className={`flex flex-col gap-2 rounded border px-3 py-2 ${failed ? 'border-danger/40 bg-danger/6' : 'border-line'}`}
    >
      <p className="flex items-center gap-1.5 text-sm">
        {failed ? (
          <CircleAlert size={14} className="text-danger" aria-hidden />
        ) : (
          <CircleCheck size={14} className="text-ok" aria-hidden />
        )}
        <code className="font-medium">{record.tool}</code>
        <span className={failed ? 'text-danger' : 'text-muted'}>
          {outcome.kind === 'error' ? 'failed' : failed ? 'returned an error' : 'returned'}
        </span>
        <span className="ml-auto text-muted tabular-nums" data-testid="runner-duration">
          {formatDuration(record.durationMs)}
        </span>
      </p>
      {outcome.kind === 'error' ? (
        <p role="alert" className="selectable text-sm text-danger">
          {outcome.error.code && <code className="mr-1.5 text-xs font-semibold">{outcome.error.code}</code>}
          {outcome.error.message}
        </p>
      ) : (
        <ResultBody result={outcome.result} />
      )}
    </div>
  )
}

function ResultBody({ result }: { result: ToolCallResult }) {
  const empty = result.content.length === 0 && result.structuredContent === undefined
  return (
    <>
      {empty && <p className="text-sm text-muted">The tool returned nothing.</p>}
      {result.content.map((block, index) => (
        <ContentBlock key={index} block={block} error={result.isError === true} />
      ))}
      {result.structuredContent !== undefined && (
        <div className="flex flex-col gap-0.5">
          <p className="text-xs font-semibold tracking-wide text-muted uppercase">Structured content</p>
          <pre data-testid="runner-structured" className={preClass}>
            {JSON.stringify(result.structuredContent, null, 2)}
          </pre>
        </div>
      )}
    </>
  )
}

/** One content block. Images and resources are described, never loaded. */
function ContentBlock({ block, error }: { block: Record<string, unknown>; error: boolean }) {
  if (block.type === 'text' && typeof block.text === 'string') {
    return (
      <pre data-testid="runner-text" className={`${preClass} ${error ? 'text-danger' : ''}`}>
        {block.text}
      </pre>
    )
  }
  if (block.type === 'image' || block.type === 'audio') {
    const size = typeof block.data === 'string' ? ` (${Math.round((block.data.length * 3) / 4)} bytes)` : ''
    return (
      <p className="text-sm text-muted italic">
        [{block.type}: {String(block.mimeType ?? 'unknown type')}
        {size} — not shown]
      </p>
    )
  }
  return <pre className={preClass}>{JSON.stringify(block, null, 2)}</pre>
}
