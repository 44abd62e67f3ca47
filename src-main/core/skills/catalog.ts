import type { IndexStats, SearchHit, SkillDetail, SkillState, SkillSummary } from '../../contract/models'
import { trustInWords } from '../../contract/runMode'
import { join } from 'node:path'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { AuditRepository } from '../storage/auditRepository'
import type { SkillRepository, SkillSummaryRecord } from '../storage/skillRepository'
import type { CoreEvents } from '../events'
import { checkEligibility, type HostEnvironment } from './gating'
import type { SkillIndexer } from './indexer'
import { availableSkillsXml } from './prompt'
import { toFtsQuery } from './search'

/** States in which a skill is switched on (bundled skills are on as `builtin`). */
export const ENABLED_STATES: ReadonlySet<SkillState> = new Set(['active', 'builtin'])

export interface CatalogDeps {
  repo: SkillRepository
  audit: AuditRepository
  indexer: SkillIndexer
  clock: Clock
  events: CoreEvents
  /** A fresh host view per call, so a binary installed while the app runs is noticed. */
  host: () => HostEnvironment
}

/** The skills SkillDock knows: listing, search, detail and the on/off switch. */
export class SkillCatalog {
  constructor(private readonly deps: CatalogDeps) {}

  /** Re-reads the skill folders; `fresh`: a folder to list afresh whatever its stat says. */
  reindex(fresh?: string): IndexStats {
    const { stats, changed } = this.deps.indexer.index(fresh)
    this.changedByLastIndex = changed
    if (changed.length > 0) this.deps.events.emit('skills.changed', { names: changed })
    return stats
  }

  /** Names the last re-index added, updated or removed. */
  lastChanged(): string[] {
    return [...this.changedByLastIndex]
  }

  private changedByLastIndex: string[] = []

  /** One skill as the list shows it. */
  summary(name: string): SkillSummary {
    const record = this.deps.repo.findSummary(name)
    if (!record) throw notFound(name)
    return this.summarize(record, this.deps.host())
  }

  count(): number {
    return this.deps.repo.count()
  }

  list(filter: { query?: string; state?: SkillState } = {}): SkillSummary[] {
    const host = this.deps.host()
    const query = filter.query?.trim()
    // States as the list shows them (a deprecated skill is listed as `deprecated`).
    const matches = (s: SkillSummary) => !filter.state || s.state === filter.state
    if (!query) {
      // Deprecation is a column of its own: only a `deprecated` filter needs every row.
      const rows = this.deps.repo.listSummaries(filter.state === 'deprecated' ? undefined : filter.state)
      return rows.map((r) => this.summarize(r, host)).filter(matches)
    }
    // Only the hits are read and judged, not the whole catalog.
    return this.search(query, 200)
      .map((hit) => this.deps.repo.findSummary(hit.name))
      .filter((r): r is SkillSummaryRecord => r !== null)
      .map((r) => this.summarize(r, host))
      .filter(matches)
  }

  /** BM25 search over name, description, tags and instructions; an exact name match ranks first. */
  search(query: string, limit = 20): SearchHit[] {
    const fts = toFtsQuery(query)
    if (fts === null) return []
    const exact = query.trim().toLowerCase().replace(/\s+/g, '-')
    const hits = this.deps.repo.search(fts, limit).map((h) => ({
      name: h.name,
      description: h.description,
      score: Number((-h.rank).toPrecision(6)),
    }))
    const exactIndex = hits.findIndex((h) => h.name === exact)
    if (exactIndex > 0) hits.unshift(...hits.splice(exactIndex, 1))
    return hits
  }

  get(name: string): SkillDetail {
    const record = this.deps.repo.find(name)
    if (!record) throw notFound(name)
    const summary = this.summarize(record, this.deps.host())
    return {
      ...summary,
      path: record.path,
      fingerprint: record.fingerprint,
      files: record.files,
      tools: this.deps.repo.tools(record.id),
      declaredTools: record.declaredTools,
      frontmatter: record.frontmatter,
      instructions: record.instructions,
      errors: record.errors,
      warnings: record.warnings,
      approval: null,
      pinnedFingerprint: record.approvedFingerprint,
      license: record.license,
      homepage: record.homepage,
      indexedAt: record.indexedAt,
      runsAs: trustInWords(summary),
    }
  }

