import type { DoctorCheck } from '../../contract/models'
import { fingerprintFolder } from '../skills/fingerprint'
import type { SkillRepository } from '../storage/skillRepository'
import { fetchedTypes } from './kinds'
import type { Lockfile } from './lockfile'

/** How the installed skills differ from `skilldock.lock.json`. */
export interface LockDrift {
  /** Installed, but the files on disk no longer match the fingerprint the lockfile recorded. */
  modified: string[]
  /** In the lockfile, but no such skill is installed any more. */
  extra: string[]
  /** Installed from a source fetched into the cache (git, http, mcp: see `fetchedTypes`), but absent from the lockfile. */
  missing: string[]
}

/** Whether a skill's recorded source (`<type>:<name>`) says it was fetched (so it must have a lockfile entry). */
const fetched = (source: string) => fetchedTypes.some((type) => source.startsWith(`${type}:`))

/** Compares every installed library skill with its lockfile entry. */
export function findLockDrift(lockfile: Lockfile, skills: SkillRepository): LockDrift {
  const doc = lockfile.read()
  const drift: LockDrift = { modified: [], extra: [], missing: [] }
  for (const [name, entry] of Object.entries(doc.skills)) {
    const record = skills.findSummary(name)
    if (!record || record.origin !== 'library') {
      drift.extra.push(name)
      continue
    }
    let onDisk: string | null
    try {
      onDisk = fingerprintFolder(record.path)
    } catch {
      onDisk = null
    }
    if (onDisk !== entry.fingerprint) drift.modified.push(name)
  }
  for (const record of skills.listSummaries()) {
    if (record.origin === 'library' && !doc.skills[record.name] && fetched(record.source))
      drift.missing.push(record.name)
  }
  return drift
}

/** The `doctor` line for the lockfile: ok when every installed skill matches what was recorded. */
export function lockfileCheck(lockfile: Lockfile, skills: SkillRepository): DoctorCheck {
  let drift: LockDrift
  try {
    drift = findLockDrift(lockfile, skills)
  } catch (err) {
    return {
      id: 'lockfile',
      label: 'lockfile',
      status: 'fail',
      detail: err instanceof Error ? err.message : String(err),
      fix: 'Delete skilldock.lock.json and run `skilldock source sync --all` to record the sources again.',
    }
  }
  const parts = [
    drift.modified.length > 0 && `changed on disk since install: ${drift.modified.join(', ')}`,
    drift.extra.length > 0 && `recorded but not installed: ${drift.extra.join(', ')}`,
    drift.missing.length > 0 && `installed from a source but not recorded: ${drift.missing.join(', ')}`,
  ].filter((p): p is string => typeof p === 'string')
  if (parts.length === 0) {
    const count = Object.keys(lockfile.read().skills).length
    return {
      id: 'lockfile',
      label: 'lockfile',
      status: 'ok',
      detail: `${count} installed skill${count === 1 ? '' : 's'} match skilldock.lock.json`,
    }
  }
  return {
    id: 'lockfile',
    label: 'lockfile',
    status: 'warn',
    detail: `skills drifted from skilldock.lock.json — ${parts.join('; ')}`,
    fix:
      'Review local edits with `skilldock show <skill>`; `skilldock update <skill> --force` restores the source version, ' +
      '`skilldock source sync <source>` re-records what a source installed.',
  }
}
