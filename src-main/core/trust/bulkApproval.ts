import type { Approval, BulkApproval, RiskLevel, TrustLevel } from '../../contract/models'
import { AppError } from '../base/appError'
import type { ApprovalInbox } from './approvalInbox'

export interface BulkApproveInput {
  /** Requests chosen one by one (ids or unique prefixes)… */
  ids?: string[]
  /** …or every pending request of this source… */
  source?: string
  /** …up to this risk (default LOW). */
  maxRisk?: RiskLevel
  trust?: TrustLevel
  allowedClients?: string[]
  notes?: string
  dryRun?: boolean
}

type Item = BulkApproval['items'][number]

const RISKS: RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']

/**
 * One person's decision applied to many requests, each approved (and audited) on its own through the
 * inbox, so a bulk approval grants nothing a single one could not. What a bulk never does: approve
 * a CRITICAL request (it needs its own acknowledgement), an unscanned one, or grant `trusted` (that
 * needs the skill's name typed on its own page).
 */
export class BulkApprover {
  constructor(private readonly inbox: ApprovalInbox) {}

  async approve(input: BulkApproveInput, actor: string): Promise<BulkApproval> {
    if (input.trust === 'trusted') {
      throw new AppError(
        'INVALID_INPUT',
        'trusted is never granted in bulk: approve such a skill on its own (its name typed). Pick monitored, sandboxed or restricted.',
      )
    }
    if (input.trust === 'restricted' && (input.allowedClients?.length ?? 0) === 0) {
      throw new AppError(
        'INVALID_INPUT',
        'A restricted skill needs at least one allowed client (--allowed-clients).',
      )
    }
    if (input.maxRisk === 'CRITICAL') {
      throw new AppError(
        'INVALID_INPUT',
        'CRITICAL requests are never approved in bulk; the highest --max-risk is HIGH. Approve a CRITICAL one on its own.',
      )
    }
    const requests = this.chosen(input)
    const maxRisk = input.maxRisk ?? (input.ids ? 'HIGH' : 'LOW')
    const dryRun = input.dryRun === true
    const items: Item[] = []
    for (const request of requests) {
      const item = (outcome: Item['outcome'], trust: TrustLevel | null, reason: string | null): void => {
        items.push({
          id: request.id,
          skill: request.skill,
          source: request.source ?? null,
          risk: request.risk,
          outcome,
          trust,
          reason,
        })
      }
      const skip = skipReason(request, input.trust, maxRisk)
      if (skip) {
        item('skipped', null, skip)
        continue
      }
      // A request that names no trust level is approved sandboxed, as "Approve all LOW-risk" does.
      const trust = input.trust ?? request.requestedTrust ?? 'sandboxed'
      if (dryRun) {
        item('would-approve', trust, null)
        continue
      }
      try {
        const decided = await this.inbox.approve(
          request.id,
          {
            trust,
            allowedClients: input.allowedClients ?? null,
            notes: input.notes ?? null,
            acknowledgeCritical: false,
          },
          actor,
        )
        item('approved', decided.trust, null)
      } catch (err) {
        item('failed', null, AppError.from(err).message)
      }
    }
    return { dryRun, items }
  }

  private chosen(input: BulkApproveInput): Approval[] {
    if (input.ids && input.source !== undefined) {
      throw new AppError('INVALID_INPUT', 'Choose requests either by id or by source, not both.')
    }
    if (input.ids) return [...new Set(input.ids)].map((id) => this.inbox.get(id))
    if (input.source === undefined) {
      throw new AppError('INVALID_INPUT', 'Say which requests: a source (--source NAME) or their ids.')
    }
    return this.inbox.page({ status: 'pending', source: input.source })
  }
}

function skipReason(request: Approval, trust: TrustLevel | undefined, maxRisk: RiskLevel): string | null {
  if (request.status !== 'pending') return `already ${request.status}`
  if (request.risk === null) return 'not scanned: decide it on its own'
  if (request.risk === 'CRITICAL') return 'CRITICAL findings: decide it on its own'
  if (RISKS.indexOf(request.risk) > RISKS.indexOf(maxRisk)) return `risk ${request.risk} is above ${maxRisk}`
  if (trust === undefined && request.requestedTrust === 'trusted') {
    return 'asks for trusted: decide it on its own (its name typed)'
  }
  return null
}
