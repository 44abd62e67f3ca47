import type { ReactNode } from 'react'
import { CopyButton } from './CopyButton'

/** A two-column list of label/value facts; children are `Fact`s. */
export function Facts({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">{children}</dl>
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className="selectable min-w-0 break-words">{children}</dd>
    </>
  )
}

/** A long identifier (path, fingerprint) in monospace with a copy button. */
export function MonoCopy({ text, copyLabel }: { text: string; copyLabel: string }) {
  return (
    <span className="flex items-start gap-1">
      <code className="min-w-0 text-xs break-all">{text}</code>
      <CopyButton text={text} label={copyLabel} />
    </span>
  )
}
