import { randomBytes, randomUUID } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Approval, SkillFileText } from '../../contract/index'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { CoreEvents } from '../events'
import type { ApprovalRepository } from '../storage/approvalRepository'
import type { AuditRepository } from '../storage/auditRepository'
import type { SkillRepository } from '../storage/skillRepository'
import { ENABLED_STATES } from '../skills/catalog'
import { fingerprintFolder, scanSkillFolder } from '../skills/fingerprint'
import { diffSkill } from '../skills/skillDiff'
import { resolveInside } from '../skills/skillFileAccess'
import type { ApprovalInbox } from './approvalInbox'
import { governanceRefusal, reviewFailureOf } from './decisionChecks'

export interface StagedUpdatesDeps {
  /** `<home>/staged`: beside the library (same disk, so a swap is a rename), outside every indexed root. */
  root: string
  skills: Pick<SkillRepository, 'findSummary' | 'pins' | 'setRisk'>
  approvals: Pick<ApprovalRepository, 'create' | 'decide'>
  audit: AuditRepository
  events: CoreEvents
  clock: Clock
  /** The inbox that scans and, once a person (or governance) approves, pins. Read late (built after). */
  inbox: () => Pick<ApprovalInbox, 'assess' | 'approve' | 'governance'>
}

/**
 * Proposed new versions of approved library skills, kept apart until approved (issue #18: an
 * optimize proposal changes nothing until then). The approved files stay in the library and keep
 * serving; the proposal waits in `<root>/<skill>/`, which no catalog root, runtime or MCP client
 * reads. Approving swaps the staged folder in and pins it; rejecting deletes it.
 */
export class StagedUpdates {
  constructor(private readonly deps: StagedUpdatesDeps) {}

  dir(skill: string): string {
    return join(this.deps.root, skill)
  }

  /** Whether a request is for a staged proposal (its files are in the staging area, not the library). */
  holds(approval: Approval): boolean {
    return approval.details?.staged === true
  }

  /**
   * Stages the skill's approved files with `files` written over them and files an `update` request
   * for that folder. The skill keeps its state and keeps serving. Governance may approve at once
   * (then it is swapped in now) or refuse (then the staged copy is deleted).
   */
  async propose(
    skill: string,
    files: readonly SkillFileText[],
    actor: string,
    reason: string,
  ): Promise<Approval> {
    const record = this.deps.skills.findSummary(skill)
    if (!record) throw new AppError('NOT_FOUND', `No skill named "${skill}".`)
    const pins = this.deps.skills.pins(skill)
    if (record.origin !== 'library') {
      throw new AppError(
        'CONFLICT',
        `${skill} is ${record.origin === 'builtin' ? 'bundled with SkillDock' : 'a draft'}; only an approved library skill takes a proposed update.`,
      )
    }
    if (
      !pins?.approvedFingerprint ||
      record.fingerprint !== pins.approvedFingerprint ||
      !(ENABLED_STATES.has(record.state) || record.state === 'disabled')
    ) {
      throw new AppError(
        'CONFLICT',
        `${skill} is ${record.state}: its files are not the approved version. Decide its open request first (\`skilldock approvals\`), then propose again.`,
      )
    }
    // A private copy: the approved files plus the proposed ones, never visible half-written.
    mkdirSync(this.deps.root, { recursive: true })
    const work = join(this.deps.root, `.incoming-${randomBytes(6).toString('hex')}`)
    const incoming = join(work, skill)
    const approved = join(work, '.approved', skill)
    try {
      // The library folder may have been edited since the last index (and put back since): the
      // proposal starts from a copy checked against the pin, and its diff is against that copy.
      cpSync(record.path, approved, { recursive: true, filter: (source) => basename(source) !== '.git' })
      // Files the declared server runs from outside the folder: as the library folder finds them.
      const scan = { ...scanSkillFolder(approved), external: scanSkillFolder(record.path).external }
      if (fingerprintFolder(approved, scan) !== pins.approvedFingerprint) {
        throw new AppError(
          'CONFLICT',
          `${skill}'s files changed since they were approved; decide the request that follows (\`skilldock approvals\`), then propose again.`,
        )
      }
      cpSync(approved, incoming, {
        recursive: true,
        filter: (source) => basename(source) !== '__pycache__',
      })
      for (const file of files) {
        const target = resolveInside(incoming, file.path)
        mkdirSync(dirname(target), { recursive: true })
        writeFileSync(target, file.content)
      }
      const inbox = this.deps.inbox()
      const assessment = await inbox.assess(incoming, 'update', skill)
      const { report, decision } = assessment
      const diff = diffSkill(skill, { kind: 'folder', dir: approved }, incoming)
      // One staged proposal per skill: a newer one replaces the folder (its request supersedes the older).
      const staged = this.dir(skill)
      this.discard(skill)
      renameSync(incoming, staged)
      const now = isoNow(this.deps.clock)
      const approval = this.deps.approvals.create(
        {
          id: randomUUID(),
          skill,
          kind: 'update',
          requester: actor,
          reason,
          fingerprint: report.fingerprint,
          risk: report.risk,
          findings: report.findings,
          requestedTrust: decision.trust,
          diff,
          skillPath: staged,
          details: {
            storedCredentials: assessment.storedCredentials,
            reviewFailure: reviewFailureOf(report),
            warnings: assessment.warnings,
            staged: true,
          },
        },
        now,
      )
      this.deps.audit.append(
        {
          actor,
          action: 'approval.update',
          skillName: skill,
          outcome: 'staged',
          detail: { id: approval.id },
        },
        now,
      )
      if (decision.outcome === 'approve' && report.fingerprint) {
        const mode = inbox.governance().mode
        return await inbox.approve(
          approval.id,
          { trust: decision.trust, notes: decision.reason },
          `governance:${mode}`,
        )
      }
      if (decision.outcome === 'refuse') {
        this.discard(skill)
        return this.deps.approvals.decide(approval.id, governanceRefusal(decision.reason), now)
      }
      this.deps.events.emit('approvals.pending', {
        id: approval.id,
        skill,
        risk: report.risk,
        kind: 'update',
      })
      return approval
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  }

  /**
   * Puts the staged folder where the skill lives (the approved request's files), keeping the old
   * one aside until the new one is in place. The caller pins the new fingerprint and re-indexes.
   */
  swapIn(approval: Approval): void {
    const record = this.deps.skills.findSummary(approval.skill)
    if (!record) throw new AppError('NOT_FOUND', `The skill ${approval.skill} no longer exists.`)
    const staged = this.dir(approval.skill)
    if (!existsSync(staged)) {
      throw new AppError(
        'CONFLICT',
        `The proposed files of ${approval.skill} are gone from ${staged}; reject this request and propose again.`,
      )
    }
    const previous = join(this.deps.root, `.previous-${randomBytes(6).toString('hex')}`)
    renameSync(record.path, previous)
    try {
      renameSync(staged, record.path)
    } catch (err) {
      renameSync(previous, record.path)
      throw err
    }
    rmSync(previous, { recursive: true, force: true })
    if (approval.risk) this.deps.skills.setRisk(approval.skill, approval.risk, isoNow(this.deps.clock))
  }

  /** Whether the staged files are still the ones the request was made for. */
  matches(approval: Approval): boolean {
    try {
      return fingerprintFolder(this.dir(approval.skill)) === approval.fingerprint
    } catch {
      return false
    }
  }

  /** Deletes a skill's staged proposal (rejected, replaced, or the skill removed). */
  discard(skill: string): void {
    rmSync(this.dir(skill), { recursive: true, force: true })
  }
}
