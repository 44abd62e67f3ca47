import type { AddedSkill } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { RiskBadge } from '../../components/RiskBadge'
import { routeHref } from '../../router'

/** What a one-off import installed, and where it waits. */
export function ImportResult({ skills, onDone }: { skills: AddedSkill[]; onDone: () => void }) {
  const pending = skills.some((s) => s.state === 'pending')
  return (
    <div className="flex flex-col gap-3" data-testid="import-result">
      <p className="text-sm">
        Imported {skills.length} skill{skills.length === 1 ? '' : 's'}
        {pending ? ' — waiting for your approval in the inbox.' : '.'}
      </p>
      <ul className="flex flex-col divide-y divide-line text-sm">
        {skills.map((skill) => (
          <li key={skill.name} className="flex items-center gap-2 py-1.5" data-testid="import-result-skill">
            <a href={routeHref('skills', skill.name)} className="font-medium hover:underline">
              {skill.name}
            </a>
            <Badge data-testid="import-result-state">{skill.state}</Badge>
            {skill.risk && <RiskBadge risk={skill.risk} />}
          </li>
        ))}
      </ul>
      <div className="flex justify-end gap-2">
        {pending && (
          <a
            href={routeHref('approvals')}
            className="inline-flex h-7 items-center rounded border border-line px-3"
          >
            Open the inbox
          </a>
        )}
        <button
          type="button"
          data-testid="import-result-done"
          onClick={onDone}
          className="h-7 rounded bg-accent px-3 font-medium text-surface"
        >
          Done
        </button>
      </div>
    </div>
  )
}
