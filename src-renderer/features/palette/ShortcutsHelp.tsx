import { useEffect } from 'react'

/** The keyboard shortcuts, opened with `?`. */
export function ShortcutsHelp({
  shortcuts,
  onClose,
}: {
  shortcuts: Array<{ keys: string; what: string }>
  onClose: () => void
}) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' || event.key === '?') {
        event.preventDefault()
        onClose()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])

  return (
    <div
      className="fixed inset-0 z-50 flex items-start justify-center bg-black/30 pt-[12vh]"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose()
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts-help"
        className="w-[420px] max-w-[90vw] rounded-lg border border-line bg-surface p-4 shadow-2xl"
      >
        <h2 id="shortcuts-title" className="mb-2 text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        <dl className="grid grid-cols-[110px_1fr] gap-x-3 gap-y-1 text-sm">
          {shortcuts.map((shortcut) => (
            <div key={`${shortcut.keys}-${shortcut.what}`} className="contents">
              <dt>
                <kbd className="rounded border border-line bg-panel px-1.5 py-px font-mono text-xs">
                  {shortcut.keys}
                </kbd>
              </dt>
              <dd>{shortcut.what}</dd>
            </div>
          ))}
        </dl>
        <button
          type="button"
          autoFocus
          onClick={onClose}
          className="mt-3 inline-flex h-7 items-center rounded border border-line px-3 text-sm hover:bg-fg/8"
        >
          Close
        </button>
      </div>
    </div>
  )
}
