import type { SkillDetail, SkillSummary } from '../../contract/models'
import { AppError } from '../base/appError'
import type { Clock } from '../base/clock'
import type { Logger } from '../base/logger'
import type { ClientPermissions } from '../policy'
import type { SkillCatalog } from '../skills/catalog'
import type { SkillRepository } from '../storage/skillRepository'
import type { ClientIdentity } from './clients'
import { ServingCache } from './servingCache'
import { servingLimitProblem, type SkillFileStore, type SkillManifest } from './skillFiles'

// A skill's per-client calls-per-minute limit is counted in the call pipeline, for every origin.
export { DEFAULT_RESTRICTED_RATE_PER_MINUTE } from '../policy/skillGate'
/** JSON-RPC error code (implementation-defined server error range) for a rate-limited call. */
export const RATE_LIMITED = -32029

export interface SkillExposureDeps {
  catalog: SkillCatalog
  repo: SkillRepository
  files: SkillFileStore
  /** Re-reads the skill folders and applies the lifecycle rules to changed skills. */
  reindex: () => Promise<unknown>
  /** True when a skill's files are still what was approved (stat, hash when moved); false: do not serve it. */
  verifyPin?: (skill: string) => boolean
  clock: Clock
  logger: Logger
  /** The client's role (policy module): limits what a client with a role sees and calls. */
  permissions?: ClientPermissions
}

/**
 * What one MCP client may see and use: usable skills (enabled, valid, eligible, not deprecated),
 * minus restricted skills whose allow-list does not name the client, minus skills over the
 * SEP-2640 limits. Every surface of the endpoint (tools, resources, prompts, skills/*) asks here.
 */
export class SkillExposure {
  private readonly reachableCache: ServingCache<SkillSummary[]>

  constructor(private readonly deps: SkillExposureDeps) {
    this.reachableCache = new ServingCache(() => deps.repo.writeVersion())
  }

  /** The skills this client sees, by name: what `reachable` gives, narrowed by the client's role. */
  visible(client: ClientIdentity): SkillSummary[] {
    const reachable = this.reachable(client)
    const allowed = this.deps.permissions?.skillFilter(client.name)
    return allowed ? reachable.filter((s) => allowed(s.name)) : reachable
  }

  /** `toolAllowed` for many tools at once: the role's test, or null for a client without a role. */
  toolFilter(client: ClientIdentity): ((skill: string, tool: string) => boolean) | null {
    return this.deps.permissions?.toolFilter(client.name) ?? null
  }

  /** True when the client's role (if any) lets it call `skill`'s `tool`. */
  toolAllowed(client: ClientIdentity, skill: string, tool: string): boolean {
    const allowed = this.deps.permissions?.toolFilter(client.name)
    return allowed ? allowed(skill, tool) : true
  }

  /**
   * The skills served to this client before its role is applied. Calls are resolved against
   * these, so that the call pipeline refuses (and audits) a call the role does not allow.
   */
  reachable(client: ClientIdentity): SkillSummary[] {
    // Asked on every request: worked out again only after a write, a `skills.changed` or HOST_TTL_MS.
    return this.reachableCache.get(`${client.name}\0${client.mode}`, () => this.computeReachable(client))
  }

  /** Forgets what `reachable` worked out (the catalog changed). */
  invalidate(): void {
    this.reachableCache.invalidate()
  }

  private computeReachable(client: ClientIdentity): SkillSummary[] {
    const usable = this.deps.catalog.usable()
    if (usable.length === 0) return usable
    const serving = this.deps.repo.servingInfo()
    const allowed = usable.filter((s) => {
      const info = serving.get(s.name)
      return info !== undefined && this.allows(client, s, info)
    })
    // Listings (names, descriptions, tools) are rebuilt at most every HOST_TTL_MS: each rebuild
    // checks every listed skill's pin; a skill served in full is checked again by `summary`.
    const verify = this.deps.verifyPin
    return verify ? allowed.filter((s) => verify(s.name)) : allowed
  }

  /**
   * One visible skill's summary, or null (invisible and unknown look the same to the client).
   * Its pin is checked first, so content edited since approval is never served.
   */
  summary(client: ClientIdentity, name: string): SkillSummary | null {
    if (this.deps.verifyPin && !this.deps.verifyPin(name)) return null
    return this.visible(client).find((s) => s.name === name) ?? null
  }

  /** One visible skill in full, or null. */
  detail(client: ClientIdentity, name: string): SkillDetail | null {
    return this.summary(client, name) ? this.deps.catalog.get(name) : null
  }

  /**
   * The manifest of a visible skill, read from disk. When the files differ from what the catalog
   * indexed (and a person approved), the catalog re-indexes first, so that a changed skill is
   * judged by the lifecycle rules and never served under its old approval.
   */
  async manifest(client: ClientIdentity, name: string): Promise<SkillManifest | null> {
    return this.summary(client, name) ? this.manifestOf(client, name) : null
  }

  /** `manifest` for a skill already known to be visible to the client. */
  async manifestOf(client: ClientIdentity, name: string): Promise<SkillManifest | null> {
    const first = this.readManifest(name)
    if (first !== 'stale') return first
    await this.deps.reindex()
    if (!this.summary(client, name)) return null
    const second = this.readManifest(name)
    return second === 'stale' ? null : second
  }

  private readManifest(name: string): SkillManifest | null | 'stale' {
    const record = this.deps.repo.find(name)
    if (!record) return null
    try {
      const manifest = this.deps.files.manifest(name, record.path)
      return manifest.fingerprint === record.fingerprint ? manifest : 'stale'
    } catch (err) {
      this.deps.logger.log('warn', 'a skill folder could not be read for MCP', {
        skill: name,
        error: AppError.from(err).message,
      })
      return null
    }
  }

  /** Why a usable skill is not served over MCP (the SEP-2640 limits), or null. */
  limitProblem(name: string): string | null {
    const record = this.deps.repo.find(name)
    return record ? servingLimitProblem(record.files) : null
  }

  private allows(
    client: ClientIdentity,
    skill: SkillSummary,
    info: { allowedClients: string[] | null; files: readonly { size: number }[] },
  ): boolean {
    const allowed = info.allowedClients
    // A restricted skill nobody was allowed to use is visible to nobody.
    if (allowed !== null ? !allowed.includes(client.name) : skill.trust === 'restricted') return false
    return servingLimitProblem(info.files) === null
  }
}
