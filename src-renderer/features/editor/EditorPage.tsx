import { CircleAlert, CircleCheck, TriangleAlert } from 'lucide-react'
import { useEffect, useRef, type UIEvent } from 'react'
import type { ValidationIssue } from '../../../src-main/contract'
import { InlineError } from '../../components/InlineError'
import { useEditorStore } from '../../stores/context'

/**
 * A plain SKILL.md editor with live validation from the real validator: errors and warnings are
 * marked at their line in the gutter and listed below. (Monaco, tabs for other files, save as draft
 * and the diff against the approved version are still to come.)
 */
export function EditorPage() {
  const content = useEditorStore((state) => state.content)
  const folderName = useEditorStore((state) => state.folderName)
  const report = useEditorStore((state) => state.report)
  const validating = useEditorStore((state) => state.validating)
  const error = useEditorStore((state) => state.error)
  const setContent = useEditorStore((state) => state.setContent)
  const setFolderName = useEditorStore((state) => state.setFolderName)
  const validate = useEditorStore((state) => state.validate)
  const textarea = useRef<HTMLTextAreaElement>(null)
  const gutter = useRef<HTMLDivElement>(null)

  useEffect(() => {
    void validate()
  }, [validate])

  const lineCount = content.split('\n').length
  const marks = new Map<number, 'error' | 'warning'>()
  for (const issue of report?.warnings ?? []) if (issue.line) marks.set(issue.line, 'warning')
  for (const issue of report?.errors ?? []) if (issue.line) marks.set(issue.line, 'error')

  const syncScroll = (event: UIEvent<HTMLTextAreaElement>): void => {
    if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop
  }

  const goToLine = (line: number): void => {
    const field = textarea.current
    if (!field) return
    const lines = field.value.split('\n')
    const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0)
    field.focus()
    field.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0))
  }

  return (
    <div className="flex h-full flex-col bg-surface">
      <div className="flex items-center gap-3 border-b border-line px-5 py-3">
        <h2 className="text-xl font-semibold">SKILL.md editor</h2>
        <label className="flex items-center gap-1.5 text-sm text-muted">
          Folder name
          <input
            data-testid="editor-folder"
            value={folderName}
            onChange={(event) => setFolderName(event.target.value)}
            className="h-6 w-48 rounded border border-line bg-surface px-2 font-mono text-sm text-fg"
          />
        </label>
        <span className="ml-auto text-sm" data-testid="editor-status" aria-live="polite">
          {validating ? (
            <span className="text-muted">Validating…</span>
          ) : report?.valid ? (
            <span className="inline-flex items-center gap-1 text-ok">
              <CircleCheck size={13} aria-hidden />
              Valid
            </span>
          ) : report ? (
            <span className="inline-flex items-center gap-1 text-danger">
              <CircleAlert size={13} aria-hidden />
              {report.errors.length} error{report.errors.length === 1 ? '' : 's'}
            </span>
          ) : null}
        </span>
      </div>
      <div className="flex min-h-0 flex-1 overflow-hidden border-b border-line font-mono text-sm">
        <div
          ref={gutter}
          aria-hidden
          className="w-12 shrink-0 overflow-hidden bg-panel py-2 text-right text-muted select-none"
        >
          {Array.from({ length: lineCount }, (_, index) => {
            const line = index + 1
            const mark = marks.get(line)
            return (
              <div
                key={line}
                data-testid={mark ? 'editor-line-marker' : undefined}
                data-line={line}
                data-severity={mark}
                className={`h-5 pr-2 leading-5 ${
                  mark === 'error'
                    ? 'bg-danger/15 text-danger'
                    : mark === 'warning'
                      ? 'bg-warn/15 text-warn'
                      : ''
                }`}
              >
                {line}
              </div>
            )
          })}
        </div>
        <textarea
          ref={textarea}
          data-testid="editor-text"
          aria-label="SKILL.md"
          value={content}
          spellCheck={false}
          wrap="off"
          onChange={(event) => setContent(event.target.value)}
          onScroll={syncScroll}
          className="min-w-0 flex-1 resize-none bg-surface px-3 py-2 leading-5 text-fg outline-none"
        />
      </div>
      <div className="max-h-48 shrink-0 overflow-y-auto px-5 py-2" data-testid="editor-problems">
        {error && <InlineError>{error}</InlineError>}
        {report && report.errors.length + report.warnings.length === 0 && (
          <p className="text-sm text-muted">No problems.</p>
        )}
        <ul className="flex flex-col gap-0.5">
          {report?.errors.map((issue, index) => (
            <Problem key={`e${index}`} issue={issue} severity="error" onGo={goToLine} />
          ))}
          {report?.warnings.map((issue, index) => (
            <Problem key={`w${index}`} issue={issue} severity="warning" onGo={goToLine} />
          ))}
        </ul>
      </div>
    </div>
  )
}

function Problem({
  issue,
  severity,
  onGo,
}: {
  issue: ValidationIssue
  severity: 'error' | 'warning'
  onGo: (line: number) => void
}) {
  const Icon = severity === 'error' ? CircleAlert : TriangleAlert
  return (
    <li
      data-testid="editor-problem"
      data-severity={severity}
      data-line={issue.line ?? ''}
      className="flex items-start gap-1.5 text-sm"
    >
      <Icon
        size={13}
        aria-hidden
        className={`mt-0.5 shrink-0 ${severity === 'error' ? 'text-danger' : 'text-warn'}`}
      />
      {issue.line ? (
        <button
          type="button"
          onClick={() => onGo(issue.line!)}
          className="font-mono text-accent hover:underline"
        >
          line {issue.line}
        </button>
      ) : null}
      <span className="min-w-0 break-words">{issue.message}</span>
      <code className="text-xs text-muted">{issue.code}</code>
    </li>
  )
}
