import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { TeamApprovalEntry, TeamRequest } from '../../contract/team'
import type { TrustLevel } from '../../contract/models'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import { pinGitRemote } from '../sources/gitNetwork'
import { offeredSkills } from '../sources/sourceSkills'
import type { SkillRepository } from '../storage/skillRepository'
import { APPROVALS_PATH, describeStatus, SignatureChecker, verifyHistory } from './signedApprovals'
import { TeamGit } from './teamGit'
import type { JoinedTeam, TeamStore } from './teamStore'

export interface TeamAdminDeps {
  store: TeamStore
  skills: SkillRepository
  env: NodeJS.ProcessEnv
  clock: Clock
}

/** The admin's clone at the team branch's tip, and where to push. */
export interface Checkout {
  git: TeamGit
  branch: string
  remote: string
  config: string[]
}

export interface TeamApproveInput {
  skill: string
  team?: string
  trust?: TrustLevel
  allowedClients?: string[]
  rateLimitPerMinute?: number
  notes?: string
  key?: string
  push?: boolean
}

/**
 * What a team admin does from SkillDock: sign approvals into the team repository and list the
 * requests members published. Works in a clone of its own (`team/<name>-work`), never in the mirror
 * members verify from.
 */
export class TeamAdmin {
  constructor(private readonly deps: TeamAdminDeps) {}

  /** Brings the admin's working clone to the team branch's tip; returns the git handle and branch. */
  async checkout(team: JoinedTeam): Promise<Checkout> {
    const dir = this.deps.store.workTree(team.name)
    mkdirSync(dir, { recursive: true })
    const git = new TeamGit(dir, this.deps.env)
    if (!existsSync(join(dir, '.git'))) await git.run(['init', '--quiet'])
    const pinned = await pinGitRemote(team.url, { allowLocal: team.allowLocal, ownPorts: [] })
    let branch = team.ref
    if (branch === null) {
      const symref = await git.run(['ls-remote', '--symref', '--', pinned.url, 'HEAD'], pinned.config)
      branch = /^ref: refs\/heads\/(\S+)\s+HEAD/m.exec(symref)?.[1] ?? 'main'
    }
    await git.fetchPinned(pinned, [`+refs/heads/${branch}:refs/remotes/origin/${branch}`])
    await git.run(['checkout', '--quiet', '-B', branch, `refs/remotes/origin/${branch}`])
    await git.run(['reset', '--quiet', '--hard', `refs/remotes/origin/${branch}`])
    await git.run(['clean', '-qfdx'])
    return { git, branch, remote: pinned.url, config: pinned.config }
  }

  /** Identity for commits when git has none configured (a fresh machine or a test). */
  private async identity(git: TeamGit): Promise<string[]> {
    const email = (await git.run(['config', 'user.email'], [], { allowFail: true })).trim()
    if (email || this.deps.env.GIT_COMMITTER_EMAIL) return []
    return ['user.name=SkillDock', 'user.email=skilldock@localhost']
  }

  /**
   * Writes `skill`'s approval (its files as they are on the team branch) into the approvals file,
   * keeping only entries the verified history vouches for, signs the commit with `key` (or git's
   * configured signing key), checks that the signature verifies against the team's allowed_signers,
   * and pushes with `push`.
   */
  async approve(
    input: TeamApproveInput,
  ): Promise<{ team: string; skill: string; commit: string; pushed: boolean; entry: TeamApprovalEntry }> {
    const team = this.deps.store.get(input.team)
    const trust = input.trust ?? 'sandboxed'
    if (trust === 'restricted' && !input.allowedClients?.length) {
      throw new AppError(
        'INVALID_INPUT',
        'A restricted skill needs at least one allowed client (--allowed-clients).',
      )
    }
    if (input.key !== undefined && !existsSync(input.key)) {
      throw new AppError(
        'INVALID_INPUT',
        `No key file at ${input.key}; give the path of your SSH private key.`,
      )
    }
    const { git, branch, remote, config } = await this.checkout(team)
    const offered = offeredSkills(git.dir).find((s) => s.name === input.skill)
    if (!offered?.fingerprint) {
      throw new AppError(
        'NOT_FOUND',
        `The team branch ${branch} has no skill named ${input.skill}; merge its request branch first (\`skilldock team requests\`).`,
      )
    }
    const head = (await git.run(['rev-parse', 'HEAD'])).trim()
    const state = await verifyHistory(git, head)
    if (state.genesis === null)
      throw new AppError('CONFLICT', `Team ${team.name}: ${state.problems.join('; ')}`)
    const entry: TeamApprovalEntry = {
      fingerprint: offered.fingerprint,
      trust,
      allowedClients: input.allowedClients ?? null,
      rateLimitPerMinute: input.rateLimitPerMinute ?? null,
      notes: input.notes ?? null,
      approvedBy: (await git.run(['config', 'user.email'], [], { allowFail: true })).trim() || null,
      approvedAt: isoNow(this.deps.clock),
    }
    // Only what the signed history vouches for is carried forward: an admin never signs, unseen, an
    // entry an outsider slipped into the file.
    const skills: Record<string, TeamApprovalEntry> = {}
    for (const [name, t] of state.approvals) skills[name] = t.entry
    skills[input.skill] = entry
    const commit = await this.commitSigned(
      { git, branch, remote, config, team, head, signers: state.signers },
      { [APPROVALS_PATH]: JSON.stringify({ version: 1, skills }, null, 2) + '\n' },
      `Approve ${input.skill} (${offered.fingerprint.slice(7, 19)}) at ${trust}`,
      input,
    )
    return { team: team.name, skill: input.skill, commit, pushed: input.push === true, entry }
  }

