import { McpError } from '@modelcontextprotocol/sdk/types.js'
import type { SkillDetail, SkillSummary } from '../../contract/models'
import { AppError } from '../base/appError'
import type { Clock } from '../base/clock'
import type { Logger } from '../base/logger'
import type { SkillCatalog } from '../skills/catalog'
import type { SkillRepository } from '../storage/skillRepository'
import type { ClientIdentity } from './clients'
import { servingLimitProblem, type SkillFileStore, type SkillManifest } from './skillFiles'

/** A restricted skill without its own limit gets this many calls per minute and client. */
export const DEFAULT_RESTRICTED_RATE_PER_MINUTE = 30
/** JSON-RPC error code (implementation-defined server error range) for a rate-limited call. */
export const RATE_LIMITED = -32029

export interface SkillExposureDeps {
  catalog: SkillCatalog
  repo: SkillRepository
  files: SkillFileStore
  /** Re-reads the skill folders and applies the lifecycle rules to changed skills. */
  reindex: () => Promise<unknown>
  clock: Clock
  logger: Logger
}

/**
 * What one MCP client may see and use: usable skills (enabled, valid, eligible, not deprecated),
 * minus restricted skills whose allow-list does not name the client, minus skills over the
 * SEP-2640 limits. Every surface of the endpoint (tools, resources, prompts, skills/*) asks here.
 */
export class SkillExposure {
  private readonly calls = new Map<string, number[]>()

  constructor(private readonly deps: SkillExposureDeps) {}

  /** The skills this client sees, by name. */
  visible(client: ClientIdentity): SkillSummary[] {
    const usable = this.deps.catalog.usable()
    if (usable.length === 0) return usable
    const serving = this.deps.repo.servingInfo()
    return usable.filter((s) => {
      const info = serving.get(s.name)
      return info !== undefined && this.allows(client, s, info)
    })
  }

  /** One visible skill's summary, or null (invisible and unknown look the same to the client). */
  summary(client: ClientIdentity, name: string): SkillSummary | null {
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

  /**
   * Counts a call of a skill's tool by a client; throws an MCP error naming the limit when the
   * skill's per-minute budget for this client is spent.
   */
  admitCall(client: ClientIdentity, skill: SkillSummary): void {
    const exposure = this.deps.repo.exposure(skill.name)
    const limit =
      exposure?.rateLimitPerMinute ??
      (skill.trust === 'restricted' ? DEFAULT_RESTRICTED_RATE_PER_MINUTE : null)
    if (limit === null) return
    const now = this.deps.clock.now().getTime()
    const key = `${skill.name}\0${client.name}`
    const recent = (this.calls.get(key) ?? []).filter((t) => now - t < 60_000)
    if (recent.length >= limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((60_000 - (now - (recent[0] ?? now))) / 1000))
      this.calls.set(key, recent)
      throw new McpError(
        RATE_LIMITED,
        `Rate limit exceeded: ${skill.name} allows ${limit} call${limit === 1 ? '' : 's'} per minute for client "${client.name}". Try again in ${retryAfterSeconds} s.`,
        { skill: skill.name, limitPerMinute: limit, retryAfterSeconds },
      )
    }
    recent.push(now)
    this.calls.set(key, recent)
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
