import { basename } from 'node:path'
import type { RepoInfo, SyncReport } from '../../contract/sources'
import type { ManagedPolicy, TeamInfo, TeamSkillStatus, TeamStatus } from '../../contract/team'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { Logger } from '../base/logger'
import { fingerprintFolder } from '../skills/fingerprint'
import type { Lockfile } from '../sources/lockfile'
import type { SkillRepository } from '../storage/skillRepository'
import type { ApprovalInbox } from '../trust/approvalInbox'
import { assertSourceAllowed } from './managedPolicy'
import { type TrustedApproval, type TrustedState, verifyHistory } from './signedApprovals'
import { fetchTeamMirror, TeamGit } from './teamGit'
import type { JoinedTeam, TeamStore } from './teamStore'

export interface TeamDeps {
  store: TeamStore
  skills: SkillRepository
  inbox: ApprovalInbox
  lockfile: Lockfile
  env: NodeJS.ProcessEnv
  clock: Clock
  logger: Logger
  policy: () => ManagedPolicy
  /** The existing source routes: a team's skills arrive through an ordinary git source. */
  addSource: (input: {
    name: string
    url: string
    type: 'git'
    ref?: string
    allowLocal?: boolean
  }) => Promise<RepoInfo>
  removeSource: (name: string) => Promise<unknown>
  syncSource: (name: string) => Promise<SyncReport[]>
}

const short = (s: string | null) => (s ? s.slice(0, 10) : '')
const fp = (s: string | null) => (s ? s.replace(/^sha256:/, '').slice(0, 12) : 'unreadable')

/** The actor recorded on an approval made on the strength of a team's signed approval. */
const teamActor = (team: string, t: TrustedApproval) => `team:${team}:${t.signer}@${short(t.commit)}`

/**
 * Team mode for members: joins team repositories (as git sources), verifies their signed approvals
 * with git at every sync, and activates a team skill whose files match a trusted approval — through
 * the inbox's own approve, so it is pinned exactly like a local approval.
 */
export class TeamService {
  private readonly trusted = new Map<string, TrustedState>()

  constructor(private readonly deps: TeamDeps) {}

  teams(): JoinedTeam[] {
    return this.deps.store.list()
  }

  async join(input: { url: string; ref?: string; name?: string; allowLocal?: boolean }): Promise<TeamStatus> {
    const policy = this.deps.policy()
    assertSourceAllowed(policy, input.url)
    const name = input.name ?? teamNameOf(input.url)
    if (this.deps.store.list().some((t) => t.name === name)) {
      throw new AppError(
        'CONFLICT',
        `This machine already joined a team named ${name}; run \`skilldock team sync\`.`,
      )
    }
    const team: JoinedTeam = {
      name,
      url: input.url,
      ref: input.ref ?? null,
      source: `team-${name}`,
      allowLocal: input.allowLocal === true,
      genesis: null,
      joinedAt: isoNow(this.deps.clock),
    }
    // The mirror first: a repository git cannot fetch leaves no source and no team behind.
    await fetchTeamMirror(team.url, team.ref, this.deps.store.mirror(name), this.deps.env, team.allowLocal)
    await this.deps.addSource({
      name: team.source,
      url: team.url,
      type: 'git',
      ...(team.ref ? { ref: team.ref } : {}),
      ...(team.allowLocal ? { allowLocal: true } : {}),
    })
    this.deps.store.put(team)
    await this.sync(name)
    return this.status()
  }

  /** Fetches the team repositories, syncs their sources and applies what their signed history says. */
  async sync(name?: string): Promise<TeamStatus> {
    const teams = name === undefined ? this.deps.store.list() : [this.deps.store.get(name)]
    for (const team of teams) {
      await fetchTeamMirror(
        team.url,
        team.ref,
        this.deps.store.mirror(team.name),
        this.deps.env,
        team.allowLocal,
      )
      await this.deps.syncSource(team.source)
      await this.reconcile(team.name)
    }
    return this.status()
  }

  /** After a sync of any source: applies the team approvals of the teams whose source it was. */
  async afterSourceSync(sources: string[]): Promise<void> {
    for (const team of this.deps.store.list()) {
      if (!sources.includes(team.source)) continue
      try {
        await fetchTeamMirror(
          team.url,
          team.ref,
          this.deps.store.mirror(team.name),
          this.deps.env,
          team.allowLocal,
        )
      } catch (err) {
        this.deps.logger.log(
          'warn',
          'fetching the team repository failed; checking what was fetched before',
          {
            team: team.name,
            error: String(err),
          },
        )
      }
      await this.reconcile(team.name)
    }
  }

