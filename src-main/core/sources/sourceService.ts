import type { AddedSkill } from '../../contract/models'
import type { RepoInfo, SourceSkill, SourceType, SyncReport } from '../../contract/sources'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { Logger } from '../base/logger'
import type { SecretStore } from '../secrets/secretStore'
import type { CoreEvents } from '../events'
import type { SkillLibrary } from '../skills/library'
import type { RepoRepository } from '../storage/repoRepository'
import type { SkillRepository } from '../storage/skillRepository'
import { inferType, kindOf } from './kinds'
import type { Lockfile } from './lockfile'
import { OneOffImports } from './oneOffImports'
import { RepoTokens } from './repoTokens'
import type { SourceCommandLauncher } from '../runtime/sourceCommand'
import { SourceCache } from './sourceCache'
import { browseOffers, installChosen, isPick, setPick } from './sourceOffers'
import { SourceSync } from './syncReconcile'
import { SourceUpdates } from './sourceUpdates'

export { repoSecretScope } from './repoTokens'
export { inferType } from './kinds'

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
    type?: SourceType
    ref?: string
    autoSyncMinutes?: number
    allowLocal?: boolean
    pick?: boolean
  }): RepoInfo {
    const type = input.type ?? inferType(input.url)
    const url = kindOf({ type }).validate(input.url, input.ref ?? null)
    if (this.deps.repos.byName(input.name)) {
      throw new AppError(
        'CONFLICT',
        `A source named ${input.name} exists already; pick another name or remove it first.`,
      )
    }
    const repo = this.deps.repos.create(
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
    setPick(this.cache, repo, input.pick === true)
    return this.withPick(repo)
  }

  list(): RepoInfo[] {
    return this.deps.repos.list().map((r) => this.withPick(r))
  }

  private withPick(repo: RepoInfo): RepoInfo {
    return { ...repo, pick: isPick(this.cache, repo) }
  }

  get(name: string): RepoInfo {
    const repo = this.deps.repos.byName(name)
    if (!repo) throw new AppError('NOT_FOUND', `No source named "${name}". See \`skilldock source list\`.`)
    return this.withPick(repo)
  }

  /** Forgets the source and its cache; skills installed from it stay, marked orphaned. */
  async remove(name: string): Promise<{ removed: string }> {
    const repo = this.get(name)
    this.syncs.cancel(name)
    if (kindOf(repo).takesToken(repo.url)) await this.tokens.forget(name)
    this.deps.repos.delete(repo.id)
    this.cache.drop(repo)
    setPick(this.cache, repo, false)
    this.deps.lockfile.update((doc) => {
      for (const entry of Object.values(doc.skills)) if (entry.source === name) entry.status = 'orphaned'
    })
    return { removed: name }
  }

  /**
   * Stores the bearer token of a source whose kind takes one (today an MCP source over HTTP) in the
   * keychain (null deletes it) and hands it to the skills SkillDock generated to proxy its tools.
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

  /** The skills the source offered at its last sync, with what installing each would do. */
  browse(name: string): SourceSkill[] {
    return browseOffers(this.offerDeps(), this.get(name))
  }

  /** Installs skills the source offered at its last sync (named, or every new one). */
  async install(
    name: string,
    skills: string[] | 'all',
  ): Promise<{ installed: AddedSkill[]; skipped: { name: string; reason: string }[] }> {
    return installChosen(this.offerDeps(), this.get(name), skills)
  }

  private offerDeps() {
    const { skills, library, lockfile, clock } = this.deps
    return { skills, library, lockfile, clock, cache: this.cache, tokens: this.tokens }
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
