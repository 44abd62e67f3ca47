import { type Clock, isoNow } from '../base/clock'
import type { SkillRepository } from '../storage/skillRepository'
import { kindOf } from './kinds'
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
  // The kind says which ref was fetched and where the skill's path counts from (a git source: the
  // ref a GitHub tree URL names, and the path in the repository, its sub-path included).
  const { ref, path } = kindOf(repo).lockLocation(repo, s.path)
  return {
    source: repo.name,
    sourceType: repo.type,
    url: repo.url,
    ref,
    commit: meta.commit,
    archiveSha256: meta.archiveSha256,
    path,
    fingerprint: s.fingerprint!,
    installedAt: isoNow(deps.clock),
    approvedFingerprint: deps.skills.pins(s.name)?.approvedFingerprint ?? null,
    upstreamFingerprint: null,
    status: 'unchanged',
  }
}
