import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { TeamApprovalEntry } from '../../contract/team'
import { parseShared, SHARED_PATH, type SharedEntry } from './sharedPolicies'
import type { TeamGit } from './teamGit'

/** Where a team repository keeps its approvals and the keys allowed to sign them. */
export const APPROVALS_PATH = '.skilldock/approvals.json'
export const SIGNERS_PATH = '.skilldock/allowed_signers'

const ApprovalsDocument = z.object({
  version: z.literal(1),
  skills: z.record(z.string(), TeamApprovalEntry),
})
export type ApprovalsDocument = z.infer<typeof ApprovalsDocument>

/** An entry (an approval, a shared policy, role or limit) the verified history vouches for. */
export interface Trusted<T> {
  entry: T
  /** The signed commit that last set this entry, and who signed it (the allowed_signers principal). */
  commit: string
  signer: string
}
export type TrustedApproval = Trusted<TeamApprovalEntry>

/** What the signed history of a team repository establishes. */
export interface TrustedState {
  /** The first commit that carries allowed_signers and is signed by a key in it (pinned at join). */
  genesis: string | null
  head: string
  approvals: Map<string, TrustedApproval>
  /** The allowed_signers content in force at the head. */
  signers: string
  /** The commit that put that allowed_signers in force (members pin it: see TeamStore). */
  signersCommit: string | null
  /** Every commit of the walked first-parent history. */
  commits: Set<string>
  /** The newest commit of that history signed by an admin: a later head must still contain it. */
  lastTrusted: string | null
  /** Per skill: why a change of its approval was not trusted, or why its approval was revoked. */
  reasons: Map<string, string>
  /** Shared call policies, roles and sandbox limits (keyed as in sharedPolicies.ts), and reasons. */
  shared: Map<string, Trusted<SharedEntry>>
  sharedReasons: Map<string, string>
  /** Problems with the repository as a whole (no genesis, damaged files). */
  problems: string[]
  /** Set by `refuseRewrite`: the history is not one this machine may follow (nothing in it is trusted). */
  rewritten?: boolean
}

const short = (commit: string) => commit.slice(0, 10)
const EMPTY: ApprovalsDocument = { version: 1, skills: {} }

function parseApprovals(text: string | null): ApprovalsDocument | null {
  if (text === null) return EMPTY
  try {
    return ApprovalsDocument.parse(JSON.parse(text))
  } catch {
    return null
  }
}

/** Checks one commit's signature with git against the given allowed_signers content. */
export class SignatureChecker {
  private readonly dir = mkdtempSync(join(tmpdir(), 'skilldock-signers-'))
  private count = 0

  constructor(private readonly git: TeamGit) {}

  /** `G` (good, key allowed), `U` (good signature, key not allowed), `N` (unsigned), `B`, `E`…; and the principal. */
  async check(commit: string, signers: string): Promise<{ status: string; principal: string }> {
    const file = join(this.dir, `allowed_signers.${this.count++}`)
    writeFileSync(file, signers)
    const out = await this.git.run(
      ['log', '-1', '--format=%G?%x00%GS', commit],
      [`gpg.ssh.allowedSignersFile=${file}`],
    )
    const [status = 'N', principal = ''] = out.trim().split('\0')
    return { status, principal }
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

export function describeStatus(status: string): string {
  switch (status) {
    case 'N':
      return 'is not signed'
    case 'U':
      return 'is signed by a key that is not in allowed_signers'
    case 'B':
      return 'has a bad signature'
    default:
      return 'has a signature git could not verify'
  }
}

/** One tracked file of the team repository: its entries, keyed, as far as the verified history goes. */
class Ledger<T> {
  private last: Record<string, T> = {}

  constructor(
    private readonly path: string,
    private readonly noun: string,
    private readonly parse: (text: string | null) => Record<string, T> | null,
    readonly entries: Map<string, Trusted<T>>,
    readonly reasons: Map<string, string>,
  ) {}

  /** A commit that does not verify: whatever it changes in this file is not trusted, and says why. */
  untrusted(text: string | null, commit: string, status: string): void {
    for (const name of changedKeys(this.last, this.parse(text) ?? {})) {
      this.reasons.set(
        name,
        `the ${this.noun} change in commit ${short(commit)} was not trusted: the commit ${describeStatus(status)}`,
      )
    }
  }

  /** A verified commit: its changed entries are credited to its signer. */
  adopt(text: string | null, commit: string, principal: string, problems: string[]): void {
    const doc = this.parse(text)
    if (doc === null) {
      problems.push(`commit ${short(commit)} has an unreadable ${this.path}; its changes were ignored`)
      return
    }
    for (const name of changedKeys(this.last, doc)) {
      const entry = doc[name]
      if (entry !== undefined) {
        this.entries.set(name, { entry, commit, signer: principal })
        this.reasons.delete(name)
      } else {
        this.entries.delete(name)
        this.reasons.set(
          name,
          `its ${this.noun} was withdrawn in commit ${short(commit)} (signed by ${principal})`,
        )
      }
    }
    this.last = doc
  }

  /** After allowed_signers changed: an entry stands only while the commit that set it still verifies. */
  async revoke(checker: SignatureChecker, signers: string, at: string): Promise<void> {
    for (const [name, trusted] of [...this.entries]) {
      const { status } = await checker.check(trusted.commit, signers)
      if (status === 'G') continue
      this.entries.delete(name)
      this.reasons.set(
        name,
        `its ${this.noun} was signed by ${trusted.signer}, whose key was removed from allowed_signers in commit ${short(at)}`,
      )
    }
  }
}

function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...names].filter((n) => JSON.stringify(before[n]) !== JSON.stringify(after[n]))
}

