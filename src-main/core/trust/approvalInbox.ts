import { basename } from 'node:path'
import type {
  Approval,
  ApprovalKind,
  Governance,
  RiskLevel,
  ScanReport,
  SkillState,
  ToolInfo,
  TrustLevel,
} from '../../contract/models'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { ApprovalFilter, ApprovalRepository } from '../storage/approvalRepository'
import type { AuditRepository } from '../storage/auditRepository'
import type { GovernanceRepository } from '../storage/governanceRepository'
import type { ScanCache } from '../storage/scanCache'
import type { SkillRepository } from '../storage/skillRepository'
import type { CoreEvents } from '../events'
import { fingerprintFolder } from '../skills/fingerprint'
import { loadSkill, warningMessages } from '../skills/manifest'
import type { LibraryGit } from '../skills/libraryGit'
import { requireCriticalAcknowledgement, requireRejectionReason, REVIEW_FAILED_OPEN } from './decisionChecks'
import { decide, type PolicyDecision } from './policy'
import type { StagedUpdates } from './stagedUpdates'
import { toolsHash } from './toolsHash'
import { pinSkill, recordAssessment } from './approvalRecord'
import { checkContent, checkServedTools } from './pinChecks'

/** Scans a skill folder (the trust scanner); injected so the inbox does not depend on how. */
export type SkillScanner = (dir: string) => Promise<ScanReport>

/** What the scan and governance concluded about one skill folder, before anything is written. */
export interface Assessment {
  report: ScanReport
  decision: PolicyDecision
  kind: ApprovalKind
  /** Credential names already in the keychain under the skill's name (null: unreadable). */
  storedCredentials: string[] | null
  /** What loading the SKILL.md warned about (shown with the request). */
  warnings: string[]
}

export interface InboxDeps {
  skills: SkillRepository
  approvals: ApprovalRepository
  governance: GovernanceRepository
  scans: ScanCache
  audit: AuditRepository
  git: LibraryGit
  events: CoreEvents
  clock: Clock
  scanner: SkillScanner
  /** Moves an approved draft from drafts/ into the library and re-indexes it there. */
  installDraft?: (skill: string, from: string) => void
  /** Which kind of scan the scanner makes now (`static`, or with an LLM review): cached separately. */
  scanVariant?: () => string
  /** Starts the skill's server to learn its tools (for the pin); null when it cannot start. */
  servedTools: (skill: string) => Promise<ToolInfo[] | null>
  stopServer: (skill: string) => Promise<void>
  /** Credential names the keychain holds under a skill's name (rejects when it cannot be read). */
  storedCredentials?: (skill: string) => Promise<string[]>
  /** Proposed updates kept apart until approved; `reindex` reads the library again after a swap. */
  staged?: { updates: StagedUpdates; reindex: () => void }
}

export interface ApproveOptions {
  trust?: TrustLevel
  allowedClients?: string[] | null
  rateLimitPerMinute?: number | null
  notes?: string | null
  /** Required (true) to approve a CRITICAL request. */
  acknowledgeCritical?: boolean
}

const riskOrder: RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']

/**
 * Scans, judges under governance and pins every new or changed skill, and keeps the inbox of
 * requests only a person (UI or CLI) can decide.
 */
export class ApprovalInbox {
  constructor(private readonly deps: InboxDeps) {}

  governance(): Governance {
    return this.deps.governance.get()
  }

  setGovernance(change: Partial<Omit<Governance, 'updatedAt'>>, actor: string): Governance {
    const now = isoNow(this.deps.clock)
    const next = this.deps.governance.update(change, now)
    this.deps.audit.append({ actor, action: 'governance.set', detail: { ...change } }, now)
    return next
  }

  /** The scan of a folder, from the cache when its content was scanned before. */
  async scan(dir: string): Promise<ScanReport> {
    let fingerprint: string | null = null
    try {
      fingerprint = fingerprintFolder(dir)
    } catch {
      // The scanner reports an unreadable folder itself.
    }
    const variant = this.deps.scanVariant?.() ?? 'static'
    const cached = fingerprint ? this.deps.scans.get(fingerprint, variant) : null
    if (cached) return cached
    const report = await this.deps.scanner(dir)
    // A review that failed open is tried again at the next scan rather than remembered.
    if (!report.findings.some((f) => f.rule === REVIEW_FAILED_OPEN)) this.deps.scans.put(report, variant)
    return report
  }

