import { useEffect } from 'react'
import { useSkillsStore } from '../../stores/context'
import { SkillDetailPane } from './SkillDetailPane'
import { SkillList } from './SkillList'
import { SkillSearchBar } from './SkillSearchBar'

/** The skill browser: searchable list on the left, the open skill on the right. */
export function SkillsPage({ skillName, tab = null }: { skillName: string | null; tab?: string | null }) {
  const refresh = useSkillsStore((state) => state.refresh)
  const select = useSkillsStore((state) => state.select)

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
        <SkillSearchBar />
        <SkillList />
      </div>
      <div className="min-w-0 flex-1 overflow-y-auto bg-surface">
        <SkillDetailPane tab={tab} />
      </div>
    </div>
  )
}
