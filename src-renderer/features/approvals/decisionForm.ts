import type { TrustLevel } from '../../../src-main/contract'
import type { DecisionInput } from '../../stores/approvals'
import { RESTRICTED_RULE } from './presentation'

/** The decision form's fields as typed. */
export interface DecisionFields {
  trust: TrustLevel
  allowedClients: string
  rateLimit: string
  notes: string
}

export interface DecisionProblems {
  allowedClients?: string
  rateLimit?: string
  notes?: string
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

/** The route input for an approval (assumes `approvalProblems` found nothing). */
export function approvalInput(fields: DecisionFields): DecisionInput {
  const input: DecisionInput = { approve: true, trust: fields.trust }
  const clients = parseClients(fields.allowedClients)
  if (clients.length > 0) input.allowedClients = clients
  if (fields.rateLimit.trim() !== '') input.rateLimitPerMinute = Number(fields.rateLimit.trim())
  if (fields.notes.trim() !== '') input.notes = fields.notes.trim()
  return input
}

export function rejectionInput(fields: DecisionFields): DecisionInput {
  return fields.notes.trim() !== '' ? { approve: false, notes: fields.notes.trim() } : { approve: false }
}
