import type { SkillOrigin, SkillState, TrustLevel } from '../../contract/models'
import { AppError } from '../base/appError'
import type { Db } from '../storage/database'
import { VersionedReads } from '../storage/prepared'
import { skillTablesVersion } from '../storage/skillStatements'

/** A restricted skill without its own limit gets this many calls per minute and client. */
export const DEFAULT_RESTRICTED_RATE_PER_MINUTE = 30

/** The owner's own calls (the app, the CLI, their jobs and schedules): allow-lists govern other clients. */
export const OWNER_CLIENT = 'user'

/** States in which a skill may be called. */
const RUNNABLE: ReadonlySet<SkillState> = new Set(['active', 'builtin'])

/** What the call pipeline reads of a skill on every call: its row as the database has it now. */
export interface SkillGateRow {
  name: string
  origin: SkillOrigin
  state: SkillState
  trust: TrustLevel
  valid: boolean
  deprecatedReason: string | null
  replacement: string | null
  allowedClients: string[] | null
  ratePerMinute: number | null
  fingerprint: string | null
  approvedFingerprint: string | null
  /** Why a machine-wide rule (the managed policy) keeps this skill from running, or null. */
  blockedBy?: string | null
}

type Row = {
  name: string
  origin: SkillOrigin
  state: SkillState
  trust: TrustLevel
  valid: number
  deprecated_reason: string | null
  replacement: string | null
  allowed_clients_json: string | null
  rate_limit_per_minute: number | null
  fingerprint: string | null
  approved_fingerprint: string | null
}

function parseClients(text: string | null): string[] | null {
  if (text === null) return null
  try {
    const value = JSON.parse(text) as unknown
    return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : []
  } catch {
    // An unreadable allow-list allows nobody rather than everybody.
    return []
  }
}

/**
 * Reads a skill's row for the call pipeline. The database is shared with other processes (the
 * CLI disabling a skill while `serve` runs), so the row is read again whenever another connection
 * committed (`data_version`) or this process wrote to the skill tables; otherwise the last read
 * is still the row, and a call costs no query.
 */
export class SkillGate {
  private readonly statement
  private readonly reads = new VersionedReads<SkillGateRow | null>()

  constructor(private readonly db: Db) {
    this.statement = db.prepare(
      `SELECT name, origin, state, trust, valid, deprecated_reason, replacement, allowed_clients_json,
         rate_limit_per_minute, fingerprint, approved_fingerprint FROM skills WHERE name = ?`,
    )
  }

  read(name: string): SkillGateRow | null {
    return this.reads.get(this.db, name, skillTablesVersion(this.db), () => this.readRow(name))
  }

  private readRow(name: string): SkillGateRow | null {
    const row = this.statement.get(name) as Row | undefined
    if (!row) return null
    return Object.freeze({
      name: row.name,
      origin: row.origin,
      state: row.state,
      trust: row.trust,
      valid: row.valid === 1,
      deprecatedReason: row.deprecated_reason,
      replacement: row.replacement,
      allowedClients: parseClients(row.allowed_clients_json),
      ratePerMinute: row.rate_limit_per_minute,
      fingerprint: row.fingerprint,
      approvedFingerprint: row.approved_fingerprint,
    })
  }
}

/** "deprecated; use <replacement>" as callers read it. */
export function deprecationMessage(row: Pick<SkillGateRow, 'name' | 'deprecatedReason' | 'replacement'>) {
  const why = row.deprecatedReason ? ` (${row.deprecatedReason})` : ''
  return row.replacement
    ? `${row.name} is deprecated${why}; use ${row.replacement} instead.`
    : `${row.name} is deprecated${why} and no replacement was named; ask the owner which skill to use.`
}

/** True when a client may see and call the skill: restricted skills only for the clients their approval names. */
export function clientAllowed(row: Pick<SkillGateRow, 'trust' | 'allowedClients'>, client: string): boolean {
  if (client === OWNER_CLIENT) return true
  // A restricted skill nobody was allowed to use is usable by nobody.
  return row.allowedClients !== null ? row.allowedClients.includes(client) : row.trust !== 'restricted'
}

