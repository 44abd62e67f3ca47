import type { ReactNode } from 'react'

/** One titled block of the Settings page. */
export function SettingsSection({
  id,
  title,
  intro,
  children,
}: {
  id: string
  title: string
  intro?: ReactNode
  children: ReactNode
}) {
  return (
    <section className="flex flex-col gap-3 border-t border-line pt-4" aria-labelledby={id} data-testid={id}>
      <h3 id={id} className="text-xs font-semibold tracking-wide text-muted uppercase">
        {title}
      </h3>
      {intro && <p className="text-sm text-muted">{intro}</p>}
      {children}
    </section>
  )
}

export const buttonClass =
  'inline-flex h-7 items-center gap-1.5 rounded border border-line px-2.5 text-sm hover:bg-fg/8 disabled:opacity-50'
export const primaryButtonClass =
  'inline-flex h-7 items-center gap-1.5 rounded bg-accent px-3 font-medium text-surface disabled:opacity-50'
export const inputClass = 'h-7 rounded border border-line bg-surface px-2 text-sm'
