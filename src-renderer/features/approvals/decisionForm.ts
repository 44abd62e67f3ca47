import type { Approval, TrustLevel } from '../../../src-main/contract'
import type { DecisionInput } from '../../stores/approvals'
import { RESTRICTED_RULE } from './presentation'

/** The decision form's fields as typed. */
export interface DecisionFields {
  trust: TrustLevel
  allowedClients: string
  rateLimit: string
  notes: string
  /** The skill's name as typed to confirm an approval as `trusted`. */
  confirmName: string
}

export interface DecisionProblems {
  allowedClients?: string
  rateLimit?: string
  notes?: string
  confirmName?: string
}

export const NOTES_LIMIT = 2000

/** "claude-desktop, cursor" → ['claude-desktop', 'cursor']. */
export function parseClients(text: string): string[] {
  return text
    .split(',')
    .map((client) => client.trim())
    .filter((client) => client !== '')
}

/** What is wrong with the fields for an approval; empty when it can be sent. */
export function approvalProblems(fields: DecisionFields): DecisionProblems {
  const problems: DecisionProblems = {}
  if (fields.trust === 'restricted' && parseClients(fields.allowedClients).length === 0) {
    problems.allowedClients = RESTRICTED_RULE
  }
  const rate = fields.rateLimit.trim()
  if (rate !== '' && !(/^\d+$/.test(rate) && Number(rate) >= 1 && Number(rate) <= 100_000)) {
    problems.rateLimit = 'A whole number of calls per minute, from 1 to 100000.'
  }
  if (fields.notes.length > NOTES_LIMIT) problems.notes = `Notes are limited to ${NOTES_LIMIT} characters.`
  return problems
}

/** What stops an approval beyond the fields' format: the typed name for `trusted`. */
export function trustedConfirmProblem(fields: DecisionFields, skill: string): string | undefined {
  if (fields.trust !== 'trusted' || fields.confirmName.trim() === skill) return undefined
  return `Type ${skill} to approve it as trusted: it will run with your permissions, outside the sandbox.`
}

/** A rejection needs a reason the requester can act on. */
export function rejectionProblem(fields: DecisionFields): string | undefined {
  if (fields.notes.length > NOTES_LIMIT) return `Notes are limited to ${NOTES_LIMIT} characters.`
  if (fields.notes.trim() === '') return 'Say why you reject it (required): the requester sees this reason.'
  return undefined
}

/** Kinds that change a skill that already has a trust level a person chose. */
const CHANGES: ReadonlySet<Approval['kind']> = new Set(['update', 'external-edit', 'tools-changed'])
/** Trust levels that run outside the OS sandbox. */
const UNSANDBOXED: ReadonlySet<TrustLevel> = new Set(['trusted', 'monitored'])

/**
 * The trust the form starts at. An update keeps the skill's current level; otherwise the requested
 * level, else governance's default. Risky skills never start outside the sandbox: HIGH and CRITICAL
 * start sandboxed whatever was asked, MEDIUM too unless a person chose the level earlier.
 */
export function defaultTrust(
  approval: Pick<Approval, 'kind' | 'risk' | 'requestedTrust'>,
  currentTrust: TrustLevel | null,
  governanceDefault: TrustLevel | null,
): TrustLevel {
  const fromPerson = CHANGES.has(approval.kind) && currentTrust !== null
  const base = (fromPerson ? currentTrust : approval.requestedTrust) ?? governanceDefault ?? 'sandboxed'
  if (!UNSANDBOXED.has(base)) return base
  if (approval.risk === 'HIGH' || approval.risk === 'CRITICAL') return 'sandboxed'
  if (approval.risk === 'MEDIUM' && !fromPerson) return 'sandboxed'
  return base
}

/** The route input for an approval (assumes `approvalProblems` found nothing). */
export function approvalInput(fields: DecisionFields, acknowledgeCritical = false): DecisionInput {
  const input: DecisionInput = { approve: true, trust: fields.trust }
  if (acknowledgeCritical) input.acknowledgeCritical = true
  const clients = parseClients(fields.allowedClients)
  if (clients.length > 0) input.allowedClients = clients
  if (fields.rateLimit.trim() !== '') input.rateLimitPerMinute = Number(fields.rateLimit.trim())
  if (fields.notes.trim() !== '') input.notes = fields.notes.trim()
  return input
}

/** The route input for a rejection (assumes `rejectionProblem` found nothing). */
export function rejectionInput(fields: DecisionFields): DecisionInput {
  return { approve: false, notes: fields.notes.trim() }
}
