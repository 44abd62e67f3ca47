import { z } from 'zod'
import { SharedEntry, type SharedStatus } from '../../contract/team'
import type { PolicyRepository } from '../policy/policyRepository'
import { effectiveLimits, type SandboxLimits } from '../runtime/sandboxLimits'
import type { SandboxLimitsStore } from '../runtime/sandboxSettings'
import type { Trusted, TrustedState } from './signedApprovals'
import type { AppliedShared, TeamStore } from './teamStore'

export type { SharedEntry }

/** Where a team repository keeps its shared call policies, roles and sandbox limits. */
export const SHARED_PATH = '.skilldock/policies.json'

const SharedDocument = z.object({ version: z.literal(1), entries: z.array(SharedEntry) }).strict()

/** The entry's identity: one policy per skill/tool/kind, one role per name, one limits per skill. */
export function sharedKey(entry: SharedEntry): string {
  if (entry.type === 'policy') return `policy:${entry.skill}/${entry.tool}:${entry.kind}`
  if (entry.type === 'role') return `role:${entry.name}`
  return `limits:${entry.skill}`
}

/** The entries of a policies.json, keyed; {} when the file is absent, null when it does not parse. */
export function parseShared(text: string | null): Record<string, SharedEntry> | null {
  if (text === null) return {}
  try {
    const doc = SharedDocument.parse(JSON.parse(text))
    return Object.fromEntries(doc.entries.map((e) => [sharedKey(e), e]))
  } catch {
    return null
  }
}

/** The document an admin commits: `entries` sorted by key, so diffs stay readable. */
export function sharedDocument(entries: Record<string, SharedEntry>): string {
  const sorted = Object.keys(entries)
    .sort()
    .map((k) => entries[k]!)
  return JSON.stringify({ version: 1, entries: sorted }, null, 2) + '\n'
}

function limitsOf(e: Extract<SharedEntry, { type: 'limits' }>): Partial<SandboxLimits> {
  const out: Partial<SandboxLimits> = {}
  if (e.cpuSeconds !== undefined) out.cpuSeconds = e.cpuSeconds
  if (e.memoryMb !== undefined) out.memoryMb = e.memoryMb
  if (e.processes !== undefined) out.processes = e.processes
  return out
}

