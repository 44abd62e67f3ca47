import type { ReactNode } from 'react'

export type BadgeTone = 'neutral' | 'accent' | 'ok' | 'warn' | 'danger' | 'critical' | 'info'

const toneClasses: Record<BadgeTone, string> = {
  neutral: 'bg-fg/8 text-muted',
  accent: 'bg-accent/15 text-accent',
  ok: 'bg-ok/15 text-ok',
  warn: 'bg-warn/15 text-warn',
  danger: 'bg-danger/15 text-danger',
  critical: 'bg-danger text-surface',
  info: 'bg-info/15 text-info',
}

export interface BadgeProps {
  tone?: BadgeTone
  /** Shown as a native tooltip. */
  title?: string | undefined
  children: ReactNode
  'data-testid'?: string
}

/** A small pill label for states and flags. */
export function Badge({ tone = 'neutral', title, children, 'data-testid': testId }: BadgeProps) {
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded px-1.5 py-px text-xs leading-4 font-medium whitespace-nowrap ${toneClasses[tone]}`}
      title={title}
      data-testid={testId}
    >
      {children}
    </span>
  )
}
