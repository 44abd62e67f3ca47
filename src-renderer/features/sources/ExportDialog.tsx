import { Share2 } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import type { ExportTarget } from '../../../src-main/contract'
import { Dialog } from '../../components/Dialog'
import { InlineError } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'

export const targets: Array<{ id: ExportTarget; label: string; folder: string }> = [
  { id: 'claude-code', label: 'Claude Code', folder: '~/.claude/skills' },
  { id: 'codex', label: 'Codex', folder: '~/.codex/skills' },
  { id: 'cursor', label: 'Cursor', folder: '.cursor/skills in the current project' },
  { id: 'agents', label: 'Agents (shared)', folder: '~/.agents/skills' },
]

/** Copies the active skills into an agent's skills folder and shows what changed there. */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const exportTo = useAppStore('sources', (state) => state.exportTo)
  const exporting = useAppStore('sources', (state) => state.exporting)
  const error = useAppStore('sources', (state) => state.exportError)
  const result = useAppStore('sources', (state) => state.exported)
  const clear = useAppStore('sources', (state) => state.clearExport)
  const [target, setTarget] = useState<ExportTarget>('claude-code')
  const [dir, setDir] = useState('')
  const chosen = targets.find((t) => t.id === target)!

  const close = (): void => {
    clear()
    onClose()
  }
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    void exportTo(target, dir.trim() || undefined)
  }

  return (
    <Dialog
      titleId="export-title"
      title="Export to agents"
      testId="export-dialog"
      onClose={close}
      panelClassName="w-[520px]"
      onSubmit={submit}
    >
      <p className="text-sm text-muted">
        Copies every active skill into the agent&apos;s skills folder. Folders SkillDock did not put there are
        never touched.
      </p>
      <AgentSelect testId="export-target" value={target} onChange={setTarget} />
      <label className="flex flex-col gap-1 text-sm">
        Folder (optional)
        <input
          data-testid="export-dir"
          value={dir}
          onChange={(event) => setDir(event.target.value)}
          placeholder={chosen.folder}
          className="h-7 rounded border border-line bg-surface px-2 font-mono text-sm"
        />
      </label>
      {error && <InlineError>{error}</InlineError>}
      {result && (
        <div className="flex flex-col gap-1 text-sm" data-testid="export-result">
          <p>
            Exported to <span className="font-mono text-xs">{result.dir}</span>: {result.written.length}{' '}
            written, {result.unchanged.length} unchanged, {result.removed.length} removed.
          </p>
          <ul className="flex flex-col">
            {result.written.map((n) => (
              <li key={`w-${n}`} data-testid="export-written">
                written {n}
              </li>
            ))}
            {result.unchanged.map((n) => (
              <li key={`u-${n}`} className="text-muted" data-testid="export-unchanged">
                unchanged {n}
              </li>
            ))}
            {result.removed.map((n) => (
              <li key={`r-${n}`} data-testid="export-removed">
                removed {n}
              </li>
            ))}
            {result.skipped.map((s) => (
              <li key={`s-${s.name}`} className="text-warn" data-testid="export-skipped">
                skipped {s.name}: {s.reason}
              </li>
            ))}
            {(result.warnings ?? []).map((w) => (
              <li key={`w-${w.name}`} className="text-warn" data-testid="export-warning">
                {w.name}: {w.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" onClick={close} className="h-7 rounded border border-line px-3">
          {result ? 'Done' : 'Cancel'}
        </button>
        <button
          type="submit"
          data-testid="export-submit"
          disabled={exporting}
          className="inline-flex h-7 items-center gap-1.5 rounded bg-accent px-3 font-medium text-surface disabled:opacity-50"
        >
          <Share2 size={13} aria-hidden />
          {exporting ? 'Exporting…' : 'Export'}
        </button>
      </div>
    </Dialog>
  )
}

/** The agent whose skills folder a dialog works on (export to it, adopt from it). */
export function AgentSelect({
  testId,
  value,
  onChange,
}: {
  testId: string
  value: ExportTarget
  onChange: (target: ExportTarget) => void
}) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      Agent
      <select
        data-testid={testId}
        value={value}
        onChange={(event) => onChange(event.target.value as ExportTarget)}
        className="h-7 rounded border border-line bg-surface px-2 text-sm"
      >
        {targets.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
    </label>
  )
}