/**
 * Walks the first-parent history of `head` from the root. The first commit carrying allowed_signers
 * must be signed by a key listed in it (the genesis; members pin it at join). Every later commit is
 * checked against the allowed_signers in force at its trusted parent — never against its own, so a
 * commit cannot vouch for a key it adds. A commit that verifies makes its approvals, shared policies
 * and allowed_signers the trusted ones; an entry is credited to the signer of the commit that changed
 * it, and when allowed_signers changes, entries whose signing commit no longer verifies are revoked.
 */
export async function verifyHistory(git: TeamGit, head: string): Promise<TrustedState> {
  const commits = (await git.run(['rev-list', '--first-parent', '--reverse', head]))
    .split('\n')
    .filter(Boolean)
  const checker = new SignatureChecker(git)
  const state: TrustedState = {
    genesis: null,
    head,
    approvals: new Map(),
    signers: '',
    signersCommit: null,
    commits: new Set(commits),
    lastTrusted: null,
    reasons: new Map(),
    shared: new Map(),
    sharedReasons: new Map(),
    problems: [],
  }
  const ledgers: [string, Ledger<unknown>][] = [
    [
      APPROVALS_PATH,
      new Ledger(
        APPROVALS_PATH,
        'approval',
        (text) => parseApprovals(text)?.skills ?? null,
        state.approvals,
        state.reasons,
      ) as Ledger<unknown>,
    ],
    [
      SHARED_PATH,
      new Ledger(
        SHARED_PATH,
        'shared entry',
        parseShared,
        state.shared,
        state.sharedReasons,
      ) as Ledger<unknown>,
    ],
  ]
  try {
    for (const commit of commits) {
      const signers = await git.show(commit, SIGNERS_PATH)
      const files = await Promise.all(ledgers.map(([path]) => git.show(commit, path)))
      if (state.genesis === null) {
        if (signers === null) continue
        const { status, principal } = await checker.check(commit, signers)
        if (status !== 'G') {
          state.problems.push(
            `commit ${short(commit)} introduces allowed_signers but ${describeStatus(status)} by a key in it; nothing before a self-signed allowed_signers is trusted`,
          )
          continue
        }
        state.genesis = commit
        state.lastTrusted = commit
        state.signers = signers
        state.signersCommit = commit
        ledgers.forEach(([, l], i) => l.adopt(files[i]!, commit, principal, state.problems))
        continue
      }
      const { status, principal } = await checker.check(commit, state.signers)
      if (status !== 'G') {
        ledgers.forEach(([, l], i) => l.untrusted(files[i]!, commit, status))
        if ((signers ?? '') !== state.signers) {
          state.problems.push(
            `commit ${short(commit)} changes allowed_signers but ${describeStatus(status)}; the change was ignored`,
          )
        }
        continue
      }
      state.lastTrusted = commit
      if ((signers ?? '') !== state.signers) {
        state.signers = signers ?? ''
        state.signersCommit = commit
        for (const [, l] of ledgers) await l.revoke(checker, state.signers, commit)
      }
      ledgers.forEach(([, l], i) => l.adopt(files[i]!, commit, principal, state.problems))
    }
    if (state.genesis === null && state.problems.length === 0) {
      state.problems.push(`the team repository has no ${SIGNERS_PATH} signed by a key in it yet`)
    }
    return state
  } finally {
    checker.dispose()
  }
}

/**
 * Refuses a history that is not a continuation of what this machine accepted: another genesis than
 * the one pinned at join, or one that no longer contains the commit that set the allowed_signers
 * accepted last (an admin set rolled back past a signed removal). Then nothing in it is trusted.
 */
export function refuseRewrite(
  state: TrustedState,
  pinned: { genesis: string | null; signersCommit: string | null; accepted?: string | null },
): boolean {
  const why =
    pinned.genesis !== null && state.genesis !== pinned.genesis
      ? `its allowed_signers now starts at ${short(state.genesis ?? '') || 'no commit'} instead of ${short(pinned.genesis)} pinned at join`
      : pinned.signersCommit !== null && !state.commits.has(pinned.signersCommit)
        ? `it no longer contains commit ${short(pinned.signersCommit)}, which set the allowed_signers this machine last accepted`
        : // Rolled back to an older (still signed) commit: what admins signed since would silently go.
          pinned.accepted && !state.commits.has(pinned.accepted)
          ? `it no longer contains commit ${short(pinned.accepted)}, the newest admin-signed commit this machine accepted`
          : null
  if (why === null) return false
  state.rewritten = true
  state.problems.unshift(
    `the team history was rewritten: ${why}; nothing is trusted until you run skilldock team leave and join again`,
  )
  for (const skill of state.approvals.keys())
    state.reasons.set(skill, 'the team history was rewritten (see team status)')
  for (const key of state.shared.keys())
    state.sharedReasons.set(key, 'the team history was rewritten (see team status)')
  state.approvals.clear()
  state.shared.clear()
  return true
}
