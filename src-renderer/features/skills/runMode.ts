import type { SkillDetail } from '../../../src-main/contract'

/**
 * How a skill's server actually runs, as the skill page says it. The renderer imports no code from
 * src-main, so this mirrors src-main/contract/runMode.ts (the words `skilldock show` prints): keep
 * the two alike. Bundled skills are `trusted` yet always run in the OS sandbox ("user files" mode).
 */
export function trustInWords(skill: Pick<SkillDetail, 'origin' | 'trust'>): string {
  if (skill.origin === 'builtin') {
    return skill.trust === 'sandboxed' || skill.trust === 'restricted'
      ? `${skill.trust} (bundled: runs in the OS sandbox — its own folder and declared domains only)`
      : `${skill.trust} (bundled: runs confined — reads your files; no network, no secrets: no data home, keyrings or credential files)`
  }
  switch (skill.trust) {
    case 'sandboxed':
    case 'restricted':
      return `${skill.trust} (runs in the OS sandbox — its own folder, declared domains and declared credentials only)`
    case 'trusted':
    case 'monitored':
      return `${skill.trust} (runs unconfined, with your access)`
  }
}

/** The risk line when there is no scan: bundled skills ship with SkillDock and are not scanned. */
export function riskInWords(skill: Pick<SkillDetail, 'origin'>): string {
  return skill.origin === 'builtin' ? 'not scanned (bundled with SkillDock)' : 'not scanned'
}
