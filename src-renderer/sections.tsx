import {
  Activity,
  FileCode,
  FolderGit2,
  Inbox,
  Puzzle,
  Settings,
  Shield,
  Sparkles,
  Users,
  Workflow,
} from 'lucide-react'
import type { ReactNode } from 'react'
import type { NavItem } from './components/NavRail'
import { ApprovalsNavBadge } from './features/approvals/ApprovalsNavBadge'
import { ActivityPage } from './features/activity/ActivityPage'
import { ApprovalsPage } from './features/approvals/ApprovalsPage'
import { AutomationPage } from './features/automation/AutomationPage'
import { EditorPage } from './features/editor/EditorPage'
import { GeneratorPage } from './features/generator/GeneratorPage'
import { PoliciesPage } from './features/policies/PoliciesPage'
import { SettingsPage } from './features/settings/SettingsPage'
import { SkillsPage } from './features/skills/SkillsPage'
import { SourcesPage } from './features/sources/SourcesPage'
import { TeamPage } from './features/team/TeamPage'
import { routeHref, type Route } from './router'

/** A top-level screen: its rail entry and what it renders for a route under its section. */
export interface AppSection extends Omit<NavItem, 'href'> {
  render: (route: Route) => ReactNode
}

/**
 * The screens of the app, in rail order; the first one is the default.
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
  {
    id: 'sources',
    label: 'Sources',
    icon: FolderGit2,
    render: (route) => <SourcesPage repoName={route.params[0] ?? null} />,
  },
  {
    id: 'generator',
    label: 'Generator',
    icon: Sparkles,
    render: () => <GeneratorPage />,
  },
  {
    id: 'editor',
    label: 'Editor',
    icon: FileCode,
    render: (route) => <EditorPage skillName={route.params[0] ?? null} />,
  },
  {
    id: 'activity',
    label: 'Activity',
    icon: Activity,
    render: (route) => <ActivityPage skill={route.params[0] ?? null} />,
  },
  {
    id: 'automation',
    label: 'Automation',
    icon: Workflow,
    render: (route) => <AutomationPage tab={route.params[0] ?? null} />,
  },
  {
    id: 'policies',
    label: 'Policies',
    icon: Shield,
    render: () => <PoliciesPage />,
  },
  {
    id: 'team',
    label: 'Team',
    icon: Users,
    render: () => <TeamPage />,
  },
  {
    id: 'settings',
    label: 'Settings',
    icon: Settings,
    render: () => <SettingsPage />,
  },
]

export const navItems: readonly NavItem[] = sections.map(({ id, label, icon, badge }) => ({
  id,
  label,
  icon,
  badge,
  href: routeHref(id),
}))
