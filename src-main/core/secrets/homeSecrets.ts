import { randomBytes } from 'node:crypto'
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../base/appError'
import { webhookScope } from '../automation/webhooks'
import { LLM_KEY } from '../generator/providers'
import { SettingsStore } from '../settings'
import { repoSecretScope } from '../sources/repoTokens'
import type { Db } from '../storage/database'
import { KeychainSecretStore } from './keychainStore'
import { type SecretRef, type SecretStore, skillScope } from './secretStore'

/** `<home>/home-id`: the random id the home's keychain entries are filed under. */
export const HOME_ID_FILE = 'home-id'
const HOME_ID = /^[0-9a-f]{32}$/

export interface HomeKey {
  home: string
  id: string
  /** The home predates home ids: its unscoped keychain entries still have to be adopted. */
  adoptLegacy: boolean
}

/**
 * The data home's keychain id, created on first use. A stored random id (not the folder path) so that
 * a moved home keeps its secrets, and two homes never share them. Call it before the database is opened,
 * or pass `hadDatabase` taken before: a home without a database is new and has no entries of older
 * versions to adopt.
 */
export function ensureHomeId(home: string, database: string, hadDatabase = existsSync(database)): HomeKey {
  const file = join(home, HOME_ID_FILE)
  const existing = readHomeId(file)
  if (existing) return { home, ...existing }
  const id = randomBytes(16).toString('hex')
  const adoptLegacy = hadDatabase
  mkdirSync(home, { recursive: true, mode: 0o700 })
  // Written whole under a temporary name, then linked: a second process starting the same home at
  // the same moment either creates the file or reads the one that won, never a half-written one.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
  writeFileSync(temp, serialize(id, adoptLegacy), { mode: 0o600 })
  try {
    linkSync(temp, file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    return { home, ...readHomeId(file)! }
  } finally {
    unlinkSync(temp)
  }
  return { home, id, adoptLegacy }
}

/**
 * The OS keychain as one data home sees it: entries under `SkillDock/<home id>`, so a secret set in
 * one home is never listed, handed to a skill, shown as already stored, or deleted from another.
 *
 * Upgrading: versions before home ids filed every entry under plain `SkillDock`, shared by all homes.
 * The first time a home that existed before (it had a database but no id) uses the keychain, it MOVES
 * the unscoped entries its own database refers to, and only those: `skill:<name>` of its skills,
 * `client:<name>` of its clients, the `repo:` scope of its sources, `webhook:<id>` of its webhooks, and
 * `llm` when it has a model provider set. Every other unscoped entry is left alone (it may belong to
 * another home, which adopts it when it upgrades). Two old homes referring to the same name: the
 * first to start takes it. Until the move has worked once (the keychain may be locked), it is retried
 * on every use, and nothing is read or written meanwhile.
 */
export function homeSecretStore(key: HomeKey, db: Db, settingsFile: string): SecretStore {
  const scoped = new KeychainSecretStore({ homeId: key.id })
  if (!key.adoptLegacy) return scoped
  // Taken now, before this version adds anything: only what the home referred to when it upgraded.
  const referenced = referencedScopes(db, settingsFile)
  return new AdoptingSecretStore(scoped, async () => {
    await adoptLegacySecrets(new KeychainSecretStore(), scoped, referenced)
    writeHomeId(join(key.home, HOME_ID_FILE), key.id, false)
  })
}

/** Moves the unscoped entries in `referenced` scopes from `legacy` to `scoped`; an entry already in `scoped` wins. */
export async function adoptLegacySecrets(
  legacy: SecretStore,
  scoped: SecretStore,
  referenced: ReadonlySet<string>,
): Promise<SecretRef[]> {
  const moved: SecretRef[] = []
  for (const ref of await legacy.list()) {
    if (!referenced.has(ref.scope)) continue
    const value = await legacy.get(ref.scope, ref.name)
    if (value === null) continue
    if ((await scoped.get(ref.scope, ref.name)) === null) await scoped.set(ref.scope, ref.name, value)
    await legacy.delete(ref.scope, ref.name)
    moved.push(ref)
  }
  return moved
}

/** The keychain scopes a home's database (and settings) refer to. */
function referencedScopes(db: Db, settingsFile: string): Set<string> {
  const column = (sql: string) => db.prepare(sql).pluck().all() as string[]
  const scopes = new Set<string>()
  for (const name of column('SELECT name FROM skills')) scopes.add(skillScope(name))
  // The scope clients.ts files a client's token under.
  for (const name of column('SELECT name FROM client_tokens')) scopes.add(`client:${name}`)
  for (const name of column('SELECT name FROM repos')) scopes.add(repoSecretScope(name))
  for (const id of column('SELECT id FROM webhooks')) scopes.add(webhookScope(id))
  try {
    if (new SettingsStore(settingsFile).read().llm.provider !== 'none') scopes.add(LLM_KEY.scope)
  } catch {
    // Unreadable settings: no provider to keep a key for; the generator reports the settings itself.
  }
  return scopes
}

/** Runs the one-time adoption before the first keychain call; a failed adoption is retried next call. */
class AdoptingSecretStore implements SecretStore {
  private adopted: Promise<void> | null = null

  constructor(
    private readonly inner: SecretStore,
    private readonly adopt: () => Promise<void>,
  ) {}

  private ready(): Promise<void> {
    this.adopted ??= this.adopt().catch((err: unknown) => {
      this.adopted = null
      throw err
    })
    return this.adopted
  }

  async get(scope: string, name: string) {
    await this.ready()
    return this.inner.get(scope, name)
  }
  async set(scope: string, name: string, value: string) {
    await this.ready()
    return this.inner.set(scope, name, value)
  }
  async delete(scope: string, name: string) {
    await this.ready()
    return this.inner.delete(scope, name)
  }
  async list(scope?: string) {
    await this.ready()
    return this.inner.list(scope)
  }
  async check() {
    await this.ready()
    return this.inner.check()
  }
}

function serialize(id: string, adoptLegacy: boolean): string {
  return `${JSON.stringify({ id, adoptLegacy })}\n`
}

function writeHomeId(file: string, id: string, adoptLegacy: boolean): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
  writeFileSync(temp, serialize(id, adoptLegacy), { mode: 0o600 })
  renameSync(temp, file)
}

function readHomeId(file: string): { id: string; adoptLegacy: boolean } | null {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
  try {
    const parsed = JSON.parse(text) as { id?: unknown; adoptLegacy?: unknown }
    if (typeof parsed.id === 'string' && HOME_ID.test(parsed.id)) {
      return { id: parsed.id, adoptLegacy: parsed.adoptLegacy === true }
    }
  } catch {
    // Reported below.
  }
  // A new id would silently cut the home off from every secret it stored, so nothing is guessed.
  throw new AppError(
    'INVALID_INPUT',
    `${file} is damaged: it names the OS keychain entries of this data home. Restore it from a backup; or delete it to start this home with no stored secrets (set them again afterwards).`,
  )
}
