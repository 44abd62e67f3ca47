import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
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
import { extractArchive } from './archive'
import { fetchGit } from './gitFetcher'
import { looksLikeGit, parseGitTarget } from './gitUrl'
import { fetchHttp } from './httpFetcher'
import type { LockEntry, Lockfile } from './lockfile'
import { fetchMcp, parseMcpTarget, type RefusedSkill } from './mcpFetcher'
import { PROXY_TOKEN_CREDENTIAL } from './mcpToolProxy'
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
  /** Skills generated to proxy an HTTP MCP server's tools: the only ones given the repo's token. */
  proxied?: string[]
}

/** A source as the fetchers see it: a configured repo, or a one-off `add <source>`. */
type SourceSpec = Pick<RepoInfo, 'name' | 'type' | 'url' | 'ref' | 'allowLocal'>

/**
 * The keychain scope of a repo's secrets. Scopes allow lowercase letters, digits and "-"; repo names
 * also allow capitals, "." and "_", so those names get a hash suffix and never collide.
 */
export function repoSecretScope(name: string): string {
  if (/^[a-z0-9][a-z0-9-]*$/.test(name)) return `repo:${name}`
  const clean = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 12)
  return `repo:${clean ? `${clean}-` : ''}${hash}`
}

const ARCHIVE_FILE = /\.(zip|skill|tar\.gz|tgz|tar)$/i
const MAX_LOCAL_ARCHIVE = 60 * 1024 * 1024
const onceName = () => `.once-${randomBytes(6).toString('hex')}`

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
  async remove(name: string): Promise<{ removed: string }> {
    const repo = this.get(name)
    this.running.get(name)?.abort()
    if (repo.type === 'mcp')
      await this.deps.secrets?.delete(repoSecretScope(name), 'token').catch(() => false)
    this.deps.repos.delete(repo.id)
    rmSync(this.cacheDir(repo), { recursive: true, force: true })
    rmSync(`${this.cacheDir(repo)}.meta.json`, { force: true })
    this.deps.lockfile.update((doc) => {
      for (const entry of Object.values(doc.skills)) if (entry.source === name) entry.status = 'orphaned'
    })
    return { removed: name }
  }

  /**
   * Stores the bearer token of an MCP source over HTTP in the keychain (null deletes it) and hands it
   * to the skills SkillDock generated to proxy that server's tools.
   */
  async setToken(name: string, token: string | null): Promise<{ name: string; stored: boolean }> {
    const repo = this.get(name)
    if (repo.type !== 'mcp' || parseMcpTarget(repo.url).kind !== 'http') {
      throw new AppError(
        'INVALID_INPUT',
        `${name} is not an MCP source over HTTP; only those send a bearer token.`,
      )
    }
    const secrets = this.deps.secrets
    if (!secrets)
      throw new AppError('SECRET_STORE_UNAVAILABLE', 'No keychain is available to keep the token.')
    if (token === null) await secrets.delete(repoSecretScope(name), 'token')
    else await secrets.set(repoSecretScope(name), 'token', token)
    const proxied = Object.entries(this.deps.lockfile.read().skills)
      .filter(([, e]) => e.source === name && e.sourceType === 'mcp')
      .map(([skill]) => skill)
      .filter((skill) => this.readMeta(repo).proxied?.includes(skill))
    await this.shareToken(name, proxied)
    return { name, stored: token !== null }
  }

  /** Copies the repo's token into the declared credential of its proxy skills (or removes it). */
  private async shareToken(repo: string, skills: string[]): Promise<void> {
    const secrets = this.deps.secrets
    if (!secrets || skills.length === 0) return
    const token = await secrets.get(repoSecretScope(repo), 'token')
    for (const skill of skills) {
      if (token === null) await secrets.delete(`skill:${skill}`, PROXY_TOKEN_CREDENTIAL)
      else await secrets.set(`skill:${skill}`, PROXY_TOKEN_CREDENTIAL, token)
    }
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
      if (controller.signal.aborted) throw new AppError('CANCELLED', 'The sync was cancelled.')
      progress('reconciling')
      const items = await this.reconcile(repo, meta, controller.signal)
      this.deps.repos.setSyncOutcome(repo.id, 'ok', null, isoNow(this.deps.clock))
      progress('done', `${items.length} skills`)
      return { repo: name, commit: meta.commit ?? meta.archiveSha256, items }
    } catch (err) {
      const cancelled = controller.signal.aborted
      const error = cancelled
        ? new AppError(
            'CANCELLED',
            `The sync of ${name} was cancelled; skills it had not finished were not installed.`,
          )
        : AppError.from(err)
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
    const dir = this.upstreamDir(repo, entry.path)
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

  /** Installed skills with an update (or a conflicting one) waiting, and their source. */
  updates(): { name: string; source: string; status: 'update-available' | 'conflict' }[] {
    const result: { name: string; source: string; status: 'update-available' | 'conflict' }[] = []
    for (const [name, e] of Object.entries(this.deps.lockfile.read().skills)) {
      if (e.status !== 'update-available' && e.status !== 'conflict') continue
      if (this.deps.skills.findSummary(name)) result.push({ name, source: e.source, status: e.status })
    }
    return result
  }

  /** Names with an update (or a conflicting one) waiting. */
  pendingUpdates(): string[] {
    return Object.entries(this.deps.lockfile.read().skills)
      .filter(([, e]) => e.status === 'update-available' || e.status === 'conflict')
      .map(([n]) => n)
  }

  /**
   * A one-off import from any source: a folder, a SKILL.md or an archive file on disk, a git URL (GitHub
   * tree URLs too) or an http(s) index/SKILL.md/archive URL. Never guessed to be `mcp`. Fetched into a
   * temp cache, installed through governance, recorded in the lockfile, cache dropped.
   */
  async addOnce(source: string, ref: string | null, allowLocal: boolean): Promise<AddedSkill[]> {
    if (existsSync(source) && statSync(source).isFile() && ARCHIVE_FILE.test(source)) {
      const size = statSync(source).size
      if (size > MAX_LOCAL_ARCHIVE) {
        throw new AppError(
          'UNSAFE_SOURCE',
          `Refused ${source}: archives over ${MAX_LOCAL_ARCHIVE} bytes are not imported.`,
        )
      }
      return this.addArchive(readFileSync(source), resolve(source))
    }
    const type = existsSync(source) ? 'local' : inferType(source)
    if (type === 'local' && !existsSync(source)) {
      throw new AppError(
        'NOT_FOUND',
        `${source} is neither a folder, a file nor a URL SkillDock can fetch. Give a path, a git URL or an http(s) URL.`,
      )
    }
    let url = type === 'local' ? resolve(source) : source
    if (type === 'local' && statSync(url).isFile()) {
      // A SKILL.md names its folder; any other file is neither a skill nor an archive.
      if (!/^skill\.md$/i.test(basename(url))) {
        throw new AppError(
          'INVALID_INPUT',
          `${source} is a file, not a skill: give a skill folder, its SKILL.md, or a .zip/.skill/.tar.gz archive.`,
        )
      }
      url = dirname(url)
    }
    const spec: SourceSpec = { name: onceName(), type, url, ref, allowLocal }
    try {
      const meta = await this.fetch(spec)
      return await this.installOnce(this.rootOf(spec), { ...spec, name: source }, meta)
    } finally {
      if (type !== 'local') this.dropCache(spec)
    }
  }

  /**
   * Imports the skills in an archive's bytes (a file on disk, or one uploaded in the UI): extracted
   * under the archive limits into a temp cache, then installed like any source.
   */
  async addArchive(bytes: Buffer, label: string): Promise<AddedSkill[]> {
    const spec: SourceSpec = { name: onceName(), type: 'local', url: label, ref: null, allowLocal: false }
    const dir = this.cacheDir(spec)
    try {
      mkdirSync(dir, { recursive: true })
      extractArchive(bytes, dir)
      const meta = { commit: null, archiveSha256: createHash('sha256').update(bytes).digest('hex') }
      return await this.installOnce(dir, { ...spec, name: label }, meta)
    } finally {
      this.dropCache(spec)
    }
  }

  /** Imports pasted SKILL.md text as a new skill, in a folder named after its frontmatter `name`. */
  async addSkillText(content: string): Promise<AddedSkill[]> {
    const name = /^name:\s*["']?([^\s"']+)["']?\s*$/m.exec(content.replace(/\r\n/g, '\n'))?.[1]
    if (!name || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(name)) {
      throw new AppError(
        'INVALID_SKILL',
        'The pasted SKILL.md needs frontmatter with a `name:` of lowercase letters, digits and single hyphens.',
      )
    }
    const spec: SourceSpec = { name: onceName(), type: 'local', url: 'pasted', ref: null, allowLocal: false }
    const dir = this.cacheDir(spec)
    try {
      mkdirSync(join(dir, name), { recursive: true })
      writeFileSync(join(dir, name, 'SKILL.md'), content)
      return await this.installOnce(
        dir,
        { ...spec, name: `pasted:${name}` },
        { commit: null, archiveSha256: null },
      )
    } finally {
      this.dropCache(spec)
    }
  }

  /** Installs every skill under `root` through governance and records each as coming from `spec`. */
  private async installOnce(root: string, spec: SourceSpec, meta: FetchMeta): Promise<AddedSkill[]> {
    const offered = offeredSkills(root)
    if (offered.length === 0) {
      throw new AppError('INVALID_INPUT', `No skills found in ${spec.name}: no folder holds a SKILL.md.`)
    }
    const added = await this.deps.library.install(
      offered.map((s) => s.dir),
      'user',
      () => `${spec.type}:${spec.name}`,
    )
    this.deps.lockfile.update((doc) => {
      for (const s of offered) doc.skills[s.name] = this.entry(spec, meta, s)
    })
    return added
  }

  private dropCache(spec: SourceSpec): void {
    rmSync(this.cacheDir(spec), { recursive: true, force: true })
    rmSync(`${this.cacheDir(spec)}.meta.json`, { force: true })
  }

  private entry(repo: SourceSpec, meta: FetchMeta, s: OfferedSkill): LockEntry {
    // A git source records the ref it fetched (a GitHub tree URL names it) and the skill's path in
    // the repository, the sub-path included.
    const target = repo.type === 'git' ? parseGitTarget(repo.url, repo.ref) : null
    const subPath = target?.subPath ?? null
    return {
      source: repo.name,
      sourceType: repo.type,
      url: repo.url,
      ref: target ? target.ref : repo.ref,
      commit: meta.commit,
      archiveSha256: meta.archiveSha256,
      path: subPath === null ? s.path : s.path === '.' ? subPath : `${subPath}/${s.path}`,
      fingerprint: s.fingerprint!,
      installedAt: isoNow(this.deps.clock),
      approvedFingerprint: this.deps.skills.pins(s.name)?.approvedFingerprint ?? null,
      upstreamFingerprint: null,
      status: 'unchanged',
    }
  }

  /**
   * A library skill no lockfile entry claims, with the very files the source offers, installed by
   * this source (or found in the library by the indexer when the kill came before the install's
   * commit): tracking it is what the interrupted sync would have done.
   */
  private installedUntracked(
    repo: RepoInfo,
    record: { origin: string; source: string; path: string },
    s: OfferedSkill,
  ): boolean {
    return (
      record.origin === 'library' &&
      (record.source === `${repo.type}:${repo.url}` || record.source === 'library') &&
      fingerprintFolder(record.path) === s.fingerprint
    )
  }

  /** Compares what the source offers with the library and the lockfile, installing new skills. */
  private async reconcile(repo: RepoInfo, meta: FetchMeta, signal?: AbortSignal): Promise<SyncItem[]> {
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
      // A cancel stops between skills: each skill is installed whole or not at all, and the lockfile
      // records exactly the ones that were.
      if (signal?.aborted) {
        this.deps.lockfile.write(lock)
        throw new AppError('CANCELLED', 'The sync was cancelled.')
      }
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
      if (record && !entry && this.installedUntracked(repo, record, s)) {
        // A sync of this source was killed after installing the skill, before the lockfile was written.
        lock.skills[s.name] = this.entry(repo, meta, s)
        item(s.name, 'installed', record.state)
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
        if (meta.proxied?.includes(s.name)) await this.shareToken(repo.name, [s.name])
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

  /**
   * The fetched folder of a skill the lockfile records: git paths count from the repository root
   * (entries written before sub-paths were recorded count from the sub-path).
   */
  private upstreamDir(repo: RepoInfo, path: string): string {
    if (repo.type !== 'git') return join(this.rootOf(repo), path)
    const { subPath } = parseGitTarget(repo.url, repo.ref)
    if (subPath === null || path === subPath || path.startsWith(`${subPath}/`))
      return join(this.cacheDir(repo), path)
    return join(this.rootOf(repo), path)
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
          ? ((await this.deps.secrets?.get(repoSecretScope(repo.name), 'token')) ?? null)
          : null
        const got = await fetchMcp(repo, temp, {
          token,
          env: this.deps.env,
          ownPorts: this.deps.ownPorts,
          signal,
        })
        meta = { commit: null, archiveSha256: got.archiveSha256, refused: got.refused, proxied: got.proxied }
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
