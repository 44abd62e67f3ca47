import type { LucideIcon } from 'lucide-react'
import type { ComponentType } from 'react'

export interface NavItem {
  id: string
  label: string
  icon: LucideIcon
  href: string
  /** A live count or marker drawn on the entry's corner (e.g. pending approvals). */
  badge?: ComponentType | undefined
}

/** The left navigation rail: one entry per screen, the current one marked. */
export function NavRail({ items, current }: { items: readonly NavItem[]; current: string }) {
  return (
    <nav aria-label="Main" className="flex w-16 shrink-0 flex-col border-r border-line bg-panel py-2">
      <ul className="flex flex-col gap-1 px-1.5">
        {items.map(({ id, label, icon: Icon, href, badge: Badge }) => {
          const active = id === current
          return (
            <li key={id}>
              <a
                href={href}
                aria-current={active ? 'page' : undefined}
                data-testid={`nav-${id}`}
                className={`relative flex flex-col items-center gap-0.5 rounded-md py-1.5 text-xs ${
                  active ? 'bg-selected text-fg' : 'text-muted hover:bg-fg/6 hover:text-fg'
                }`}
              >
                <Icon size={18} strokeWidth={1.75} aria-hidden />
                <span>{label}</span>
                {Badge && <Badge />}
              </a>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
