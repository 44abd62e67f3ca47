import type { SkillOrigin, SkillState } from '../../../src-main/contract'
import type { BadgeTone } from '../../components/Badge'
import type { StateFilter } from '../../stores/skills'

export const stateTones: Record<SkillState, BadgeTone> = {
  active: 'ok',
  builtin: 'accent',
  installed: 'neutral',
  disabled: 'neutral',
  draft: 'info',
  pending: 'warn',
  changed: 'warn',
  deprecated: 'warn',
  rejected: 'danger',
}

/** Tooltips for the origin badge. */
export const originTitles: Record<SkillOrigin, string> = {
  builtin: 'Bundled with SkillDock (read-only)',
  library: 'In your skill library',
  draft: 'A draft you are editing',
}

/** The state filter's choices, most used first. */
export const stateFilterOptions: ReadonlyArray<{ value: StateFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'installed', label: 'Installed' },
  { value: 'disabled', label: 'Disabled' },
  { value: 'builtin', label: 'Builtin' },
  { value: 'pending', label: 'Pending' },
  { value: 'changed', label: 'Changed' },
  { value: 'deprecated', label: 'Deprecated' },
  { value: 'draft', label: 'Draft' },
  { value: 'rejected', label: 'Rejected' },
]

/** States in which a skill is switched on (a builtin skill reports 'builtin' when enabled). */
export function isEnabledState(state: SkillState): boolean {
  return state === 'active' || state === 'builtin'
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** The DOM id of a row, for aria-activedescendant. */
export function skillRowId(name: string): string {
  return `skill-row-${encodeURIComponent(name)}`
}
