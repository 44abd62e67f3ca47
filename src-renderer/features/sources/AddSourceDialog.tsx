import { Plus, X } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { Badge } from '../../components/Badge'
import { InlineError } from '../../components/InlineError'
import { useSourcesStore } from '../../stores/context'
import { detectSource } from './detectSource'

const typeLabels = { git: 'Git repository', local: 'Local folder', http: 'HTTP index or archive', mcp: 'MCP' }

/** Adds a source from a URL or a folder path; the type is detected from what was given. */
export function AddSourceDialog({ onClose }: { onClose: () => void }) {
  const add = useSourcesStore((state) => state.add)
  const adding = useSourcesStore((state) => state.adding)
  const error = useSourcesStore((state) => state.addError)
  const [location, setLocation] = useState('')
  const [name, setName] = useState('')
  const [ref, setRef] = useState('')
  const detected = detectSource(location)
  const effectiveName = name.trim() || detected?.name || ''

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (!detected) return
    const ok = await add({
      name: effectiveName,
      url: location.trim(),
      type: detected.type,
      ...(detected.type === 'git' && ref.trim() ? { ref: ref.trim() } : {}),
    })
    if (ok) onClose()
  }

  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="add-source-title"
      data-testid="add-source-dialog"
      className="fixed inset-0 z-20 flex items-start justify-center bg-black/30 pt-24"
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <form
        onSubmit={(event) => void submit(event)}
        className="flex w-[520px] flex-col gap-3 rounded-md border border-line bg-surface p-4 shadow-lg"
      >
        <div className="flex items-center justify-between">
          <h2 id="add-source-title" className="text-lg font-semibold">
            Add a source
          </h2>
          <button type="button" aria-label="Close" onClick={onClose} className="rounded p-1 hover:bg-fg/8">
            <X size={14} aria-hidden />
          </button>
        </div>
        <label className="flex flex-col gap-1 text-sm">
          Git URL, HTTP URL or folder path
          <input
            autoFocus
            data-testid="source-location"
            value={location}
            onChange={(event) => setLocation(event.target.value)}
            placeholder="https://github.com/org/skills.git or /home/me/skills"
            className="h-7 rounded border border-line bg-surface px-2 font-mono text-sm"
          />
        </label>
        <div className="flex items-center gap-2 text-sm text-muted" aria-live="polite">
          Detected:
          {detected ? (
            <Badge tone="accent" data-testid="source-detected-type">
              {typeLabels[detected.type]}
            </Badge>
          ) : (
            <span>nothing yet</span>
          )}
        </div>
        <label className="flex flex-col gap-1 text-sm">
          Name
          <input
            data-testid="source-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder={detected?.name ?? 'my-skills'}
            className="h-7 rounded border border-line bg-surface px-2 text-sm"
          />
        </label>
        {detected?.type === 'git' && (
          <label className="flex flex-col gap-1 text-sm">
            Branch, tag or commit (optional)
            <input
              value={ref}
              onChange={(event) => setRef(event.target.value)}
              className="h-7 rounded border border-line bg-surface px-2 text-sm"
            />
          </label>
        )}
        {error && <InlineError>{error}</InlineError>}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className="h-7 rounded border border-line px-3">
            Cancel
          </button>
          <button
            type="submit"
            data-testid="source-add-submit"
            disabled={!detected || adding || effectiveName === ''}
            className="inline-flex h-7 items-center gap-1.5 rounded bg-accent px-3 font-medium text-surface disabled:opacity-50"
          >
            <Plus size={13} aria-hidden />
            {adding ? 'Adding…' : 'Add source'}
          </button>
        </div>
      </form>
    </div>
  )
}
