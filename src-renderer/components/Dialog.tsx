import { X } from 'lucide-react'
import { useEffect, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from 'react'

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

interface DialogProps {
  /** Id of the heading, the dialog's accessible name (kept stable: specs find dialogs by it). */
  titleId: string
  title: ReactNode
  testId: string
  onClose: () => void
  /** Width and any extra classes of the panel, e.g. `w-[560px] max-h-[70vh] overflow-y-auto`. */
  panelClassName: string
  /** Gap above the panel. */
  offset?: 'pt-16' | 'pt-24'
  /** When given, the panel is a form submitted by its submit button or Enter. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void
  autoComplete?: 'off'
  children: ReactNode
}

/**
 * The modal shell every dialog shares: heading and close button, Escape or a click on the
 * backdrop closes it, Tab stays inside, and focus goes back where it was when it closes.
 */
export function Dialog({
  titleId,
  title,
  testId,
  onClose,
  panelClassName,
  offset = 'pt-24',
  onSubmit,
  autoComplete,
  children,
}: DialogProps) {
  const panel = useRef<HTMLElement | null>(null)

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    // An autoFocus field inside keeps its focus; otherwise the panel takes it so Tab starts inside.
    if (panel.current && !panel.current.contains(document.activeElement)) panel.current.focus()
    return () => before?.focus()
  }, [])

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      onClose()
      return
    }
    if (event.key !== 'Tab' || !panel.current) return
    const items = [...panel.current.querySelectorAll<HTMLElement>(focusable)]
    if (items.length === 0) return
    const first = items[0]!
    const last = items[items.length - 1]!
    const active = document.activeElement
    if (event.shiftKey && (active === first || active === panel.current)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && active === last) {
      event.preventDefault()
      first.focus()
    }
  }

  const panelClass = `flex flex-col gap-3 rounded-md border border-line bg-surface p-4 shadow-lg outline-none ${panelClassName}`
  const body = (
    <>
      <div className="flex items-center justify-between">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <button type="button" aria-label="Close" onClick={onClose} className="rounded p-1 hover:bg-fg/8">
          <X size={14} aria-hidden />
        </button>
      </div>
      {children}
    </>
  )

  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      data-testid={testId}
      className={`fixed inset-0 z-20 flex items-start justify-center bg-black/30 ${offset}`}
      onKeyDown={onKeyDown}
      onMouseDown={(event) => event.target === event.currentTarget && onClose()}
    >
      {onSubmit ? (
        <form
          ref={(node) => void (panel.current = node)}
          tabIndex={-1}
          onSubmit={onSubmit}
          autoComplete={autoComplete}
          className={panelClass}
        >
          {body}
        </form>
      ) : (
        <div ref={(node) => void (panel.current = node)} tabIndex={-1} className={panelClass}>
          {body}
        </div>
      )}
    </div>
  )
}
