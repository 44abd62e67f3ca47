import { Inbox, Puzzle } from 'lucide-react'
import type { ReactNode } from 'react'
import type { NavItem } from './components/NavRail'
import { ApprovalsNavBadge } from './features/approvals/ApprovalsNavBadge'
import { ApprovalsPage } from './features/approvals/ApprovalsPage'
import { SkillsPage } from './features/skills/SkillsPage'
import { routeHref, type Route } from './router'

/** A top-level screen: its rail entry and what it renders for a route under its section. */
export interface AppSection extends Omit<NavItem, 'href'> {
  render: (route: Route) => ReactNode
}

/**
 * The screens of the app, in rail order. New screens (sources, generator, settings) are added
 * here once they exist; the first one is the default.
 */
export const sections: readonly [AppSection, ...AppSection[]] = [
  {
    id: 'skills',
    label: 'Skills',
    icon: Puzzle,
    render: (route) => <SkillsPage skillName={route.params[0] ?? null} tab={route.params[1] ?? null} />,
  },
  {
    id: 'approvals',
    label: 'Approvals',
    icon: Inbox,
    badge: ApprovalsNavBadge,
    render: (route) => <ApprovalsPage approvalId={route.params[0] ?? null} />,
  },
]

export const navItems: readonly NavItem[] = sections.map(({ id, label, icon, badge }) => ({
  id,
  label,
  icon,
  badge,
  href: routeHref(id),
}))
