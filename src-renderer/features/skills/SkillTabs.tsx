import { routeHref } from '../../router'

export type SkillTab = 'overview' | 'run' | 'activity'

const tabs: ReadonlyArray<{ id: SkillTab; label: string }> = [
  { id: 'overview', label: 'Overview' },
  { id: 'run', label: 'Run' },
  { id: 'activity', label: 'Activity' },
]

/** Overview | Run | Activity. Tabs are links, so the open tab survives a reload (`#/skills/<name>/run`). */
export function SkillTabs({ name, current }: { name: string; current: SkillTab }) {
  return (
    <div role="tablist" aria-label="Skill views" className="mb-1 flex gap-1 border-b border-line">
      {tabs.map((tab) => (
        <a
          key={tab.id}
          role="tab"
          aria-selected={tab.id === current}
          data-testid={`skill-tab-${tab.id}`}
          href={tab.id === 'overview' ? routeHref('skills', name) : routeHref('skills', name, tab.id)}
          className={`-mb-px border-b-2 px-3 py-1 text-sm ${
            tab.id === current
              ? 'border-accent font-medium text-fg'
              : 'border-transparent text-muted hover:text-fg'
          }`}
        >
          {tab.label}
        </a>
      ))}
    </div>
  )
}