/** The per-skill calls-per-minute budget of each client, or null for none. */
export function perSkillLimit(row: Pick<SkillGateRow, 'trust' | 'ratePerMinute'>): number | null {
  return row.ratePerMinute ?? (row.trust === 'restricted' ? DEFAULT_RESTRICTED_RATE_PER_MINUTE : null)
}

/** Why the skill must not run now (disabled, unapproved, changed since its approval), or null. */
export function notRunnable(row: SkillGateRow): AppError | null {
  const { name } = row
  if (!row.valid) {
    return new AppError(
      'SKILL_START_FAILED',
      `${name} has validation errors; run \`skilldock show ${name}\`.`,
    )
  }
  if (row.blockedBy)
    return new AppError('APPROVAL_REQUIRED', row.blockedBy, { skill: name, state: row.state })
  if (!RUNNABLE.has(row.state)) {
    return new AppError(
      'APPROVAL_REQUIRED',
      row.state === 'disabled'
        ? `${name} is disabled. Enable it with \`skilldock enable ${name}\`.`
        : `${name} is ${row.state} and cannot run until a person approves it (\`skilldock approvals\`).`,
      { skill: name, state: row.state },
    )
  }
  // The row's fingerprint is what the last index (of any process) read from disk.
  if (
    row.origin !== 'builtin' &&
    row.approvedFingerprint !== null &&
    row.fingerprint !== row.approvedFingerprint
  ) {
    return new AppError(
      'APPROVAL_REQUIRED',
      `${name}'s files changed since they were approved; it waits for a new approval (\`skilldock approvals\`).`,
      { skill: name, state: 'changed' },
    )
  }
  return null
}

/** What the skill's row says about a call: the error, the audit reason, and whether to stop its process. */
export function gateRefusal(
  row: SkillGateRow | null,
  request: { skill: string; client: string; origin: string },
): { error: AppError; reason: string; stop: boolean } | null {
  if (!row) {
    const message = `No skill named "${request.skill}". Run \`skilldock list\` to see the installed skills.`
    return { error: new AppError('NOT_FOUND', message), reason: 'not_found', stop: true }
  }
  const blocked = notRunnable(row)
  if (blocked) return { error: blocked, reason: 'state', stop: true }
  // Before the deprecation: a client off the allow-list learns nothing about the skill.
  if (!clientAllowed(row, request.client)) {
    const error = new AppError(
      'UNAUTHORIZED',
      `Client '${request.client}' may not call ${request.skill}: it is restricted to the clients its approval names. ` +
        'Ask the owner to approve it again with this client in --allowed-clients.',
      { client: request.client, skill: request.skill },
    )
    return { error, reason: 'restricted', stop: false }
  }
  // The owner may still call a deprecated skill (the CLI warns); every other caller is pointed on.
  if (row.deprecatedReason !== null && request.origin !== 'user') {
    const error = new AppError('CONFLICT', deprecationMessage(row), {
      skill: row.name,
      deprecated: true,
      replacement: row.replacement,
    })
    return { error, reason: 'deprecated', stop: true }
  }
  return null
}

/** Per-skill, per-client sliding one-minute windows of call times (this process's calls). */
export class PerSkillCounter {
  private readonly calls = new Map<string, number[]>()

  /** Counts a call, or returns the seconds until the next one is allowed when the budget is spent. */
  admit(skill: string, client: string, limit: number, nowMs: number): number | null {
    const key = `${skill}\0${client}`
    const recent = (this.calls.get(key) ?? []).filter((t) => nowMs - t < 60_000)
    if (recent.length >= limit) {
      this.calls.set(key, recent)
      return Math.max(1, Math.ceil((60_000 - (nowMs - (recent[0] ?? nowMs))) / 1000))
    }
    recent.push(nowMs)
    this.calls.set(key, recent)
    return null
  }
}
