import { existsSync } from 'node:fs'
import type { SharedEntry } from '../../contract/team'
import { AppError } from '../base/appError'
import { effectiveLimits } from '../runtime/sandboxLimits'
import { offeredSkills } from '../sources/sourceSkills'
import { SHARED_PATH, sharedDocument, sharedKey } from './sharedPolicies'
import { verifyHistory } from './signedApprovals'
import type { TeamAdmin } from './teamAdmin'
import type { TeamStore } from './teamStore'

export interface TeamShareInput {
  entry?: SharedEntry
  remove?: string
  team?: string
  key?: string
  push?: boolean
}

/**
 * Admin: signs a shared call policy, role or sandbox limits into the team's policies.json (or
 * withdraws one by key), the same way an approval is signed. Only entries the verified history
 * vouches for are carried forward, so an admin never signs, unseen, one an outsider slipped in.
 */
export async function shareEntry(
  store: TeamStore,
  admin: TeamAdmin,
  input: TeamShareInput,
): Promise<{ team: string; key: string; commit: string; pushed: boolean }> {
  if ((input.entry === undefined) === (input.remove === undefined))
    throw new AppError('INVALID_INPUT', 'Give either an entry to share or the key of one to remove.')
  if (input.key !== undefined && !existsSync(input.key))
    throw new AppError('INVALID_INPUT', `No key file at ${input.key}; give the path of your SSH private key.`)
  if (input.entry?.type === 'limits') effectiveLimits(input.entry)
  const team = store.get(input.team)
  const at = await admin.checkout(team)
  const limited = input.entry?.type === 'limits' ? input.entry.skill : null
  if (limited !== null && !offeredSkills(at.git.dir).some((s) => s.name === limited)) {
    // Members apply a team's limits to the team's own skills only.
    throw new AppError(
      'NOT_FOUND',
      `The team branch ${at.branch} has no skill named ${limited}; a team sets limits for its own skills only.`,
    )
  }
  const head = (await at.git.run(['rev-parse', 'HEAD'])).trim()
  const state = await verifyHistory(at.git, head)
  if (state.genesis === null)
    throw new AppError('CONFLICT', `Team ${team.name}: ${state.problems.join('; ')}`)
  const entries: Record<string, SharedEntry> = {}
  for (const [k, t] of state.shared) entries[k] = t.entry
  let key: string
  if (input.entry) {
    key = sharedKey(input.entry)
    entries[key] = input.entry
  } else {
    key = input.remove!
    if (!(key in entries)) {
      const known = Object.keys(entries)
      throw new AppError(
        'NOT_FOUND',
        `Team ${team.name} shares nothing under ${key}` +
          (known.length ? ` (shared: ${known.join(', ')}).` : ' (it shares nothing yet).'),
      )
    }
    delete entries[key]
  }
  const commit = await admin.commitSigned(
    { ...at, team, head, signers: state.signers },
    { [SHARED_PATH]: sharedDocument(entries) },
    input.entry ? `Share ${key}` : `Withdraw ${key}`,
    input,
  )
  return { team: team.name, key, commit, pushed: input.push === true }
}