  /**
   * Scans a folder and applies governance; writes nothing. `skill` (default: the folder's name) is
   * whose stored credentials the request will list.
   */
  async assess(dir: string, kind: ApprovalKind, skill = basename(dir)): Promise<Assessment> {
    const report = await this.scan(dir)
    const mode = this.deps.governance.get().mode
    // A scan that could not complete is treated as needing a person, never as safe.
    const risk = report.status === 'needs-review' ? maxRisk(report.risk, 'MEDIUM') : report.risk
    const stored = this.deps.storedCredentials
    const storedCredentials = stored ? await stored(skill).catch(() => null) : []
    const warnings = warningMessages(loadSkill(dir))
    return { report, decision: decide(mode, risk, kind), kind, storedCredentials, warnings }
  }

  /**
   * Records an assessment for a skill already in the catalog (same transaction as the caller's
   * file changes when the caller wraps it): the approval request, the state, the risk, and for an
   * automatic approval the pin. Returns the resulting state and the request.
   */
  record(
    skill: string,
    assessment: Assessment,
    requester: string,
    reason: string | null,
  ): { state: SkillState; approval: Approval } {
    return recordAssessment(this.deps, { skill, assessment, requester, reason })
  }

  /** Scans the skill as it is on disk now and records the outcome. */
  async request(skill: string, kind: ApprovalKind, requester: string, reason: string | null) {
    const record = this.deps.skills.findSummary(skill)
    if (!record) throw new AppError('NOT_FOUND', `No skill named "${skill}".`)
    const assessment = await this.assess(record.path, kind, skill)
    return this.record(skill, assessment, requester, reason)
  }

  list(status?: Approval['status']): Approval[] {
    return this.deps.approvals.list(status)
  }

  /** One page of requests, filtered (see ApprovalRepository.page). */
  page(filter: ApprovalFilter): Approval[] {
    if (filter.source !== undefined && !this.deps.approvals.hasSource(filter.source)) {
      throw new AppError(
        'NOT_FOUND',
        `No source named ${filter.source}. Run \`skilldock source list\` to see them.`,
      )
    }
    return this.deps.approvals.page(filter)
  }

  /** Request counts by source and risk. */
  groups(status: Approval['status']) {
    return this.deps.approvals.groups(status)
  }

  /** A request by id, or by a unique prefix of it (ids are long to type). */
  get(id: string): Approval {
    const exact = this.deps.approvals.get(id)
    const matches = exact
      ? [exact]
      : id.length >= 4
        ? this.deps.approvals.list().filter((a) => a.id.startsWith(id))
        : []
    if (matches.length > 1) {
      throw new AppError('INVALID_INPUT', `"${id}" matches ${matches.length} requests; give more of the id.`)
    }
    const approval = matches[0]
    if (!approval)
      throw new AppError(
        'NOT_FOUND',
        `No approval request "${id}". Run \`skilldock approvals\` to list them.`,
      )
    return approval
  }

  latestFor(skill: string): Approval | null {
    return this.deps.approvals.latestFor(skill)
  }

