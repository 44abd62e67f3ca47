import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { Logger } from '../base/logger'
import { dataHome } from '../paths'
import { ensureHomeId, homeSecretStore } from '../secrets/homeSecrets'
import type { SecretStore } from '../secrets/secretStore'
import { AuditRepository } from '../storage/auditRepository'
import { type ClientMode, type ClientRecord, ClientRepository } from '../storage/clientRepository'
import { openDatabase } from '../storage/database'

export type { ClientMode } from '../storage/clientRepository'

/** Who is talking to the MCP endpoint: a named client and how it wants skills served. */
export interface ClientIdentity {
  name: string
  mode: ClientMode
}

export interface ClientInfo extends ClientIdentity {
  createdAt: string
  lastUsedAt: string | null
}

/** A client name is also a keychain scope id (`client:<name>`): lowercase letters, digits and `-`. */
export const CLIENT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/
/** The keychain entry holding a client's token, under the scope `client:<name>`. */
export const TOKEN_SECRET = 'TOKEN'
const TOKEN_PREFIX = 'sdk_'
/** last_used_at is written at most this often per client, not on every request. */
const TOUCH_INTERVAL_MS = 60_000
/** How long a token's client is reused without asking the database (any write ends it sooner). */
const TOKEN_CACHE_MS = 5_000
/** Tokens remembered at once (one per client in practice); beyond that all are forgotten. */
const TOKEN_CACHE_SIZE = 256

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')
const newToken = (): string => TOKEN_PREFIX + randomBytes(32).toString('base64url')
const clientScope = (name: string): string => `client:${name}`

export interface ClientRegistryDeps {
  repo: ClientRepository
  secrets: SecretStore
  clock: Clock
  logger: Logger
  audit?: AuditRepository
}

/**
 * The MCP endpoint's clients and their tokens. The database holds only each token's sha256;
 * the token itself is printed once and kept in the OS keychain (for `skilldock mcp` to reuse).
 */
export class ClientRegistry {
  private readonly touched = new Map<number, number>()
  /** Recently authenticated tokens, by sha256, with the database write version they were read at. */
  private readonly recent = new Map<string, { record: ClientRecord; version: string; at: number }>()

  constructor(private readonly deps: ClientRegistryDeps) {}

  list(): ClientInfo[] {
    return this.deps.repo.list().map(info)
  }

  /** Creates a client with a fresh token; the token is returned here and never again. */
  async add(name: string, mode: ClientMode = 'catalog'): Promise<ClientIdentity & { token: string }> {
    checkName(name)
    if (this.deps.repo.find(name)) {
      throw new AppError(
        'CONFLICT',
        `A client named "${name}" already exists. Pick another name, or run \`skilldock clients remove ${name}\` first.`,
      )
    }
    const token = newToken()
    // Keychain first: if it fails, no client exists whose token nobody could ever read again.
    await this.deps.secrets.set(clientScope(name), TOKEN_SECRET, token)
    try {
      this.deps.repo.insert(name, hashToken(token), mode, this.now())
    } catch (err) {
      await this.deps.secrets.delete(clientScope(name), TOKEN_SECRET).catch(() => false)
      throw err
    }
    this.audit('client.add', name, { mode })
    return { name, mode, token }
  }

  /** Deletes a client: its token stops working at once and its keychain entry is removed. */
  async remove(name: string): Promise<{ removed: string }> {
    if (!this.deps.repo.delete(name)) {
      throw new AppError(
        'NOT_FOUND',
        `No client named "${name}". Run \`skilldock clients list\` to see them.`,
      )
    }
    this.audit('client.remove', name)
    try {
      await this.deps.secrets.delete(clientScope(name), TOKEN_SECRET)
    } catch (err) {
      // The token is already useless (its hash is gone); a leftover keychain entry is harmless.
      this.deps.logger.log('warn', 'could not delete a client token from the keychain', {
        client: name,
        error: AppError.from(err).message,
      })
    }
    return { removed: name }
  }