  /** Verifies the mirror's history (no network) and remembers what it establishes. */
  async verify(team: JoinedTeam): Promise<TrustedState> {
    const git = new TeamGit(this.deps.store.mirror(team.name), this.deps.env)
    const target = team.ref === null ? 'refs/team/head' : `refs/remotes/origin/${team.ref}`
    const head = (
      await git.run(['rev-parse', '--verify', '--quiet', `${target}^{commit}`], [], { allowFail: true })
    ).trim()
    if (!head)
      throw new AppError(
        'NOT_FOUND',
        `Team ${team.name} has not been fetched yet; run \`skilldock team sync\`.`,
      )
    const state = await verifyHistory(git, head)
    if (team.genesis === null && state.genesis !== null) {
      this.deps.store.put({ ...team, genesis: state.genesis })
    } else if (team.genesis !== null && state.genesis !== team.genesis) {
      // Another root of trust than the one accepted at join: nothing in it is trusted.
      state.problems.unshift(
        `the team history was rewritten: its allowed_signers now starts at ${short(state.genesis) || 'no commit'} instead of ${short(team.genesis)} pinned at join; nothing is trusted until you leave and join again`,
      )
      for (const skill of state.approvals.keys())
        state.reasons.set(skill, 'the team history was rewritten (see team status)')
      state.approvals.clear()
    }
    this.trusted.set(team.name, state)
    return state
  }

  /** Activates team skills whose files match a trusted approval; revokes team activations that lost theirs. */
  async reconcile(name: string): Promise<void> {
    const team = this.deps.store.get(name)
    const state = await this.verify(team)
    for (const skill of this.teamSkills(team)) {
      const record = this.deps.skills.findSummary(skill)
      if (!record) continue
      const trusted = state.approvals.get(skill) ?? null
      const latest = this.deps.inbox.latestFor(skill)
      const byTeam =
        latest?.status === 'approved' && (latest.decidedBy ?? '').startsWith(`team:${team.name}:`)
      const current = fingerprintOrNull(record.path)
      if (record.state === 'active' && byTeam) {
        if (
          trusted &&
          latest.decidedBy === teamActor(team.name, trusted) &&
          trusted.entry.fingerprint === current
        )
          continue
        if (!trusted || trusted.entry.fingerprint !== current) {
          const why = state.reasons.get(skill) ?? 'the team approval it ran on is gone'
          await this.deps.inbox.request(
            skill,
            'import',
            `team:${team.name}`,
            `team approval no longer valid: ${why}`,
          )
          continue
        }
      }
      if (!trusted || trusted.entry.fingerprint !== current) continue
      if (record.state === 'active' && !byTeam) continue
      if (record.state === 'disabled' || record.state === 'deprecated') continue
      await this.activate(team, skill, trusted)
    }
  }

  private async activate(team: JoinedTeam, skill: string, trusted: TrustedApproval): Promise<void> {
    let latest = this.deps.inbox.latestFor(skill)
    if (latest?.status !== 'pending' || latest.fingerprint !== trusted.entry.fingerprint) {
      const { approval } = await this.deps.inbox.request(
        skill,
        'import',
        `team:${team.name}`,
        'signed team approval',
      )
      latest = approval
    }
    if (latest.status !== 'pending' || latest.fingerprint !== trusted.entry.fingerprint) return
    const { entry } = trusted
    try {
      await this.deps.inbox.approve(
        latest.id,
        {
          trust: entry.trust,
          allowedClients: entry.allowedClients,
          rateLimitPerMinute: entry.rateLimitPerMinute,
          notes: entry.notes ?? `signed by ${trusted.signer} in ${short(trusted.commit)}`,
        },
        teamActor(team.name, trusted),
      )
    } catch (err) {
      // A CRITICAL scan still needs a person on this machine; the reason shows in team status.
      this.deps.logger.log('warn', 'a team approval could not be applied', { skill, error: String(err) })
    }
  }

  private teamSkills(team: JoinedTeam): string[] {
    return Object.entries(this.deps.lockfile.read().skills)
      .filter(([, e]) => e.source === team.source)
      .map(([n]) => n)
      .sort()
  }

  /** Every team skill and why it is or is not active (verifies the mirrors; no network). */
  async status(): Promise<TeamStatus> {
    const teams: TeamInfo[] = []
    const skills: TeamSkillStatus[] = []
    for (const team of this.deps.store.list()) {
      let state: TrustedState | null = null
      let problem: string | null = null
      try {
        state = await this.verify(this.deps.store.get(team.name))
      } catch (err) {
        problem = AppError.from(err).message
      }
      const joined = this.deps.store.get(team.name)
      teams.push({
        name: team.name,
        url: team.url,
        ref: team.ref,
        source: team.source,
        genesis: joined.genesis,
        head: state?.head ?? null,
        problems: problem ? [problem] : (state?.problems ?? []),
      })
      for (const skill of this.teamSkills(team)) skills.push(this.skillStatus(team, skill, state))
    }
    const joinedUrls = new Set(this.deps.store.list().map((t) => t.url))
    const missingRequired = this.deps
      .policy()
      .requiredTeams.filter((t) => !joinedUrls.has(t.url))
      .map((t) => `${t.name} (${t.url})`)
    return { teams, skills, missingRequired }
  }

  private skillStatus(team: JoinedTeam, skill: string, state: TrustedState | null): TeamSkillStatus {
    const record = this.deps.skills.findSummary(skill)
    const trusted = state?.approvals.get(skill) ?? null
    const latest = this.deps.inbox.latestFor(skill)
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
    if (!state)
      return { ...base, reason: 'the team repository could not be verified (see the team problems)' }
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
}

function fingerprintOrNull(dir: string): string | null {
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
