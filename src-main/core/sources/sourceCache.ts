import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RepoInfo } from '../../contract/sources'
import type { SourceCommandLauncher } from '../runtime/sourceCommand'
import { kindOf } from './kinds'
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
    return kindOf(repo).root(repo, this.dir(repo))
  }

  /** The fetched folder of a skill the lockfile records at `path` (see `SourceKind.lockLocation`). */
  upstreamDir(repo: RepoInfo, path: string): string {
    return kindOf(repo).upstreamDir(repo, this.dir(repo), path)
  }

  /** What the last read of each offered folder found, by stat signature (see `offeredSkills`). */
  offersMemo(repo: Pick<SourceSpec, 'name'> & { id?: number }): string {
    return `${this.dir(repo)}.offers.json`
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
    rmSync(this.offersMemo(repo), { force: true })
  }

  /** Fetches into a fresh folder and swaps it in only when the fetch succeeded. */
  async fetch(repo: CachedSource, signal?: AbortSignal): Promise<FetchMeta> {
    const kind = kindOf(repo)
    const { env, ownPorts, tokenOf, launchCommand } = this.deps
    const context = { env, ownPorts, tokenOf, launchCommand, signal }
    // A kind read in place is only checked: there is no copy to swap.
    if (!kind.cached) return kind.fetch(repo, { ...context, into: kind.root(repo, this.dir(repo)) })
    mkdirSync(this.deps.sourcesDir, { recursive: true })
    const final = this.dir(repo)
    const temp = `${final}.fetch-${randomBytes(6).toString('hex')}`
    try {
      const meta = await kind.fetch(repo, { ...context, into: temp })
      rmSync(final, { recursive: true, force: true })
      renameSync(temp, final)
      writeFileSync(`${final}.meta.json`, JSON.stringify(meta))
      return meta
    } finally {
      rmSync(temp, { recursive: true, force: true })
    }
  }
}