  /**
   * The client a bearer token belongs to, or null. The hashes are compared in constant time.
   * Asked on every MCP request, so an answer is reused for TOKEN_CACHE_MS while no client was
   * added, removed or re-keyed here and no other process wrote to the database: a revoked token
   * never outlives its revocation.
   */
  authenticate(token: string): ClientIdentity | null {
    if (token.length === 0 || token.length > 200) return null
    const hash = hashToken(token)
    const version = this.deps.repo.writeVersion()
    const hit = this.recent.get(hash)
    if (hit && hit.version === version && performance.now() - hit.at < TOKEN_CACHE_MS) {
      this.touch(hit.record)
      return { name: hit.record.name, mode: hit.record.mode }
    }
    this.recent.delete(hash)
    const record = this.deps.repo.findByHash(hash)
    if (!record) return null
    const a = Buffer.from(record.tokenHash, 'hex')
    const b = Buffer.from(hash, 'hex')
    if (a.length !== b.length || !timingSafeEqual(a, b)) return null
    this.touch(record)
    if (this.recent.size >= TOKEN_CACHE_SIZE) this.recent.clear()
    this.recent.set(hash, { record, version, at: performance.now() })
    return { name: record.name, mode: record.mode }
  }

  /** The identity of a client by name (the in-process stdio server needs no token). */
  identity(name: string): ClientIdentity | null {
    const record = this.deps.repo.find(name)
    return record ? { name: record.name, mode: record.mode } : null
  }

  /**
   * A usable token of a client, creating the client when missing. When the keychain's copy is
   * missing or stale (another data home reused the name), a new token replaces it.
   */
  async ensureToken(
    name: string,
    mode: ClientMode = 'catalog',
  ): Promise<ClientIdentity & { token: string; created: boolean; rotated: boolean }> {
    const record = this.deps.repo.find(name)
    if (!record) return { ...(await this.add(name, mode)), created: true, rotated: false }
    const stored = await this.deps.secrets.get(clientScope(name), TOKEN_SECRET)
    if (stored !== null && hashToken(stored) === record.tokenHash) {
      return { name, mode: record.mode, token: stored, created: false, rotated: false }
    }
    const token = newToken()
    await this.deps.secrets.set(clientScope(name), TOKEN_SECRET, token)
    this.deps.repo.replaceToken(name, hashToken(token))
    this.audit('client.rotate', name)
    return { name, mode: record.mode, token, created: false, rotated: true }
  }

  private touch(record: ClientRecord): void {
    const now = this.deps.clock.now()
    const last = this.touched.get(record.id) ?? 0
    if (now.getTime() - last < TOUCH_INTERVAL_MS) return
    this.touched.set(record.id, now.getTime())
    this.deps.repo.touch(record.id, now.toISOString())
  }

  private now(): string {
    return isoNow(this.deps.clock)
  }

  private audit(action: string, client: string, detail?: Record<string, unknown>): void {
    this.deps.audit?.append({ actor: 'user', action, client, detail }, this.now())
  }
}

function info(record: ClientRecord): ClientInfo {
  return { name: record.name, mode: record.mode, createdAt: record.createdAt, lastUsedAt: record.lastUsedAt }
}

function checkName(name: string): void {
  if (!CLIENT_NAME.test(name)) {
    throw new AppError(
      'INVALID_INPUT',
      `"${name.slice(0, 80)}" is not a valid client name: use 1–63 lowercase letters, digits and "-", starting with a letter or digit (e.g. cursor, claude-code).`,
    )
  }
}

/**
 * A client's token for `skilldock mcp` when it bridges to a running SkillDock: opens only the
 * database and the keychain (a whole core would reap the running instance's skill processes).
 */
export async function prepareClientToken(
  home: string,
  name: string,
  options: { secrets?: SecretStore; clock?: Clock; logger?: Logger } = {},
): Promise<ClientIdentity & { token: string; created: boolean; rotated: boolean }> {
  const paths = dataHome(home)
  const homeKey = ensureHomeId(home, paths.database)
  const db = openDatabase({ file: paths.database })
  try {
    const registry = new ClientRegistry({
      repo: new ClientRepository(db),
      // This home's own keychain entries, as the running SkillDock of the same home files them.
      secrets: options.secrets ?? homeSecretStore(homeKey, db, paths.settings),
      clock: options.clock ?? { now: () => new Date() },
      logger: options.logger ?? { log() {} },
      audit: new AuditRepository(db),
    })
    return await registry.ensureToken(name)
  } finally {
    db.close()
  }
}
