import { Plus, Upload, X } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import type { SourceType } from '../../../src-main/contract'
import { joinKinds, sourceKindFacts, sourceKindsListed } from '../../../src-main/contract/sourceKindFacts'
import { Badge } from '../../components/Badge'
import { Dialog } from '../../components/Dialog'
import { InlineError } from '../../components/InlineError'
import { navigate, routeHref } from '../../router'
import { useAppStore } from '../../stores/context'
import { detectSource, looksLikeSkillMd } from './detectSource'
import { ImportResult } from './ImportResult'

/** The upload limit of `skills.importArchive` (the contract's MAX_UPLOAD_BYTES). */
const MAX_UPLOAD_BYTES = 1024 * 1024

/** What the "Detected:" badge says: a kind of source (from the contract), or a one-off import. */
const typeLabels: Record<SourceType | 'archive' | 'skill-md', string> = {
  ...(Object.fromEntries(
    Object.entries(sourceKindFacts).map(([type, facts]) => [type, facts.label]),
  ) as Record<SourceType, string>),
  archive: 'Uploaded archive',
  'skill-md': 'Pasted SKILL.md',
}

// What to type, URLs first and the folder path (what anything else is taken for) last.
const typed = sourceKindsListed(true).map((t) => sourceKindFacts[t])
/** "Git URL, HTTP URL or folder path". */
const locationLabel = joinKinds(typed.flatMap((f) => f.given ?? []))
/** "https://github.com/org/skills.git or /home/me/skills". */
const locationPlaceholder = joinKinds(typed.flatMap((f) => f.example ?? []))

/**
 * Adds a source from a URL or a folder path, or imports once from an uploaded archive or pasted
 * SKILL.md text; what it is is detected from what was given.
 */
