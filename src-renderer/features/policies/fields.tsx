import type { ReactNode } from 'react'

export const inputClass = 'h-7 rounded border border-line bg-surface px-2 outline-none focus:border-accent'
export const buttonClass =
  'h-7 rounded bg-accent px-3 font-medium text-surface disabled:cursor-not-allowed disabled:opacity-50'
export const removeClass = 'rounded px-1.5 py-0.5 text-xs text-danger hover:bg-danger/8'

/** A labelled form control of the Policies screen. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-0.5 text-xs text-muted">
      {label}
      {children}
    </label>
  )
}

/** "5m", "1h", "90s" or a plain number of seconds → seconds; null otherwise. */
export function parseSeconds(text: string): number | null {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim())
  if (!match) return null
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] ?? ''] ?? 1
  const seconds = Number(match[1]) * unit
  return seconds > 0 ? seconds : null
}
