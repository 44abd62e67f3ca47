import { basename } from 'node:path'
import type { TeamInfo, TeamSkillStatus } from '../../contract/team'
import { fingerprintFolder } from '../skills/fingerprint'
import type { SkillRepository } from '../storage/skillRepository'
import type { ApprovalInbox } from '../trust/approvalInbox'
import { sharedStatus } from './sharedPolicies'
import type { TrustedState } from './signedApprovals'
import type { JoinedTeam, TeamStore } from './teamStore'

const short = (s: string | null) => (s ? s.slice(0, 10) : '')
const fp = (s: string | null) => (s ? s.replace(/^sha256:/, '').slice(0, 12) : 'unreadable')

/** A joined team as team status shows it: its pins, verified admins, shared entries and problems. */
export function teamInfo(
  store: TeamStore,
  name: string,
  state: TrustedState | null,
  problem: string | null,
  teamSkills: string[],
  skipped: Map<string, string>,
): TeamInfo {
  const team = store.get(name)
  return {
    name: team.name,
    url: team.url,
    ref: team.ref,
    source: team.source,
    genesis: team.genesis,
    head: state?.head ?? null,
    admins: state ? principalsOf(state.signers) : [],
    shared: state ? sharedStatus(store, team.name, state, teamSkills, skipped) : [],
    problems: problem ? [problem] : (state?.problems ?? []),
  }
}

/** One team skill's state and, in words, why it is or is not active. */
export function teamSkillStatus(
  deps: { skills: SkillRepository; inbox: ApprovalInbox },
  team: JoinedTeam,
  skill: string,
  state: TrustedState | null,
): TeamSkillStatus {
  const record = deps.skills.findSummary(skill)
  const trusted = state?.approvals.get(skill) ?? null
  const latest = deps.inbox.latestFor(skill)
  const teamApproved =
    record?.state === 'active' &&
    latest?.status === 'approved' &&
    (latest.decidedBy ?? '').startsWith(`team:${team.name}:`)
  const base = {
    team: team.name,
    name: skill,
    state: record?.state ?? null,
    teamApproved,
    trust: trusted?.entry.trust ?? null,
    signer: trusted?.signer ?? null,
    commit: trusted?.commit ?? null,
  }
  if (!record) return { ...base, reason: 'not installed (run `skilldock team sync`)' }
  if (teamApproved && trusted)
    return { ...base, reason: `active: approved by ${trusted.signer} in commit ${short(trusted.commit)}` }
  if (record.state === 'active') return { ...base, reason: 'active: approved locally on this machine' }
  if (!state) return { ...base, reason: 'the team repository could not be verified (see the team problems)' }
  if (!trusted)
    return {
      ...base,
      reason: `${record.state}: ${state.reasons.get(skill) ?? 'no signed team approval for this skill'}`,
    }
  const current = fingerprintOrNull(record.path)
  if (trusted.entry.fingerprint !== current) {
    return {
      ...base,
      reason: `${record.state}: its files (${fp(current)}) differ from the signed approval (${fp(trusted.entry.fingerprint)})`,
    }
  }
  if (latest?.risk === 'CRITICAL')
    return {
      ...base,
      reason: `${record.state}: the local scan found CRITICAL problems; approve it here yourself`,
    }
  return {
    ...base,
    reason: `${record.state}: signed approval found; run \`skilldock team sync\` to apply it`,
  }
}

export function fingerprintOrNull(dir: string): string | null {
  try {
    return fingerprintFolder(dir)
  } catch {
    return null
  }
}

/** `https://host/org/skills.git` → `skills`; a name the source and table can carry. */
export function teamNameOf(url: string): string {
  const base = basename(url.replace(/[/\\]+$/, '')).replace(/\.git$/, '')
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  return name || 'team'
}

/** The principals an allowed_signers file lists (the first field of each key line). */
export function principalsOf(signers: string): string[] {
  return signers
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(/\s+/)[0] ?? '')
    .filter(Boolean)
}
