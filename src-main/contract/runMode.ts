import type { SkillOrigin, TrustLevel } from './models'

/**
 * How a skill's server actually runs, in words for `show` and the skill page: the trust level alone
 * misleads for bundled skills, which are `trusted` yet always run in the OS sandbox ("user files"
 * mode, core/runtime/launcher.ts planLaunch).
 */
export function trustInWords(skill: { origin: SkillOrigin; trust: TrustLevel }): string {
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

/** The risk line: bundled skills ship with SkillDock and are not scanned. */
export function riskInWords(skill: { origin: SkillOrigin; risk: string | null }): string {
  if (skill.risk) return skill.risk
  return skill.origin === 'builtin' ? 'not scanned (bundled with SkillDock)' : 'not scanned'
}
