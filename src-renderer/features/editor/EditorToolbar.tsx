import { CircleAlert, CircleCheck, FlaskConical, GitCompare, Save, Send, Trash2, X } from 'lucide-react'
import type { ReactNode } from 'react'
import { Badge } from '../../components/Badge'
import { dirtyPaths } from '../../stores/editor'
import { useAppStore } from '../../stores/context'

const buttonClass =
  'inline-flex h-7 items-center gap-1.5 rounded border border-line px-2.5 text-sm hover:bg-fg/8 disabled:opacity-50'

/**
 * The open skill's name, its save state and validity, and the draft's actions. `errors` counts
 * validation and syntax errors of the text as typed: while there are any, the draft cannot be submitted.
 */
export function EditorToolbar({
  errors,
  onTest,
  onDiscard,
  onClose,
}: {
  errors: number
  /** Runs `skilldock test` on the version that can run (see EditorTestPanel). */
  onTest: () => void
  onDiscard: () => void
  onClose: () => void
}) {
  const workspace = useAppStore('editor', (state) => state.workspace)
  const dirty = useAppStore('editor', (state) => dirtyPaths(state).length > 0)
  const report = useAppStore('editor', (state) => state.report)
  const validating = useAppStore('editor', (state) => state.validating)
  const saving = useAppStore('editor', (state) => state.saving)
  const submitting = useAppStore('editor', (state) => state.submitting)
  const savedAt = useAppStore('editor', (state) => state.savedAt)
  const diff = useAppStore('editor', (state) => state.diff)
  const save = useAppStore('editor', (state) => state.save)
  const submit = useAppStore('editor', (state) => state.submit)
  const showDiff = useAppStore('editor', (state) => state.showDiff)
  const hideDiff = useAppStore('editor', (state) => state.hideDiff)
  if (!workspace) return null
  // A saved draft (a new skill's files, or the draft copy of an approved one) is what the test runs.
  const drafted = workspace.origin === 'draft' || workspace.hasDraft

  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-line px-5 py-2.5">
      <h2 className="text-xl font-semibold" data-testid="editor-skill-name">
        {workspace.name}
      </h2>
      <Badge tone={workspace.origin === 'draft' ? 'accent' : 'neutral'}>
        {workspace.origin === 'builtin' ? 'bundled' : workspace.origin}
      </Badge>
      {workspace.hasDraft && workspace.origin !== 'draft' && (
        <Badge tone="info" title={`Saved edits live in ${workspace.dir}`}>
          draft copy
        </Badge>
      )}
      <span className="text-sm" data-testid="editor-save-state" aria-live="polite">
        {saving ? (
          <span className="text-muted">Saving…</span>
        ) : dirty ? (
          <span className="text-warn" data-testid="editor-dirty">
            ● Unsaved changes
          </span>
        ) : savedAt ? (
          <span className="text-ok" data-testid="editor-saved">
            Draft saved
          </span>
        ) : null}
      </span>
      <span className="text-sm" data-testid="editor-status" aria-live="polite">
        <Validity validating={validating} valid={report === null ? null : errors === 0} errors={errors} />
      </span>
      <div className="ml-auto flex items-center gap-1.5">
        <ToolbarButton
          testId="editor-save"
          onClick={() => void save()}
          disabled={!dirty || saving}
          title="Ctrl/⌘ + S"
        >
          <Save size={13} aria-hidden /> Save draft
        </ToolbarButton>
        <ToolbarButton
          testId="editor-diff"
          onClick={() => (diff ? hideDiff() : void showDiff())}
          pressed={diff !== null}
        >
          <GitCompare size={13} aria-hidden /> {diff ? 'Back to editor' : 'Diff'}
        </ToolbarButton>
        <ToolbarButton
          testId="editor-test-run"
          onClick={onTest}
          disabled={(drafted || dirty) && (dirty || errors > 0)}
          title={
            drafted || dirty
              ? dirty
                ? 'Save your edits first: the test runs the saved draft.'
                : 'Run skilldock test on the saved draft (sandboxed, apart from the version clients use).'
              : `Run skilldock test on the ${workspace.origin === 'builtin' ? 'bundled' : 'approved'} version.`
          }
        >
          <FlaskConical size={13} aria-hidden /> {drafted || dirty ? 'Test draft' : 'Test'}
        </ToolbarButton>
        <ToolbarButton
          testId="editor-submit"
          onClick={() => void submit()}
          disabled={!workspace.canSubmit || dirty || submitting || errors > 0}
          title={
            workspace.origin === 'builtin'
              ? 'Bundled skills are read-only; create a new skill to publish changes.'
              : errors > 0
                ? `Fix the ${errors === 1 ? 'error' : `${errors} errors`} first.`
                : !workspace.hasDraft
                  ? 'Save a draft first.'
                  : dirty
                    ? 'Save your edits first.'
                    : workspace.origin === 'draft'
                      ? 'Send the draft to the approval inbox.'
                      : `Send the draft to the approval inbox. It replaces the approved copy: ${workspace.name} is held (not served to clients) until the update is approved.`
          }
        >
          <Send size={13} aria-hidden /> {submitting ? 'Submitting…' : 'Submit for approval'}
        </ToolbarButton>
        {workspace.hasDraft && workspace.origin !== 'draft' && (
          <ToolbarButton testId="editor-discard" onClick={onDiscard}>
            <Trash2 size={13} aria-hidden /> Discard draft
          </ToolbarButton>
        )}
        <ToolbarButton testId="editor-close" onClick={onClose} title="Close this skill">
          <X size={13} aria-hidden /> Close
        </ToolbarButton>
      </div>
    </div>
  )
}

function Validity({
  validating,
  valid,
  errors,
}: {
  validating: boolean
  valid: boolean | null
  errors: number
}) {
  if (validating) return <span className="text-muted">Validating…</span>
  if (valid === null) return null
  if (valid) {
    return (
      <span className="inline-flex items-center gap-1 text-ok">
        <CircleCheck size={13} aria-hidden />
        Valid
      </span>
    )
  }
  return (
    <span className="inline-flex items-center gap-1 text-danger">
      <CircleAlert size={13} aria-hidden />
      {errors} error{errors === 1 ? '' : 's'}
    </span>
  )
}

function ToolbarButton({
  testId,
  onClick,
  disabled,
  title,
  pressed,
  children,
}: {
  testId: string
  onClick: () => void
  disabled?: boolean
  title?: string
  pressed?: boolean
  children: ReactNode
}) {
  return (
    <button
      type="button"
      data-testid={testId}
      onClick={onClick}
      disabled={disabled}
      title={title}
      aria-pressed={pressed}
      className={`${buttonClass} ${pressed ? 'bg-fg/8' : ''}`}
    >
      {children}
    </button>
  )
}
