import type { RepoInfo, SyncReport } from '../../contract/sources'
import type { ManagedPolicy, TeamInfo, TeamSkillStatus, TeamStatus } from '../../contract/team'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { Logger } from '../base/logger'
import type { Lockfile } from '../sources/lockfile'
import type { SkillRepository } from '../storage/skillRepository'
import type { ApprovalInbox } from '../trust/approvalInbox'
import { assertSourceAllowed } from './managedPolicy'
import { applyShared, type SharedDeps } from './sharedPolicies'
import { refuseRewrite, type TrustedApproval, type TrustedState, verifyHistory } from './signedApprovals'
import { fetchTeamMirror, TeamGit } from './teamGit'
import { fingerprintOrNull, teamInfo, teamNameOf, teamSkillStatus } from './teamStatus'
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
  /** Where shared policies, roles and limits are applied (the local policy tables and limits file). */
  shared: Omit<SharedDeps, 'store'>
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

/** In the mirror: the newest admin-signed team commit this machine followed (see `verify`). */
const ACCEPTED_REF = 'refs/skilldock/accepted'
const short = (s: string | null) => (s ? s.slice(0, 10) : '')

/** The actor recorded on an approval made on the strength of a team's signed approval. */
const teamActor = (team: string, t: TrustedApproval) => `team:${team}:${t.signer}@${short(t.commit)}`

/**
 * Team mode for members: joins team repositories (as git sources), verifies their signed approvals
 * with git at every sync, and activates a team skill whose files match a trusted approval — through
 * the inbox's own approve, so it is pinned exactly like a local approval.
 */
export class TeamService {
  private readonly trusted = new Map<string, TrustedState>()
  /** Per team: why a trusted shared entry was not applied at the last reconcile (in this process). */
  private readonly skipped = new Map<string, Map<string, string>>()
  /** Reconciles run one at a time (a sync event and the route that caused it may both ask). */
  private queue: Promise<void> = Promise.resolve()

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
      signersCommit: null,
      joinedAt: isoNow(this.deps.clock),
    }
    // The mirror first: a repository git cannot fetch leaves no source and no team behind.
    await this.fetch(team)
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

  /**
   * Joins the teams the managed policy requires that are missing, then fetches the team
   * repositories, syncs their sources and applies what their signed history says.
   */
  async sync(name?: string): Promise<TeamStatus> {
    if (name === undefined) await this.joinRequired()
    const teams = name === undefined ? this.deps.store.list() : [this.deps.store.get(name)]
    for (const team of teams) {
      await this.fetch(team)
      await this.deps.syncSource(team.source)
      await this.reconcile(team.name)
    }
    return this.status()
  }

  /** Forgets a team: its source goes (installed skills stay, as orphans), and so do its mirrors. */
  async leave(name: string): Promise<TeamStatus> {
    const team = this.deps.store.get(name)
    await this.deps.removeSource(team.source).catch(() => undefined)
    // What the team shared goes with it (a role clients still use stays, as a local role).
    applyShared(this.sharedDeps(), team.name, new Map(), [])
    this.deps.store.remove(team.name)
    return this.status()
  }

  private async joinRequired(): Promise<void> {
    const joined = this.deps.store.list()
    for (const required of this.deps.policy().requiredTeams) {
      if (joined.some((t) => t.url === required.url)) continue
      await this.join({
        url: required.url,
        name: required.name,
        ...(required.ref ? { ref: required.ref } : {}),
        allowLocal: required.allowLocal,
      })
    }
  }

  private fetch(team: JoinedTeam): Promise<string> {
    return fetchTeamMirror(
      team.url,
      team.ref,
      this.deps.store.mirror(team.name),
      this.deps.env,
      team.allowLocal,
    )
  }

  /** Resolves once every queued reconcile has finished. */
  settled(): Promise<void> {
    return this.queue
  }

  /** After a sync of any source (a route or the background schedule): applies its team's approvals. */
  afterSourceSync(sources: string[]): Promise<void> {
    const run = this.queue.then(() => this.applyAfterSync(sources))
    this.queue = run.catch((err: unknown) => {
      this.deps.logger.log('error', 'applying team approvals failed', { error: String(err) })
    })
    return run
  }

  private async applyAfterSync(sources: string[]): Promise<void> {
    for (const team of this.deps.store.list()) {
      if (!sources.includes(team.source)) continue
      try {
        await this.fetch(team)
      } catch (err) {
        // What was fetched before is still verified; a stale mirror only delays new approvals.
        this.deps.logger.log('warn', 'fetching the team repository failed', {
          team: team.name,
          error: String(err),
        })
      }
      await this.reconcileNow(team.name)
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
    // The newest admin-signed commit accepted here, kept in the mirror (a ref no fetch touches).
    const accepted = (
      await git.run(['rev-parse', '--verify', '--quiet', `${ACCEPTED_REF}^{commit}`], [], { allowFail: true })
    ).trim()
    if (!refuseRewrite(state, { genesis: team.genesis, signersCommit: team.signersCommit, accepted })) {
      if (state.genesis !== team.genesis || state.signersCommit !== team.signersCommit) {
        // Pinned at the first verification (join), then moved forward only along a verified history.
        this.deps.store.put({ ...team, genesis: state.genesis, signersCommit: state.signersCommit })
      }
      // Unsigned commits on top are not pinned: dropping them later is no rollback of anything trusted.
      if (state.lastTrusted && accepted !== state.lastTrusted)
        await git.run(['update-ref', ACCEPTED_REF, state.lastTrusted])
    }
    this.trusted.set(team.name, state)
    return state
  }

  /** Activates team skills whose files match a trusted approval; revokes team activations that lost theirs. */
  reconcile(name: string): Promise<void> {
    const run = this.queue.then(() => this.reconcileNow(name))
    this.queue = run.catch(() => undefined)
    return run
  }

  private async reconcileNow(name: string): Promise<void> {
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
    // A refused history vouches for nothing, and undoing what the team applied would lift its
    // restrictions (a hold on deletes): the rules stay as the last trusted history left them.
    if (state.rewritten) return
    this.skipped.set(
      team.name,
      applyShared(this.sharedDeps(), team.name, state.shared, this.teamSkills(team)),
    )
  }

  private sharedDeps(): SharedDeps {
    return { ...this.deps.shared, store: this.deps.store }
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
      const skipped = this.skipped.get(team.name) ?? new Map<string, string>()
      teams.push(teamInfo(this.deps.store, team.name, state, problem, this.teamSkills(team), skipped))
      for (const skill of this.teamSkills(team)) skills.push(teamSkillStatus(this.deps, team, skill, state))
    }
    const joinedUrls = new Set(this.deps.store.list().map((t) => t.url))
    const missingRequired = this.deps
      .policy()
      .requiredTeams.filter((t) => !joinedUrls.has(t.url))
      .map((t) => `${t.name} (${t.url})`)
    return { teams, skills, missingRequired }
  }
}