export function AddSourceDialog({ onClose }: { onClose: () => void }) {
  const add = useAppStore('sources', (state) => state.add)
  const adding = useAppStore('sources', (state) => state.adding)
  const addError = useAppStore('sources', (state) => state.addError)
  const importArchive = useAppStore('sources', (state) => state.importArchive)
  const importText = useAppStore('sources', (state) => state.importText)
  const importing = useAppStore('sources', (state) => state.importing)
  const importError = useAppStore('sources', (state) => state.importError)
  const imported = useAppStore('sources', (state) => state.imported)
  const clearImport = useAppStore('sources', (state) => state.clearImport)
  const clearErrors = useAppStore('sources', (state) => state.clearErrors)
  const [location, setLocation] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [ref, setRef] = useState('')
  const [pick, setPick] = useState(false)
  const [allowLocal, setAllowLocal] = useState(false)
  const pasted = file === null && looksLikeSkillMd(location)
  const detected = file || pasted ? null : detectSource(location)
  const kind = file ? 'archive' : pasted ? 'skill-md' : (detected?.type ?? null)
  const effectiveName = name.trim() || detected?.name || ''
  const busy = adding || importing

  const close = (): void => {
    clearImport()
    clearErrors()
    onClose()
  }

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (file) {
      await importArchive(file.name, new Uint8Array(await file.arrayBuffer()))
      return
    }
    if (pasted) {
      await importText(location)
      return
    }
    if (!detected) return
    const ok = await add({
      name: effectiveName,
      url: location.trim(),
      type: detected.type,
      ...(sourceKindFacts[detected.type].takesRef && ref.trim() ? { ref: ref.trim() } : {}),
      ...(pick ? { pick: true } : {}),
      ...(allowLocal && sourceKindFacts[detected.type].remote ? { allowLocal: true } : {}),
    })
    if (!ok) return
    close()
    // Picking is the next step: open the source's list rather than leave it one click away.
    if (pick) navigate(routeHref('sources', effectiveName))
  }

  const choose = (chosen: File | undefined): void => {
    setFileError(null)
    clearErrors()
    if (!chosen) return setFile(null)
    if (chosen.size > MAX_UPLOAD_BYTES) {
      setFile(null)
      setFileError(`${chosen.name} is over 1 MiB; add it by URL or folder path instead.`)
      return
    }
    setFile(chosen)
  }

  return (
    <Dialog
      titleId="add-source-title"
      title="Add a source"
      testId="add-source-dialog"
      onClose={close}
      panelClassName="w-[560px]"
      onSubmit={(event) => void submit(event)}
    >
      {imported ? (
        <ImportResult skills={imported} onDone={close} />
      ) : (
        <>
          <label className="flex flex-col gap-1 text-sm">
            {locationLabel} — or paste a SKILL.md
            <textarea
              autoFocus
              data-testid="source-location"
              value={location}
              disabled={file !== null}
              onChange={(event) => {
                // An error about what was typed before would mislead once the text changes.
                clearErrors()
                setLocation(event.target.value)
              }}
              placeholder={locationPlaceholder}
              rows={pasted ? 10 : 1}
              className="resize-y rounded border border-line bg-surface px-2 py-1 font-mono text-sm disabled:opacity-50"
            />
          </label>
          <div className="flex items-center gap-2 text-sm">
            <label className="inline-flex h-7 cursor-pointer items-center gap-1.5 rounded border border-line px-2 hover:bg-fg/8">
              <Upload size={13} aria-hidden />
              or upload an archive
              <input
                type="file"
                data-testid="source-upload"
                accept=".zip,.skill,.tar.gz,.tgz,.tar"
                className="sr-only"
                onChange={(event) => choose(event.target.files?.[0])}
              />
            </label>
            {file ? (
              <span className="flex items-center gap-1 font-mono text-xs" data-testid="source-upload-name">
                {file.name}
                <button
                  type="button"
                  aria-label="Remove the chosen archive"
                  onClick={() => {
                    clearErrors()
                    setFile(null)
                  }}
                  className="rounded p-0.5 hover:bg-fg/8"
                >
                  <X size={11} aria-hidden />
                </button>
              </span>
            ) : (
              <span className="text-muted">.zip, .skill or .tar.gz, up to 1 MiB</span>
            )}
          </div>
          {fileError && <InlineError>{fileError}</InlineError>}
          <div className="flex items-center gap-2 text-sm text-muted" aria-live="polite">
            Detected:
            {kind ? (
              <Badge tone="accent" data-testid="source-detected-type">
                {typeLabels[kind]}
              </Badge>
            ) : (
              <span>nothing yet</span>
            )}
          </div>
          {detected && (
            <label className="flex flex-col gap-1 text-sm">
              Name
              <input
                data-testid="source-name"
                value={name}
                onChange={(event) => {
                  clearErrors()
                  setName(event.target.value)
                }}
                placeholder={detected.name}
                className="h-7 rounded border border-line bg-surface px-2 text-sm"
              />
            </label>
          )}
          {detected && sourceKindFacts[detected.type].takesRef && (
            <label className="flex flex-col gap-1 text-sm">
              Branch, tag or commit (optional)
              <input
                value={ref}
                onChange={(event) => {
                  clearErrors()
                  setRef(event.target.value)
                }}
                className="h-7 rounded border border-line bg-surface px-2 text-sm"
              />
            </label>
          )}
          {detected && (
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                data-testid="source-add-pick"
                checked={pick}
                onChange={(event) => setPick(event.target.checked)}
              />
              Pick skills before installing (the sync only lists what it offers)
            </label>
          )}
          {detected && sourceKindFacts[detected.type].remote && (
            // The CLI's --allow-local: without it a sync of a loopback or private address fails.
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                data-testid="source-add-allow-local"
                checked={allowLocal}
                onChange={(event) => {
                  clearErrors()
                  setAllowLocal(event.target.checked)
                }}
              />
              Local or private host (this machine or your network; only if you trust it)
            </label>
          )}
          {(file || pasted) && (
            <p className="text-sm text-muted">
              Imported once, without keeping a source: the skills are scanned and wait in the approval inbox
              like any other.
            </p>
          )}
          {detected && addError && <InlineError>{addError}</InlineError>}
          {!detected && importError && <InlineError>{importError}</InlineError>}
          <div className="flex justify-end gap-2">
            <button type="button" onClick={close} className="h-7 rounded border border-line px-3">
              Cancel
            </button>
            <button
              type="submit"
              data-testid="source-add-submit"
              disabled={kind === null || busy || (detected !== null && effectiveName === '')}
              className="inline-flex h-7 items-center gap-1.5 rounded bg-accent px-3 font-medium text-surface disabled:opacity-50"
            >
              <Plus size={13} aria-hidden />
              {busy ? 'Adding…' : detected ? 'Add source' : 'Import'}
            </button>
          </div>
        </>
      )}
    </Dialog>
  )
}