  /**
   * Writes `files` in the admin's clone, commits them signed with `key` (or git's configured signing
   * key), checks that the signature verifies against the team's trusted allowed_signers (else the
   * commit is dropped), and pushes with `push`. Returns the commit.
   */
  async commitSigned(
    at: Checkout & { team: JoinedTeam; head: string; signers: string },
    files: Record<string, string>,
    message: string,
    input: { key?: string; push?: boolean },
  ): Promise<string> {
    const { git, team, head } = at
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(git.dir, path)), { recursive: true })
      writeFileSync(join(git.dir, path), content)
      await git.run(['add', '--', path])
    }
    const signing = ['gpg.format=ssh', ...(input.key ? [`user.signingkey=${input.key}`] : [])]
    try {
      await git.run(['commit', '--quiet', '-S', '-m', message], [...signing, ...(await this.identity(git))])
    } catch (err) {
      await git.run(['reset', '--quiet', '--hard', head])
      throw new AppError(
        'INVALID_INPUT',
        `Could not sign the commit: ${AppError.from(err).message}. Give --key <ssh private key> or set git's user.signingkey.`,
      )
    }
    const commit = (await git.run(['rev-parse', 'HEAD'])).trim()
    const checker = new SignatureChecker(git)
    try {
      const { status } = await checker.check(commit, at.signers)
      if (status !== 'G') {
        await git.run(['reset', '--quiet', '--hard', head])
        throw new AppError(
          'CONFLICT',
          `The commit ${describeStatus(status)} of team ${team.name}; members would not trust it. Sign with a key listed in .skilldock/allowed_signers.`,
        )
      }
    } finally {
      checker.dispose()
    }
    if (input.push)
      await git.run(['push', '--quiet', '--', at.remote, `HEAD:refs/heads/${at.branch}`], at.config)
    return commit
  }

  /** Copies a local skill onto a `request/<skill>` branch of the team repository and pushes it. Never approves. */
  async publish(skill: string, teamName?: string): Promise<{ team: string; branch: string; commit: string }> {
    const team = this.deps.store.get(teamName)
    const record = this.deps.skills.findSummary(skill)
    if (!record || record.origin === 'builtin') {
      throw new AppError('NOT_FOUND', `No library skill named ${skill} to publish.`)
    }
    const { git, remote, config } = await this.checkout(team)
    const request = `request/${skill}`
    await git.run(['checkout', '--quiet', '-B', request])
    const dest = join(git.dir, 'skills', skill)
    rmSync(dest, { recursive: true, force: true })
    cpSync(record.path, dest, { recursive: true, filter: (src) => !src.split(/[\\/]/).includes('.git') })
    await git.run(['add', '--', join('skills', skill)])
    await git.run(
      ['commit', '--quiet', '--allow-empty', '-m', `Request approval of ${skill}`],
      ['commit.gpgsign=false', ...(await this.identity(git))],
    )
    const commit = (await git.run(['rev-parse', 'HEAD'])).trim()
    await git.run(['push', '--quiet', '--force', '--', remote, `HEAD:refs/heads/${request}`], config)
    return { team: team.name, branch: request, commit }
  }

  /** Approval requests waiting on `request/*` branches of the team's mirror (as of the last sync). */
  async requests(teamName?: string): Promise<TeamRequest[]> {
    const teams = teamName === undefined ? this.deps.store.list() : [this.deps.store.get(teamName)]
    const out: TeamRequest[] = []
    for (const team of teams) {
      const git = new TeamGit(this.deps.store.mirror(team.name), this.deps.env)
      // A request merged into the team branch is done: its branch lingers on the remote, not in this list.
      const target = team.ref === null ? 'refs/team/head' : `refs/remotes/origin/${team.ref}`
      const refs = await git.run(
        [
          'for-each-ref',
          '--format=%(refname)%00%(objectname)%00%(authorname)%00%(authordate:iso-strict)',
          `--no-merged=${target}`,
          'refs/remotes/origin/request/',
        ],
        [],
        { allowFail: true },
      )
      for (const line of refs.split('\n').filter(Boolean)) {
        const [ref = '', commit = '', author = '', date = ''] = line.split('\0')
        const branch = ref.replace('refs/remotes/origin/', '')
        out.push({
          team: team.name,
          branch,
          skill: branch.slice('request/'.length),
          commit,
          author,
          date,
          fingerprint: null,
        })
      }
    }
    return out
  }
}
