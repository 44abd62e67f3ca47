import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { TeamApprovalEntry } from '../../contract/team'
import type { TeamGit } from './teamGit'

/** Where a team repository keeps its approvals and the keys allowed to sign them. */
export const APPROVALS_PATH = '.skilldock/approvals.json'
export const SIGNERS_PATH = '.skilldock/allowed_signers'

const ApprovalsDocument = z.object({
  version: z.literal(1),
  skills: z.record(z.string(), TeamApprovalEntry),
})
export type ApprovalsDocument = z.infer<typeof ApprovalsDocument>

/** An approval entry the verified history vouches for. */
export interface TrustedApproval {
  entry: TeamApprovalEntry
  /** The signed commit that last set this entry, and who signed it (the allowed_signers principal). */
  commit: string
  signer: string
}

/** What the signed history of a team repository establishes. */
export interface TrustedState {
  /** The first commit that carries allowed_signers and is signed by a key in it (pinned at join). */
  genesis: string | null
  head: string
  approvals: Map<string, TrustedApproval>
  /** The allowed_signers content in force at the head. */
  signers: string
  /** Per skill: why a change of its approval was not trusted, or why its approval was revoked. */
  reasons: Map<string, string>
  /** Problems with the repository as a whole (no genesis, damaged files). */
  problems: string[]
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

/**
 * Walks the first-parent history of `head` from the root. The first commit carrying allowed_signers
 * must be signed by a key listed in it (the genesis; members pin it at join). Every later commit is
 * checked against the allowed_signers in force at its trusted parent — never against its own, so a
 * commit cannot vouch for a key it adds. A commit that verifies makes its approvals and
 * allowed_signers the trusted ones; an entry is credited to the signer of the commit that changed it,
 * and when allowed_signers changes, entries whose signing commit no longer verifies are revoked.
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
    reasons: new Map(),
    problems: [],
  }
  try {
    let lastFile: ApprovalsDocument = EMPTY
    for (const commit of commits) {
      const signers = await git.show(commit, SIGNERS_PATH)
      const text = await git.show(commit, APPROVALS_PATH)
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
        state.signers = signers
        lastFile = adopt(state, parseApprovals(text), lastFile, commit, principal)
        continue
      }
      const { status, principal } = await checker.check(commit, state.signers)
      const doc = parseApprovals(text)
      if (status !== 'G') {
        for (const name of changedNames(lastFile, doc ?? EMPTY)) {
          state.reasons.set(
            name,
            `the approval change in commit ${short(commit)} was not trusted: the commit ${describeStatus(status)}`,
          )
        }
        if ((signers ?? '') !== state.signers) {
          state.problems.push(
            `commit ${short(commit)} changes allowed_signers but ${describeStatus(status)}; the change was ignored`,
          )
        }
        continue
      }
      if ((signers ?? '') !== state.signers) {
        state.signers = signers ?? ''
        await revokeUnverifiable(state, checker, commit)
      }
      lastFile = adopt(state, doc, lastFile, commit, principal)
    }
    if (state.genesis === null && state.problems.length === 0) {
      state.problems.push(`the team repository has no ${SIGNERS_PATH} signed by a key in it yet`)
    }
    return state
  } finally {
    checker.dispose()
  }
}

function changedNames(before: ApprovalsDocument, after: ApprovalsDocument): string[] {
  const names = new Set([...Object.keys(before.skills), ...Object.keys(after.skills)])
  return [...names].filter((n) => JSON.stringify(before.skills[n]) !== JSON.stringify(after.skills[n]))
}

/** Takes a verified commit's approvals: changed entries are credited to its signer. */
function adopt(
  state: TrustedState,
  doc: ApprovalsDocument | null,
  lastFile: ApprovalsDocument,
  commit: string,
  principal: string,
): ApprovalsDocument {
  if (doc === null) {
    state.problems.push(
      `commit ${short(commit)} has an unreadable ${APPROVALS_PATH}; its approvals were ignored`,
    )
    return lastFile
  }
  for (const name of changedNames(lastFile, doc)) {
    const entry = doc.skills[name]
    if (entry) {
      state.approvals.set(name, { entry, commit, signer: principal })
      state.reasons.delete(name)
    } else {
      state.approvals.delete(name)
      state.reasons.set(
        name,
        `its approval was withdrawn in commit ${short(commit)} (signed by ${principal})`,
      )
    }
  }
  return doc
}

/** After allowed_signers changed: an approval stands only while the commit that set it still verifies. */
async function revokeUnverifiable(state: TrustedState, checker: SignatureChecker, at: string): Promise<void> {
  for (const [name, trusted] of [...state.approvals]) {
    const { status } = await checker.check(trusted.commit, state.signers)
    if (status === 'G') continue
    state.approvals.delete(name)
    state.reasons.set(
      name,
      `its approval was signed by ${trusted.signer}, whose key was removed from allowed_signers in commit ${short(at)}`,
    )
  }
}
