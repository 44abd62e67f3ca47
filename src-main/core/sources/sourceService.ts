import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { AddedSkill } from '../../contract/models'
import type { RepoInfo, RepoType, SourceSkill, SyncItem, SyncReport } from '../../contract/sources'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { Logger } from '../base/logger'
import type { SecretStore } from '../secrets/secretStore'
import type { CoreEvents } from '../events'
import { fingerprintFolder } from '../skills/fingerprint'
import type { SkillLibrary } from '../skills/library'
import type { RepoRepository } from '../storage/repoRepository'
import type { SkillRepository } from '../storage/skillRepository'
import { fetchGit } from './gitFetcher'
import { looksLikeGit, parseGitTarget } from './gitUrl'
import { fetchHttp } from './httpFetcher'
import type { LockEntry, Lockfile } from './lockfile'
import { fetchMcp, parseMcpTarget, type RefusedSkill } from './mcpFetcher'
import { type OfferedSkill, offeredSkills } from './sourceSkills'

export interface SourceDeps {
  repos: RepoRepository
  skills: SkillRepository
  library: SkillLibrary
  lockfile: Lockfile
  sourcesDir: string
  events: CoreEvents
  clock: Clock
  logger: Logger
  env: NodeJS.ProcessEnv
  /** Ports of SkillDock's own server: never fetched from. */
  ownPorts: number[]
  /** Bearer tokens of `mcp` HTTP sources: scope `repo:<name>`, name `token`. */
  secrets?: SecretStore
}

/** What the last fetch of a source found, kept next to its cache. */
interface FetchMeta {
  commit: string | null
  archiveSha256: string | null
  /** Skills an `mcp` source offered but that failed verification (nothing of them written). */
  refused?: RefusedSkill[]
}

/** A source as the fetchers see it: a configured repo, or a one-off `add <source>`. */
type SourceSpec = Pick<RepoInfo, 'name' | 'type' | 'url' | 'ref' | 'allowLocal'>