  /** Switches a skill on or off. Invalid skills cannot be switched on. */
  setEnabled(name: string, enabled: boolean, actor = 'user'): SkillSummary {
    const record = this.deps.repo.findSummary(name)
    if (!record) throw notFound(name)
    const next = enabled ? this.enabledState(record) : this.disabledState(record)
    if (next !== record.state) {
      const now = isoNow(this.deps.clock)
      this.deps.repo.setState(name, next, now)
      this.deps.audit.append(
        { actor, action: enabled ? 'skill.enable' : 'skill.disable', skillName: name, outcome: next },
        now,
      )
      this.deps.events.emit('skills.changed', { names: [name] })
    }
    return this.summarize({ ...record, state: next }, this.deps.host())
  }

  /** Switched-on, valid, eligible, non-deprecated skills: what agents may be offered. */
  usable(): SkillSummary[] {
    // Eligibility (PATH lookups) is worked out only for the skills that pass the cheap checks.
    const host = this.deps.host()
    return this.deps.repo
      .listSummaries()
      .filter((r) => ENABLED_STATES.has(r.state) && r.valid && r.deprecatedReason === null)
      .map((r) => this.summarize(r, host))
      .filter((s) => s.eligible)
  }

  /** The `<available_skills>` block for the usable skills. */
  promptXml(): string {
    const skills = this.usable().map((s) => {
      const record = this.deps.repo.find(s.name)
      const file = record?.files.find((f) => /^skill\.md$/i.test(f.path))?.path ?? 'SKILL.md'
      return { name: s.name, description: s.description, location: join(record?.path ?? '', file) }
    })
    return availableSkillsXml(skills)
  }

  private enabledState(record: SkillSummaryRecord): SkillState {
    if (!record.valid) {
      throw new AppError(
        'INVALID_SKILL',
        `${record.name} has validation errors and cannot be enabled. Run \`skilldock validate ${record.path}\` to see them.`,
      )
    }
    if (ENABLED_STATES.has(record.state)) return record.state
    if (record.state === 'installed' || record.state === 'disabled') {
      return record.origin === 'builtin' ? 'builtin' : 'active'
    }
    throw new AppError(
      'CONFLICT',
      `${record.name} is ${record.state} and cannot be enabled directly.` +
        (record.state === 'draft' ? ' Submit the draft for approval first.' : ''),
    )
  }

  private disabledState(record: SkillSummaryRecord): SkillState {
    if (ENABLED_STATES.has(record.state)) return 'disabled'
    if (record.state === 'disabled' || record.state === 'installed') return record.state
    throw new AppError(
      'CONFLICT',
      `${record.name} is ${record.state}, not enabled; there is nothing to disable.`,
    )
  }

  private summarize(record: SkillSummaryRecord, host: HostEnvironment): SkillSummary {
    const eligibility = checkEligibility(record.requires, host)
    return {
      name: record.name,
      version: record.version,
      description: record.description,
      // Deprecation is kept apart from the lifecycle state (undeprecate restores it), but people
      // and clients see a deprecated skill as deprecated, with its replacement, everywhere.
      state: record.deprecatedReason !== null ? 'deprecated' : record.state,
      origin: record.origin,
      trust: record.trust,
      source: record.source,
      eligible: eligibility.eligible,
      ineligibleReasons: eligibility.reasons,
      risk: record.risk,
      valid: record.valid,
      hasServer: record.hasServer,
      tags: record.tags,
      category: record.category,
      emoji: record.emoji,
      deprecation:
        record.deprecatedReason !== null
          ? { reason: record.deprecatedReason, replacement: record.replacement }
          : null,
    }
  }
}

export const notFound = (name: string): AppError =>
  new AppError('NOT_FOUND', `No skill named "${name}". Run \`skilldock list\` to see the installed skills.`)