  /** A person approves: the skill becomes active at the chosen trust, pinned to what was reviewed. */
  async approve(id: string, options: ApproveOptions, actor: string): Promise<Approval> {
    const approval = this.pending(id)
    id = approval.id
    const record = this.deps.skills.findSummary(approval.skill)
    if (!record) throw new AppError('NOT_FOUND', `The skill ${approval.skill} no longer exists.`)
    // A staged proposal is judged by its own folder; the library copy keeps serving until the swap.
    const staged = this.deps.staged?.updates.holds(approval) ? this.deps.staged : null
    if (staged && !staged.updates.matches(approval)) {
      throw new AppError(
        'CONFLICT',
        `The proposed files of ${approval.skill} changed (or went) after this request was made; reject it and propose again.`,
      )
    }
    const fingerprint = staged ? approval.fingerprint! : fingerprintFolder(record.path)
    if (fingerprint !== approval.fingerprint) {
      await this.request(
        approval.skill,
        approval.kind,
        'system',
        'the files changed after the request was made',
      )
      throw new AppError(
        'CONFLICT',
        `${approval.skill} changed on disk after this request was made; a new request with the new content replaced it.`,
      )
    }
    requireCriticalAcknowledgement(approval, options.acknowledgeCritical)
    const trust = options.trust ?? approval.requestedTrust ?? this.deps.governance.get().defaultTrust
    const allowedClients = options.allowedClients ?? null
    if (trust === 'restricted' && (allowedClients === null || allowedClients.length === 0)) {
      throw new AppError(
        'INVALID_INPUT',
        'A restricted skill needs at least one allowed client (--allowed-clients).',
      )
    }
    // Files first (both steps can run again safely), then every database change in one transaction:
    // a crash leaves the request either pending or fully decided, never half.
    if (staged) staged.updates.swapIn(approval)
    const origin =
      record.origin === 'draft' && this.deps.installDraft
        ? (this.deps.installDraft(approval.skill, record.path), 'library')
        : record.origin
    const commit =
      origin === 'library'
        ? this.deps.git.commitSkill(approval.skill, `Approve ${approval.skill} (${fingerprint.slice(7, 19)})`)
        : null
    const now = isoNow(this.deps.clock)
    const keepOff = staged !== null && record.state === 'disabled'
    const decided = this.deps.skills.transaction(() => {
      const result = this.deps.approvals.decide(
        id,
        {
          status: 'approved',
          trust,
          allowedClients,
          rateLimitPerMinute: options.rateLimitPerMinute ?? null,
          notes: options.notes ?? null,
          decidedBy: actor,
        },
        now,
      )
      pinSkill(
        this.deps,
        approval.skill,
        fingerprint,
        null,
        trust,
        allowedClients,
        options.rateLimitPerMinute ?? null,
        now,
        commit,
      )
      // Read the swapped-in files under the new pin, in this transaction: no process sees them unpinned.
      staged?.reindex()
      // A proposal changes the files, not whether the skill is on: switched off while the request
      // waited, it stays off until a person enables it.
      if (keepOff) this.deps.skills.setState(approval.skill, 'disabled', now)
      this.deps.audit.append(
        { actor, action: 'approval.approve', skillName: approval.skill, outcome: trust },
        now,
      )
      return result
    })
    this.deps.events.emit('skills.changed', { names: [approval.skill] })
    // Pin the served tools now when the server can start; otherwise at its first start (a skill
    // kept off is not started for it).
    await this.deps.stopServer(approval.skill)
    if (keepOff) return decided
    const tools = await this.deps.servedTools(approval.skill).catch(() => null)
    if (tools) this.deps.skills.setToolsHash(approval.skill, toolsHash(tools))
    // That start was only to learn the tools; the server starts again on its first real call.
    await this.deps.stopServer(approval.skill)
    return decided
  }

  reject(id: string, notes: string | null, actor: string): Approval {
    const approval = this.pending(id)
    id = approval.id
    notes = requireRejectionReason(notes)
    const now = isoNow(this.deps.clock)
    const decided = this.deps.approvals.decide(
      id,
      {
        status: 'rejected',
        trust: null,
        allowedClients: null,
        rateLimitPerMinute: null,
        notes,
        decidedBy: actor,
      },
      now,
    )
    const pins = this.deps.skills.pins(approval.skill)
    if (this.deps.staged?.updates.holds(approval)) {
      // A rejected proposal never reached the library: its files go, the approved version serves on.
      this.deps.staged.updates.discard(approval.skill)
    } else {
      // A rejected change of an approved skill leaves it changed (not runnable); a rejected new skill is rejected.
      this.deps.skills.setState(approval.skill, pins?.approvedFingerprint ? 'changed' : 'rejected', now)
    }
    this.deps.audit.append({ actor, action: 'approval.reject', skillName: approval.skill }, now)
    this.deps.events.emit('skills.changed', { names: [approval.skill] })
    return decided
  }

  /**
   * A removed skill's open requests are closed (superseded, noted "skill removed"), so the inbox, its
   * badge and the first-run checklist stop counting what can no longer be approved.
   */
  closeForRemoved(skill: string, actor: string): string[] {
    const now = isoNow(this.deps.clock)
    const ids = this.deps.approvals.supersedeFor(skill, 'skill removed', actor, now)
    this.deps.staged?.updates.discard(skill)
    for (const id of ids) {
      this.deps.audit.append(
        { actor, action: 'approval.withdraw', skillName: skill, outcome: 'superseded', detail: { id } },
        now,
      )
    }
    if (ids.length > 0) this.deps.events.emit('skills.changed', { names: [skill] })
    return ids
  }

  /**
   * After a re-index: approved skills whose files differ from the pin go back to the inbox
   * (see pinChecks.ts).
   */
  checkContent(names: string[]): Promise<void> {
    return checkContent(this.deps, this, names)
  }

  /** At every handshake: the served tools must hash to the pin (see pinChecks.ts). */
  checkServedTools(name: string, tools: ToolInfo[]): boolean {
    return checkServedTools(this.deps, this, name, tools)
  }

  private pending(id: string): Approval {
    const approval = this.get(id)
    if (approval.status !== 'pending') {
      throw new AppError('CONFLICT', `Request ${id} is already ${approval.status}.`)
    }
    return approval
  }
}

function maxRisk(a: RiskLevel, b: RiskLevel): RiskLevel {
  return riskOrder.indexOf(a) >= riskOrder.indexOf(b) ? a : b
}
