import { CircleAlert } from 'lucide-react'
import type { ReactNode } from 'react'

/** An error shown where it happened, with the core's message verbatim; `onRetry` adds a Retry button. */
export function InlineError({
  children,
  action,
  onRetry,
}: {
  children: ReactNode
  action?: ReactNode
  onRetry?: () => void
}) {
  return (
    <div
      role="alert"
      className="flex items-start gap-2 rounded border border-danger/30 bg-danger/8 px-2.5 py-1.5 text-sm text-danger"
    >
      <CircleAlert size={14} className="mt-0.5 shrink-0" aria-hidden />
      <div className="min-w-0 flex-1 break-words">{children}</div>
      {action}
      {onRetry && (
        <button type="button" className="shrink-0 underline" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  )
}

/** An `InlineError` in its own box (`className`: a form's grid cell, a list's padding), or nothing without an error. */
export function ErrorBox({
  error,
  className,
  onRetry,
}: {
  error: string | null | undefined
  className: string
  onRetry?: () => void
}) {
  if (!error) return null
  return (
    <div className={className}>
      <InlineError onRetry={onRetry}>{error}</InlineError>
    </div>
  )
}
