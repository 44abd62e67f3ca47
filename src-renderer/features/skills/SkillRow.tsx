import { useEffect, useRef } from 'react'
import type { SkillSummary } from '../../../src-main/contract'
import { SkillBadges } from './SkillBadges'
import { skillRowId } from './presentation'

export interface SkillRowProps {
  skill: SkillSummary
  /** The open skill. */
  selected: boolean
  /** Under the keyboard cursor. */
  active: boolean
  onOpen: (name: string) => void
}

/** One skill in the browser list: name, version, badges and a one-line description. */
export function SkillRow({ skill, selected, active, onOpen }: SkillRowProps) {
  const ref = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (active) ref.current?.scrollIntoView?.({ block: 'nearest' })
  }, [active])

  return (
    <div
      ref={ref}
      id={skillRowId(skill.name)}
      role="option"
      aria-selected={selected}
      data-testid="skill-row"
      data-skill-name={skill.name}
      onClick={() => onOpen(skill.name)}
      className={`flex cursor-default flex-col gap-0.5 border-b border-line px-3 py-1.5 ${
        selected ? 'bg-selected' : 'hover:bg-fg/4'
      } ${active ? 'shadow-[inset_2px_0_0_var(--sd-accent)]' : ''}`}
    >
      <div className="flex min-w-0 items-center gap-1.5">
        {skill.emoji && <span aria-hidden>{skill.emoji}</span>}
        <span className="truncate font-medium">{skill.name}</span>
        {skill.version && <span className="shrink-0 text-xs text-muted">{skill.version}</span>}
        <span className="ml-auto">
          <SkillBadges skill={skill} />
        </span>
      </div>
      <p className="truncate text-sm text-muted" title={skill.description}>
        {skill.description}
      </p>
    </div>
  )
}
