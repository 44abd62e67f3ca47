import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { AddedSkill } from '../../contract/models'
import type { RepoInfo, RepoType, SourceSkill, SyncReport } from '../../contract/sources'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { Logger } from '../base/logger'
import type { SecretStore } from '../secrets/secretStore'
import type { CoreEvents } from '../events'
import type { SkillLibrary } from '../skills/library'
import type { RepoRepository } from '../storage/repoRepository'
import type { SkillRepository } from '../storage/skillRepository'
import { parseGitTarget } from './gitUrl'
import type { Lockfile } from './lockfile'
import { parseMcpTarget } from './mcpFetcher'
import { OneOffImports } from './oneOffImports'
import { RepoTokens } from './repoTokens'
import type { SourceCommandLauncher } from '../runtime/sourceCommand'
import { SourceCache } from './sourceCache'
import { offeredSkills } from './sourceSkills'
import { inferType } from './sourceSpec'
import { SourceSync } from './syncReconcile'
import { SourceUpdates } from './sourceUpdates'

export { repoSecretScope } from './repoTokens'
export { inferType } from './sourceSpec'

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
  /** Runs an `mcp` source's command in the OS sandbox; without it such sources are refused. */
  launchCommand?: SourceCommandLauncher
}

/**
 * Skill sources: configured repos, their fetched caches under `sources/<id>/`, sync against the
 * library and the lockfile, and updates sent through governance again. The facade the routes use;
 * the work is done by the cache, sync, updates, one-off imports and repo tokens modules.
 */
export class SourceService {
  private readonly cache: SourceCache
  private readonly tokens: RepoTokens
  private readonly syncs: SourceSync
  private readonly pending: SourceUpdates
  private readonly imports: OneOffImports

  constructor(private readonly deps: SourceDeps) {
    this.tokens = new RepoTokens({
      secrets: deps.secrets,
      lockfile: deps.lockfile,
      readMeta: (repo) => this.cache.readMeta(repo),
    })
    this.cache = new SourceCache({
      sourcesDir: deps.sourcesDir,
      env: deps.env,
      ownPorts: deps.ownPorts,
      tokenOf: (repo) => this.tokens.get(repo),
      launchCommand: deps.launchCommand,
    })
    const { repos, skills, library, lockfile, events, clock } = deps
    const { cache, tokens } = this
    this.syncs = new SourceSync({ repos, skills, library, lockfile, events, clock, cache, tokens })
    this.pending = new SourceUpdates({ skills, library, lockfile, clock, cache, repo: (n) => this.get(n) })
    this.imports = new OneOffImports({ skills, library, lockfile, clock, cache })
  }

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
    this.syncs.cancel(name)
    if (repo.type === 'mcp') await this.tokens.forget(name)
    this.deps.repos.delete(repo.id)
    this.cache.drop(repo)
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
    return this.tokens.set(this.get(name), token)
  }

  cancel(name: string): boolean {
    return this.syncs.cancel(name)
  }

  /** Syncs one source, or every source; a failing source is reported, the others still sync. */
  async syncMany(names: string[]): Promise<SyncReport[]> {
    const reports: SyncReport[] = []
    for (const name of names) reports.push(await this.sync(name))
    return reports
  }

  async sync(name: string): Promise<SyncReport> {
    return this.syncs.sync(this.get(name))
  }

  /** The skills the source offered at its last sync. */
  browse(name: string): SourceSkill[] {
    const repo = this.get(name)
    const lock = this.deps.lockfile.read()
    return offeredSkills(this.cache.rootOf(repo)).map((s) => {
      const entry = lock.skills[s.name]
      const mine = entry?.source === name
      const record = this.deps.skills.findSummary(s.name)
      const installed = mine && record !== null
      return {
        name: s.name,
        description: s.description,
        path: s.path,
        installed,
        status: mine ? entry.status : null,
        state: installed ? record.state : null,
        reason: installed ? null : notInstalledReason(s, record !== null, entry?.source ?? null),
      }
    })
  }

  /**
   * Applies an available update: the new files go through the library's staged install and
   * governance (`update`). A library copy edited since install is refused unless `force`.
   */
  async update(name: string, force: boolean): Promise<AddedSkill> {
    return this.pending.update(name, force)
  }

  /** Installed skills with an update (or a conflicting one) waiting, and their source. */
  updates(): { name: string; source: string; status: 'update-available' | 'conflict' }[] {
    return this.pending.updates()
  }

  /** Names with an update (or a conflicting one) waiting. */
  pendingUpdates(): string[] {
    return this.pending.pendingUpdates()
  }

  /**
   * A one-off import from any source: a folder, a SKILL.md or an archive file on disk, a git URL (GitHub
   * tree URLs too) or an http(s) index/SKILL.md/archive URL. Never guessed to be `mcp`.
   */
  async addOnce(source: string, ref: string | null, allowLocal: boolean): Promise<AddedSkill[]> {
    return this.imports.addOnce(source, ref, allowLocal)
  }

  /** Imports the skills in an archive's bytes (a file on disk, or one uploaded in the UI). */
  async addArchive(bytes: Buffer, label: string): Promise<AddedSkill[]> {
    return this.imports.addArchive(bytes, label)
  }

  /** Imports pasted SKILL.md text as a new skill, in a folder named after its frontmatter `name`. */
  async addSkillText(content: string): Promise<AddedSkill[]> {
    return this.imports.addSkillText(content)
  }
}

/** Why a skill a source offers is not in the library, in words for the Sources screen. */
function notInstalledReason(
  skill: { name: string; error: string | null; fingerprint: string | null },
  nameTaken: boolean,
  holder: string | null,
): string {
  if (skill.error) return `SKILL.md could not be read: ${skill.error}`
  if (skill.fingerprint === null) return 'The folder could not be read.'
  if (nameTaken) return `A skill named ${skill.name} is already installed from ${holder ?? 'elsewhere'}.`
  return 'Not installed yet: sync this source to install it.'
}