export interface SharedDeps {
  store: TeamStore
  policies: PolicyRepository
  limits: SandboxLimitsStore
  now: () => string
  /** Open MCP sessions re-read what clients may see when a role changed. */
  rolesChanged: () => void
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Makes this machine hold exactly the team's trusted shared entries: what the signed history no
 * longer vouches for (withdrawn, or its signer removed) is undone, what it vouches for is applied,
 * and a rule removed locally comes back at the next sync. Returns why an entry was not applied.
 */
export function applyShared(
  deps: SharedDeps,
  team: string,
  shared: TrustedState['shared'],
  teamSkills: string[],
): Map<string, string> {
  const skipped = new Map<string, string>()
  let roles = false
  const applied = new Map(deps.store.applied(team).map((a) => [a.key, a]))
  // What this team last applied, before undoing changed entries: a role still holding it is the team's.
  const before = new Map([...applied].map(([key, a]) => [key, a.value]))
  deps.store.atomically(() => {
    for (const [key, a] of applied) {
      const wanted = shared.get(key)
      if (wanted && same(wanted.entry, a.value)) continue
      roles = undo(deps, team, a, skipped) || roles
      applied.delete(key)
    }
    for (const [key, trusted] of shared) {
      const a = applied.get(key)
      if (a && present(deps, a)) continue
      const why = blocker(trusted, teamSkills) ?? localRoleKept(deps, trusted.entry, before.get(key))
      if (why) {
        skipped.set(key, why)
        continue
      }
      if (a) deps.store.forgetApplied(team, key)
      roles = apply(deps, team, key, trusted.entry) || roles
    }
  })
  if (roles) deps.rolesChanged()
  return skipped
}

export function blocker(trusted: Trusted<SharedEntry>, teamSkills: string[]): string | null {
  const e = trusted.entry
  if (e.type !== 'limits') return null
  // A team sets the sandbox of its own skills only; a person's own approvals keep theirs.
  if (!teamSkills.includes(e.skill)) return `${e.skill} is not a skill of this team`
  try {
    effectiveLimits(limitsOf(e))
    return null
  } catch (err) {
    return (err as Error).message
  }
}

/**
 * Why a shared role is not written over a role of the same name this team did not put there (a
 * person's own, or another team's): roles only narrow what a client may call, so taking the team's
 * allow list would widen that role for every client using it. Null when the team may write it.
 */
function localRoleKept(deps: SharedDeps, e: SharedEntry, teamsBefore: unknown): string | null {
  if (e.type !== 'role') return null
  const local = deps.policies.role(e.name)
  const allowOf = (v: unknown) => [...new Set((v as { allow?: string[] } | undefined)?.allow ?? [])]
  if (!local || same(local.allow, allowOf(e))) return null
  if (teamsBefore !== undefined && same(local.allow, allowOf(teamsBefore))) return null
  return `a role named ${e.name} set on this machine is kept (${local.allow.join(', ')}); remove or rename it to take the team's`
}

/** Whether an applied entry is still in force here (a person may have removed the rule locally). */
function present(deps: SharedDeps, a: AppliedShared): boolean {
  const e = a.value as SharedEntry
  if (e.type === 'policy') return deps.policies.policies().some((p) => p.id === a.localId)
  if (e.type === 'role') return same(deps.policies.role(e.name)?.allow, e.allow)
  return same(deps.limits.limitsOf(e.skill), effectiveLimits(limitsOf(e)))
}

function apply(deps: SharedDeps, team: string, key: string, e: SharedEntry): boolean {
  let localId: number | null = null
  if (e.type === 'policy') {
    const made = deps.policies.addPolicy(
      { skill: e.skill, tool: e.tool, kind: e.kind, timeoutSeconds: e.timeoutSeconds },
      deps.now(),
    )
    localId = made.id
  } else if (e.type === 'role') {
    deps.policies.saveRole(e.name, [...new Set(e.allow)], deps.now())
  } else {
    deps.limits.set(e.skill, limitsOf(e))
  }
  deps.store.recordApplied(team, key, e, localId)
  return e.type === 'role'
}

function undo(deps: SharedDeps, team: string, a: AppliedShared, skipped: Map<string, string>): boolean {
  const e = a.value as SharedEntry
  deps.store.forgetApplied(team, a.key)
  if (e.type === 'policy') {
    if (a.localId !== null) deps.policies.removePolicy(a.localId)
    return false
  }
  if (e.type === 'limits') {
    deps.limits.set(e.skill, null)
    return false
  }
  const role = deps.policies.role(e.name)
  if (role && role.clients.length > 0) {
    // Deleting it would give these clients everything their exposure allows: it stays, as a local role.
    skipped.set(
      a.key,
      `withdrawn by the team, but kept as a local role: ${role.clients.join(', ')} still use it`,
    )
    return false
  }
  if (role) deps.policies.removeRole(e.name)
  return true
}

/** Each shared entry of a team, and whether this machine applies it (or why not). */
export function sharedStatus(
  store: TeamStore,
  team: string,
  state: TrustedState,
  teamSkills: string[],
  skipped: Map<string, string>,
): SharedStatus[] {
  const applied = new Map(store.applied(team).map((a) => [a.key, a]))
  const out: SharedStatus[] = []
  const short = (c: string) => c.slice(0, 10)
  for (const [key, t] of state.shared) {
    const done = applied.has(key) && same(applied.get(key)!.value, t.entry)
    out.push({
      key,
      applied: done,
      signer: t.signer,
      commit: t.commit,
      reason: done
        ? `applied: signed by ${t.signer} in commit ${short(t.commit)}`
        : `not applied: ${blocker(t, teamSkills) ?? skipped.get(key) ?? 'run `skilldock team sync` to apply it'}`,
    })
  }
  for (const [key, why] of state.sharedReasons) {
    if (state.shared.has(key)) continue
    out.push({ key, applied: false, signer: null, commit: null, reason: `ignored: ${why}` })
  }
  for (const [key, why] of skipped) {
    if (!state.shared.has(key) && !state.sharedReasons.has(key))
      out.push({ key, applied: false, signer: null, commit: null, reason: why })
  }
  return out.sort((a, b) => a.key.localeCompare(b.key))
}
