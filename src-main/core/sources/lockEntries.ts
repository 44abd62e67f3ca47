import { type Clock, isoNow } from '../base/clock'
import type { SkillRepository } from '../storage/skillRepository'
import { parseGitTarget } from './gitUrl'
import type { LockEntry } from './lockfile'
import type { OfferedSkill } from './sourceSkills'
import type { FetchMeta, SourceSpec } from './sourceSpec'

/** The lockfile entry of a skill just installed (or found installed) from a source. */
export function lockEntry(
  deps: { clock: Clock; skills: SkillRepository },
  repo: SourceSpec,
  meta: FetchMeta,
  s: OfferedSkill,
): LockEntry {
  // A git source records the ref it fetched (a GitHub tree URL names it) and the skill's path in
  // the repository, the sub-path included.
  const target = repo.type === 'git' ? parseGitTarget(repo.url, repo.ref) : null
  const subPath = target?.subPath ?? null
  return {
    source: repo.name,
    sourceType: repo.type,
    url: repo.url,
    ref: target ? target.ref : repo.ref,
    commit: meta.commit,
    archiveSha256: meta.archiveSha256,
    path: subPath === null ? s.path : s.path === '.' ? subPath : `${subPath}/${s.path}`,
    fingerprint: s.fingerprint!,
    installedAt: isoNow(deps.clock),
    approvedFingerprint: deps.skills.pins(s.name)?.approvedFingerprint ?? null,
    upstreamFingerprint: null,
    status: 'unchanged',
  }
}
