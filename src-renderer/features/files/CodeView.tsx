import { X } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { InlineError } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import type { OpenFile } from '../../stores/skillFiles'
import type { CodeToken } from './highlight'

/** Token kinds → colours of the app's palette. */
const tokenClass: Record<string, string> = {
  keyword: 'text-accent',
  string: 'text-ok',
  comment: 'text-muted italic',
  number: 'text-warn',
  type: 'text-info',
  tag: 'text-info',
  attribute: 'text-info',
  variable: 'text-danger',
}

/**
 * One file, read-only, with line numbers and syntax colours; `file.line` is marked and scrolled to.
 * The text is the skill's and untrusted: it is only ever rendered as text.
 */
export function CodeView({ file, onClose }: { file: OpenFile; onClose: () => void }) {
  const tokens = useHighlight(file.content, file.path)
  const box = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (file.content === null || !box.current) return
    box.current.scrollIntoView?.({ block: 'nearest' })
    if (file.line === null) return
    const target = box.current.querySelector(`[data-line="${file.line}"]`)
    target?.scrollIntoView?.({ block: 'center' })
  }, [file.content, file.line, file.nonce])

  const lines = file.content?.split('\n') ?? []
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return (
    <div
      ref={box}
      data-testid="file-viewer"
      data-path={file.path}
      className="flex flex-col overflow-hidden rounded border border-line bg-surface"
    >
      <div className="flex items-center justify-between gap-2 border-b border-line px-2 py-1">
        <code className="text-xs font-medium break-all">
          {file.path}
          {file.line !== null && <span className="text-muted">:{file.line}</span>}
        </code>
        <button
          type="button"
          onClick={onClose}
          aria-label={`Close ${file.path}`}
          className="rounded p-0.5 text-muted hover:bg-fg/8 hover:text-fg"
        >
          <X size={13} aria-hidden />
        </button>
      </div>
      {file.error ? (
        <div className="p-2">
          <InlineError>{file.error}</InlineError>
        </div>
      ) : file.content === null ? (
        <SkeletonLines count={4} label={`Loading ${file.path}`} />
      ) : (
        <div
          role="region"
          aria-label={`Contents of ${file.path}`}
          data-testid="file-content"
          tabIndex={0}
          className="selectable max-h-[28rem] overflow-auto py-1 font-mono text-xs leading-[18px]"
        >
          {lines.map((line, index) => {
            const number = index + 1
            const marked = number === file.line
            return (
              <div
                key={number}
                data-line={number}
                data-testid="code-line"
                aria-current={marked ? 'location' : undefined}
                className={`flex whitespace-pre ${marked ? 'bg-warn/20' : ''}`}
              >
                <span aria-hidden className="w-10 shrink-0 pr-3 text-right text-muted select-none">
                  {number}
                </span>
                <span className="pr-3">
                  {tokens?.[index]
                    ? tokens[index].map((token, at) => (
                        <span key={at} className={tokenClass[token.kind]}>
                          {token.text}
                        </span>
                      ))
                    : line}
                </span>
              </div>
            )
          })}
        </div>
      )}
    </div>
  )
}

/** Colours arrive after the text (the tokenizer loads lazily); the plain text shows meanwhile. */
function useHighlight(content: string | null, path: string): CodeToken[][] | null {
  const [tokens, setTokens] = useState<{ content: string; lines: CodeToken[][] } | null>(null)
  useEffect(() => {
    if (content === null) return
    let live = true
    import('./highlight')
      .then(({ highlight }) => highlight(content, path))
      .then((lines) => {
        if (live && lines) setTokens({ content, lines })
      })
      // Without colours the file is still shown, as plain text.
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [content, path])
  return tokens && tokens.content === content ? tokens.lines : null
}