/** Which kind of source a URL or path is, when the user did not say. */
export function inferType(url: string): RepoType {
  if (/^https?:\/\//i.test(url) && !looksLikeGit(url)) return 'http'
  // Remote-helper and option-like text is git's to misread: judge it as git, so it is refused as unsafe.
  if (looksLikeGit(url) || /^[a-z][a-z0-9+.-]*::/i.test(url) || url.startsWith('-')) return 'git'
  return 'local'
}

/**
 * Skill sources: configured repos, their fetched caches under `sources/<id>/`, sync against the
 * library and the lockfile, and updates sent through governance again.
 */
export class SourceService {
  private readonly running = new Map<string, AbortController>()

  constructor(private readonly deps: SourceDeps) {}

  add(input: {
    name: string
    url: string
    type?: RepoType
    ref?: string
    autoSyncMinutes?: number
    allowLocal?: boolean
  }): RepoInfo {
    const type = input.type ?? inferType(input.url)
    let url = input.url
    if (type === 'mcp') parseMcpTarget(url)
    if (type === 'git') parseGitTarget(url, input.ref ?? null)
    if (type === 'local') {
      url = resolve(url)
      if (!existsSync(url) || !statSync(url).isDirectory()) {
        throw new AppError('NOT_FOUND', `${url} is not a folder. Give the folder that holds your skills.`)
      }
    }
    if (type === 'http' && !/^https?:\/\//i.test(url)) {
      throw new AppError('UNSAFE_SOURCE', `Refused ${url}: an http source needs an http:// or https:// URL.`)
    }
    if (this.deps.repos.byName(input.name)) {
      throw new AppError(
        'CONFLICT',
        `A source named ${input.name} exists already; pick another name or remove it first.`,
      )
    }
    return this.deps.repos.create(
      {
        name: input.name,
        type,
        url,
        ref: input.ref ?? null,
        autoSyncMinutes: input.autoSyncMinutes ?? null,
        allowLocal: input.allowLocal === true,
      },
      isoNow(this.deps.clock),
    )
  }

  list(): RepoInfo[] {
    return this.deps.repos.list()
  }

  get(name: string): RepoInfo {
    const repo = this.deps.repos.byName(name)
    if (!repo) throw new AppError('NOT_FOUND', `No source named "${name}". See \`skilldock repo list\`.`)
    return repo
  }

  /** Forgets the source and its cache; skills installed from it stay, marked orphaned. */
  remove(name: string): { removed: string } {
    const repo = this.get(name)
    this.running.get(name)?.abort()
    this.deps.repos.delete(repo.id)
    rmSync(this.cacheDir(repo), { recursive: true, force: true })
    rmSync(`${this.cacheDir(repo)}.meta.json`, { force: true })
    this.deps.lockfile.update((doc) => {
      for (const entry of Object.values(doc.skills)) if (entry.source === name) entry.status = 'orphaned'
    })
    return { removed: name }
  }

  cancel(name: string): boolean {
    const controller = this.running.get(name)
    controller?.abort()
    return controller !== undefined
  }

  /** Syncs one source, or every source; a failing source is reported, the others still sync. */
  async syncMany(names: string[]): Promise<SyncReport[]> {
    const reports: SyncReport[] = []
    for (const name of names) reports.push(await this.sync(name))
    return reports
  }

  async sync(name: string): Promise<SyncReport> {
    const repo = this.get(name)
    if (this.running.has(name)) throw new AppError('CONFLICT', `${name} is already syncing.`)
    const controller = new AbortController()
    this.running.set(name, controller)
    const progress = (
      phase: 'fetching' | 'reconciling' | 'done' | 'failed' | 'cancelled',
      message: string | null = null,
    ) => this.deps.events.emit('sync.progress', { repo: name, phase, message })
    try {
      progress('fetching', repo.url)
      const meta = await this.fetch(repo, controller.signal)
      if (controller.signal.aborted) throw new AppError('CONFLICT', 'The sync was cancelled.')
      progress('reconciling')
      const items = await this.reconcile(repo, meta)
      this.deps.repos.setSyncOutcome(repo.id, 'ok', null, isoNow(this.deps.clock))
      progress('done', `${items.length} skills`)
      return { repo: name, commit: meta.commit ?? meta.archiveSha256, items }
    } catch (err) {
      const error = AppError.from(err)
      const cancelled = controller.signal.aborted
      this.deps.repos.setSyncOutcome(
        repo.id,
        cancelled ? 'cancelled' : 'error',
        error.message,
        isoNow(this.deps.clock),
      )
      progress(cancelled ? 'cancelled' : 'failed', error.message)
      throw error
    } finally {
      this.running.delete(name)
    }
  }

  /** The skills the source offered at its last sync. */
  browse(name: string): SourceSkill[] {
    const repo = this.get(name)
    const lock = this.deps.lockfile.read()
    return offeredSkills(this.rootOf(repo)).map((s) => {
      const entry = lock.skills[s.name]
      const mine = entry?.source === name
      return {
        name: s.name,
        description: s.description,
        path: s.path,
        installed: mine && this.deps.skills.findSummary(s.name) !== null,
        status: mine ? entry.status : null,
      }
    })
  }

  /**
   * Applies an available update: the new files go through the library's staged install and
   * governance (`update`). A library copy edited since install is refused unless `force`.
   */
  async update(name: string, force: boolean): Promise<AddedSkill> {
    const lock = this.deps.lockfile.read()
    const entry = lock.skills[name]
    const record = this.deps.skills.findSummary(name)
    if (!entry || !record) throw new AppError('NOT_FOUND', `${name} was not installed from a source.`)
    if (entry.status !== 'update-available' && entry.status !== 'conflict') {
      throw new AppError(
        'CONFLICT',
        `${name} has no update available. Run \`skilldock repo sync ${entry.source}\` first.`,
      )
    }
    const repo = this.get(entry.source)
    const dir = join(this.rootOf(repo), entry.path)
    if (!existsSync(dir) || fingerprintFolder(dir) !== entry.upstreamFingerprint) {
      throw new AppError(
        'CONFLICT',
        `The source of ${name} changed since the last sync; sync ${repo.name} again.`,
      )
    }
    if (!force && fingerprintFolder(record.path) !== entry.fingerprint) {
      throw new AppError(
        'CONFLICT',
        `${name} was edited locally since it was installed; the update would overwrite those edits. ` +
          `Keep your copy, or run \`skilldock update ${name} --force\` to replace it.`,
        { conflict: true },
      )
    }
    const result = await this.deps.library.replace(name, dir, `update:${repo.name}`)
    const meta = this.readMeta(repo)
    this.deps.lockfile.update((doc) => {
      doc.skills[name] = {
        ...entry,
        commit: meta.commit,
        archiveSha256: meta.archiveSha256,
        fingerprint: entry.upstreamFingerprint!,
        installedAt: isoNow(this.deps.clock),
        approvedFingerprint: this.deps.skills.pins(name)?.approvedFingerprint ?? null,
        upstreamFingerprint: null,
        status: 'unchanged',
      }
    })
    return result
  }

  /** Names with an update (or a conflicting one) waiting. */
  pendingUpdates(): string[] {
    return Object.entries(this.deps.lockfile.read().skills)
      .filter(([, e]) => e.status === 'update-available' || e.status === 'conflict')
      .map(([n]) => n)
  }

  /** A one-off import from any source: fetched into a temp cache, installed, recorded, cache dropped. */
  async addOnce(source: string, ref: string | null, allowLocal: boolean): Promise<AddedSkill[]> {
    const type = existsSync(source) ? 'local' : inferType(source)
    const spec: SourceSpec = {
      name: `.once-${randomBytes(6).toString('hex')}`,
      type,
      url: type === 'local' ? resolve(source) : source,
      ref,
      allowLocal,
    }
    try {
      const meta = await this.fetch(spec)
      const root = this.rootOf(spec)
      const added: AddedSkill[] = []
      const offered = offeredSkills(root)
      if (offered.length === 0) throw new AppError('INVALID_INPUT', `No skills found at ${source}.`)
      added.push(
        ...(await this.deps.library.install(
          offered.map((s) => s.dir),
          'user',
          () => `${type}:${source}`,
        )),
      )
      this.deps.lockfile.update((doc) => {
        for (const s of offered) doc.skills[s.name] = this.entry({ ...spec, name: source }, meta, s)
      })
      return added
    } finally {
      if (type !== 'local') rmSync(this.cacheDir(spec), { recursive: true, force: true })
    }
  }

  private entry(repo: SourceSpec, meta: FetchMeta, s: OfferedSkill): LockEntry {
    return {
      source: repo.name,
      sourceType: repo.type,
      url: repo.url,
      ref: repo.ref,
      commit: meta.commit,
      archiveSha256: meta.archiveSha256,
      path: s.path,
      fingerprint: s.fingerprint!,
      installedAt: isoNow(this.deps.clock),
      approvedFingerprint: this.deps.skills.pins(s.name)?.approvedFingerprint ?? null,
      upstreamFingerprint: null,
      status: 'unchanged',
    }
  }

  /** Compares what the source offers with the library and the lockfile, installing new skills. */
  private async reconcile(repo: RepoInfo, meta: FetchMeta): Promise<SyncItem[]> {
    const offered = offeredSkills(this.rootOf(repo))
    const lock = this.deps.lockfile.read()
    const items: SyncItem[] = []
    const item = (
      name: string,
      status: SyncItem['status'],
      state: string | null = null,
      message: string | null = null,
    ) => items.push({ name, status, state, message })
    for (const s of offered) {
      const entry = lock.skills[s.name]
      const record = this.deps.skills.findSummary(s.name)
      if (s.fingerprint === null || s.error) {
        item(s.name, 'skipped', null, s.error ?? 'unreadable')
        continue
      }
      if (entry?.source === repo.name && record) {
        if (s.fingerprint === entry.fingerprint) {
          entry.status = 'unchanged'
          entry.upstreamFingerprint = null
          item(s.name, 'unchanged', record.state)
          continue
        }
        entry.upstreamFingerprint = s.fingerprint
        const edited = fingerprintFolder(record.path) !== entry.fingerprint
        entry.status = edited ? 'conflict' : 'update-available'
        item(
          s.name,
          entry.status,
          record.state,
          edited
            ? 'changed upstream and edited locally: `update --force` would overwrite the local edits'
            : null,
        )
        continue
      }
      if (record) {
        const holder = lock.skills[s.name]?.source ?? 'elsewhere'
        item(
          s.name,
          'skipped',
          record.state,
          `CONFLICT: a skill named ${s.name} is already installed from ${holder}; not installed from ${repo.name}`,
        )
        continue
      }
      try {
        const [added] = await this.deps.library.install(
          [s.dir],
          `sync:${repo.name}`,
          () => `${repo.type}:${repo.url}`,
        )
        lock.skills[s.name] = this.entry(repo, meta, s)
        item(s.name, 'installed', added?.state ?? null)
      } catch (err) {
        item(s.name, 'skipped', null, AppError.from(err).message)
      }
    }
    for (const r of meta.refused ?? []) item(r.name, 'skipped', null, r.message)
    const offeredNames = new Set([...offered.map((s) => s.name), ...(meta.refused ?? []).map((r) => r.name)])
    for (const [name, entry] of Object.entries(lock.skills)) {
      if (entry.source !== repo.name || offeredNames.has(name)) continue
      if (!this.deps.skills.findSummary(name)) {
        delete lock.skills[name]
        continue
      }
      entry.status = 'orphaned'
      item(name, 'orphaned', null, 'no longer offered by the source; kept in the library')
    }
    this.deps.lockfile.write(lock)
    return items
  }

  private cacheDir(repo: Pick<SourceSpec, 'name'> & { id?: number }): string {
    return join(this.deps.sourcesDir, repo.id !== undefined ? String(repo.id) : repo.name)
  }

  /** The folder whose skills the source offers. */
  private rootOf(repo: SourceSpec & { id?: number }): string {
    if (repo.type === 'local') return repo.url
    const dir = this.cacheDir(repo)
    if (repo.type === 'git') {
      const { subPath } = parseGitTarget(repo.url, repo.ref)
      return subPath ? join(dir, subPath) : dir
    }
    return dir
  }

  private readMeta(repo: SourceSpec & { id?: number }): FetchMeta {
    try {
      return JSON.parse(readFileSync(`${this.cacheDir(repo)}.meta.json`, 'utf8')) as FetchMeta
    } catch {
      return { commit: null, archiveSha256: null }
    }
  }

  /** Fetches into a fresh folder and swaps it in only when the fetch succeeded. */
  private async fetch(repo: SourceSpec & { id?: number }, signal?: AbortSignal): Promise<FetchMeta> {
    if (repo.type === 'local') {
      if (!existsSync(repo.url))
        throw new AppError('SOURCE_UNREACHABLE', `${repo.url} does not exist any more.`)
      return { commit: null, archiveSha256: null }
    }
    mkdirSync(this.deps.sourcesDir, { recursive: true })
    const final = this.cacheDir(repo)
    const temp = `${final}.fetch-${randomBytes(6).toString('hex')}`
    try {
      let meta: FetchMeta
      if (repo.type === 'git') {
        const target = parseGitTarget(repo.url, repo.ref)
        meta = {
          commit: await fetchGit(target.url, target.ref, temp, this.deps.env, signal),
          archiveSha256: null,
        }
        rmSync(join(temp, '.git'), { recursive: true, force: true })
      } else if (repo.type === 'mcp') {
        const token = /^https?:/i.test(repo.url)
          ? ((await this.deps.secrets?.get(`repo:${repo.name.toLowerCase()}`, 'token')) ?? null)
          : null
        const got = await fetchMcp(repo, temp, {
          token,
          env: this.deps.env,
          ownPorts: this.deps.ownPorts,
          signal,
        })
        meta = { commit: null, archiveSha256: got.archiveSha256, refused: got.refused }
      } else {
        const policy = { allowLocal: repo.allowLocal, ownPorts: this.deps.ownPorts }
        meta = { commit: null, ...(await fetchHttp(repo.url, temp, policy, signal)) }
      }
      rmSync(final, { recursive: true, force: true })
      renameSync(temp, final)
      writeFileSync(`${final}.meta.json`, JSON.stringify(meta))
      return meta
    } finally {
      rmSync(temp, { recursive: true, force: true })
    }
  }
}
