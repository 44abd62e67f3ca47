import { Plus } from 'lucide-react'
import { useEffect } from 'react'
import { navigate, routeHref } from '../../router'
import { useAppStore } from '../../stores/context'
import { whenRendered } from '../palette/paletteCommands'
import { FirstRunChecklist } from './FirstRunChecklist'
import { SkillDetailPane } from './SkillDetailPane'
import { SkillList } from './SkillList'
import { SkillSearchBar } from './SkillSearchBar'

/** Opens the Sources screen's add dialog: folders, git, archives and pasted SKILL.md all start there. */
function addSkill(): void {
  navigate(routeHref('sources'))
  whenRendered('[data-testid="add-source"]', (button) => button.click())
}

/**
 * The skill browser: searchable list on the left, the open skill on the right (with nothing open,
 * the first-run checklist).
 */
export function SkillsPage({ skillName, tab = null }: { skillName: string | null; tab?: string | null }) {
  const refresh = useAppStore('skills', (state) => state.refresh)
  const select = useAppStore('skills', (state) => state.select)

  useEffect(() => {
    void refresh()
  }, [refresh])

  // The route is the source of truth for the open skill, so reload and back/forward work.
  useEffect(() => {
    void select(skillName)
  }, [select, skillName])

  return (
    <div className="flex h-full">
      <div className="flex w-[340px] shrink-0 flex-col border-r border-line bg-panel">
        <div className="flex items-center gap-2 border-b border-line px-2 py-1.5">
          <h2 className="text-sm font-semibold">Skills</h2>
          <button
            type="button"
            data-testid="skills-add"
            onClick={addSkill}
            className="ml-auto inline-flex h-6 items-center gap-1 rounded bg-accent px-2 text-sm font-medium text-surface"
          >
            <Plus size={12} aria-hidden />
            Add skill
          </button>
        </div>
        <SkillSearchBar />
        <SkillList />
      </div>
      <div className="min-w-0 flex-1 overflow-y-auto bg-surface" id="skill-detail-pane">
        {skillName ? <SkillDetailPane tab={tab} /> : <FirstRunChecklist />}
      </div>
    </div>
  )
}
