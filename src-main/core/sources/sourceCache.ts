import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RepoInfo } from '../../contract/sources'
import { AppError } from '../base/appError'
import { fetchGit } from './gitFetcher'
import { parseGitTarget } from './gitUrl'
import { fetchHttp } from './httpFetcher'
import type { SourceCommandLauncher } from '../runtime/sourceCommand'
import { fetchMcp } from './mcpFetcher'
import type { FetchMeta, SourceSpec } from './sourceSpec'

/** A source with its repo id when it is a configured one (its cache is `sources/<id>/`). */
export type CachedSource = SourceSpec & { id?: number }

/**
 * The fetched copies of sources under `sources/<id>/` (one-off imports under a temp name), each
 * with a `<dir>.meta.json` of what its last fetch found.
 */
export class SourceCache {
  constructor(
    private readonly deps: {
      sourcesDir: string
      env: NodeJS.ProcessEnv
      /** Ports of SkillDock's own server: never fetched from. */
      ownPorts: number[]
      /** The bearer token an `mcp` HTTP source sends, if one is stored. */
      tokenOf: (repo: string) => Promise<string | null>
      /** Runs an `mcp` source's command confined (stdio sources are refused without it). */
      launchCommand?: SourceCommandLauncher
    },
  ) {}

  dir(repo: Pick<SourceSpec, 'name'> & { id?: number }): string {
    return join(this.deps.sourcesDir, repo.id !== undefined ? String(repo.id) : repo.name)
  }

  /** The folder whose skills the source offers. */
  rootOf(repo: CachedSource): string {
    if (repo.type === 'local') return repo.url
    const dir = this.dir(repo)
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
  upstreamDir(repo: RepoInfo, path: string): string {
    if (repo.type !== 'git') return join(this.rootOf(repo), path)
    const { subPath } = parseGitTarget(repo.url, repo.ref)
    if (subPath === null || path === subPath || path.startsWith(`${subPath}/`))
      return join(this.dir(repo), path)
    return join(this.rootOf(repo), path)
  }

  readMeta(repo: CachedSource): FetchMeta {
    try {
      return JSON.parse(readFileSync(`${this.dir(repo)}.meta.json`, 'utf8')) as FetchMeta
    } catch {
      return { commit: null, archiveSha256: null }
    }
  }

  /** Deletes a source's fetched copy and its meta. */
  drop(repo: Pick<SourceSpec, 'name'> & { id?: number }): void {
    rmSync(this.dir(repo), { recursive: true, force: true })
    rmSync(`${this.dir(repo)}.meta.json`, { force: true })
  }

  /** Fetches into a fresh folder and swaps it in only when the fetch succeeded. */
  async fetch(repo: CachedSource, signal?: AbortSignal): Promise<FetchMeta> {
    if (repo.type === 'local') {
      if (!existsSync(repo.url))
        throw new AppError('SOURCE_UNREACHABLE', `${repo.url} does not exist any more.`)
      return { commit: null, archiveSha256: null }
    }
    mkdirSync(this.deps.sourcesDir, { recursive: true })
    const final = this.dir(repo)
    const temp = `${final}.fetch-${randomBytes(6).toString('hex')}`
    try {
      let meta: FetchMeta
      if (repo.type === 'git') {
        const target = parseGitTarget(repo.url, repo.ref)
        meta = {
          commit: await fetchGit(
            target.url,
            target.ref,
            temp,
            this.deps.env,
            { allowLocal: repo.allowLocal, ownPorts: this.deps.ownPorts },
            signal,
          ),
          archiveSha256: null,
        }
        rmSync(join(temp, '.git'), { recursive: true, force: true })
      } else if (repo.type === 'mcp') {
        const token = /^https?:/i.test(repo.url) ? await this.deps.tokenOf(repo.name) : null
        const got = await fetchMcp(repo, temp, {
          token,
          env: this.deps.env,
          ownPorts: this.deps.ownPorts,
          signal,
          launch: this.deps.launchCommand,
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
