import { FilePen } from 'lucide-react'
import type { SkillDetail } from '../../../src-main/contract'
import { routeHref } from '../../router'
import { SkillBadges } from './SkillBadges'
import { SkillEnableToggle } from './SkillEnableToggle'
import { SkillLifecycleActions } from './SkillLifecycleActions'

/** Name, version, badges, description and the enable switch. */
export function SkillHeader({ detail }: { detail: SkillDetail }) {
  return (
    <header className="flex flex-col gap-2 py-4">
      <div className="flex flex-wrap items-center gap-2">
        {detail.emoji && (
          <span className="text-xl" aria-hidden>
            {detail.emoji}
          </span>
        )}
        <h2 className="selectable text-xl font-semibold">{detail.name}</h2>
        {detail.version && <span className="text-muted">v{detail.version}</span>}
        <SkillBadges skill={detail} showLowRisk />
      </div>
      <p className="selectable">{detail.description}</p>
      <div className="flex items-center gap-3">
        <SkillEnableToggle detail={detail} />
        <a
          href={routeHref('editor', detail.name)}
          data-testid="skill-edit"
          className="inline-flex h-7 items-center gap-1.5 rounded border border-line px-2.5 text-sm hover:bg-fg/8"
        >
          <FilePen size={13} aria-hidden />
          Edit
        </a>
      </div>
      <SkillLifecycleActions key={detail.name} detail={detail} />
    </header>
  )
}
