import { Store } from 'lucide-react'
import { useMemo, useState, type FormEvent } from 'react'
import type { AddedSkill, CatalogView } from '../../../src-main/contract'
import { Dialog } from '../../components/Dialog'
import { InlineError } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'
import { messageOf } from '../../stores/errors'
import { ImportResult } from './ImportResult'

/**
 * Reads a marketplace catalog (a file or an http(s) URL), filters its entries by tag and installs one
 * through governance. Catalog text is untrusted: it is rendered as plain text only.
 */
export function MarketplaceDialog({ onClose }: { onClose: () => void }) {
  const browseCatalog = useAppStore('sources', (state) => state.browseCatalog)
  const installFromCatalog = useAppStore('sources', (state) => state.installFromCatalog)
  const [catalog, setCatalog] = useState('')
  const [allowLocal, setAllowLocal] = useState(false)
  const [view, setView] = useState<CatalogView | null>(null)
  const [tag, setTag] = useState('')
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [installed, setInstalled] = useState<AddedSkill[] | null>(null)

  const tags = useMemo(() => [...new Set(view?.skills.flatMap((s) => s.tags) ?? [])].sort(), [view])
  const shown = view?.skills.filter((s) => tag === '' || s.tags.includes(tag)) ?? []
  const choice = (): { catalog?: string; allowLocal?: boolean } => ({
    ...(catalog.trim() ? { catalog: catalog.trim() } : {}),
    ...(allowLocal ? { allowLocal: true } : {}),
  })

  const browse = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy('browse')
    setError(null)
    try {
      setView(await browseCatalog(choice()))
      setTag('')
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(null)
    }
  }
  const install = async (id: string): Promise<void> => {
    setBusy(id)
    setError(null)
    try {
      const { skills } = await installFromCatalog({ ...choice(), id })
      setInstalled(skills)
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(null)
    }
  }

  return (
    <Dialog
      titleId="marketplace-title"
      title="Marketplace"
      testId="marketplace-dialog"
      onClose={onClose}
      panelClassName="max-h-[80vh] w-[640px] overflow-y-auto"
      offset="pt-16"
    >
      {installed ? (
        <ImportResult skills={installed} onDone={onClose} />
      ) : (
        <>
          <form onSubmit={(event) => void browse(event)} className="flex flex-col gap-2">
            <label className="flex flex-col gap-1 text-sm">
              Catalog file or URL
              <input
                data-testid="marketplace-catalog"
                value={catalog}
                onChange={(event) => setCatalog(event.target.value)}
                placeholder="Leave empty for the catalog read last"
                className="h-7 rounded border border-line bg-surface px-2 font-mono text-sm"
              />
            </label>
            <div className="flex items-center gap-2">
              <label className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  data-testid="marketplace-allow-local"
                  checked={allowLocal}
                  onChange={(event) => setAllowLocal(event.target.checked)}
                />
                Allow private and loopback hosts
              </label>
              <button
                type="submit"
                data-testid="marketplace-browse"
                disabled={busy !== null}
                className="ml-auto h-7 rounded border border-line px-3 hover:bg-fg/8 disabled:opacity-50"
              >
                {busy === 'browse' ? 'Reading…' : 'Read catalog'}
              </button>
            </div>
          </form>
          {error && <InlineError>{error}</InlineError>}
          {view && (
            <div className="flex flex-col gap-2" data-testid="marketplace-view">
              <div className="flex items-center gap-2 text-sm">
                <span className="text-muted">
                  {view.name} — {view.skills.length} skill{view.skills.length === 1 ? '' : 's'}
                </span>
                {tags.length > 0 && (
                  <label className="ml-auto flex items-center gap-1">
                    Tag
                    <select
                      data-testid="marketplace-tag"
                      value={tag}
                      onChange={(event) => setTag(event.target.value)}
                      className="h-7 rounded border border-line bg-surface px-2 text-sm"
                    >
                      <option value="">All</option>
                      {tags.map((t) => (
                        <option key={t} value={t}>
                          {t}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
              </div>
              {shown.length === 0 ? (
                <p className="text-sm text-muted" data-testid="marketplace-empty">
                  No skills in this catalog{tag ? ` with the tag ${tag}` : ''}.
                </p>
              ) : (
                <ul className="flex flex-col divide-y divide-line text-sm">
                  {shown.map((entry) => (
                    <li
                      key={entry.id}
                      className="flex items-start gap-2 py-1.5"
                      data-testid="marketplace-entry"
                      data-id={entry.id}
                    >
                      <div className="flex min-w-0 flex-1 flex-col">
                        <span className="font-medium" data-testid="marketplace-entry-name">
                          {entry.name}
                        </span>
                        <span className="text-muted" data-testid="marketplace-entry-description">
                          {entry.description}
                        </span>
                        <span className="truncate font-mono text-xs text-muted" title={entry.source}>
                          {entry.source}
                          {entry.ref ? ` @ ${entry.ref}` : ''}
                        </span>
                        {entry.tags.length > 0 && (
                          <span className="text-xs text-muted">{entry.tags.join(', ')}</span>
                        )}
                      </div>
                      <button
                        type="button"
                        data-testid="marketplace-install"
                        disabled={busy !== null}
                        onClick={() => void install(entry.id)}
                        className="inline-flex h-6 items-center gap-1 rounded border border-line px-2 hover:bg-fg/8 disabled:opacity-50"
                      >
                        <Store size={11} aria-hidden />
                        {busy === entry.id ? 'Installing…' : 'Install'}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="flex justify-end">
            <button type="button" onClick={onClose} className="h-7 rounded border border-line px-3">
              Close
            </button>
          </div>
        </>
      )}
    </Dialog>
  )
}
