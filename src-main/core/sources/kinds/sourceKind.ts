import type { SourceCommandLauncher } from '../../runtime/sourceCommand'
import type { FetchMeta, SourceSpec } from '../sourceSpec'

/** What a kind's fetch may use: the process environment, SkillDock's own ports, tokens, the sandbox. */
export interface FetchContext {
  /** The fresh folder to fetch into (swapped in by the cache only when the fetch succeeds). */
  into: string
  env: NodeJS.ProcessEnv
  /** Ports of SkillDock's own server: never fetched from. */
  ownPorts: number[]
  /** The bearer token stored for a source, if any. */
  tokenOf: (source: string) => Promise<string | null>
  /** Runs a source's command confined (kinds that run commands refuse without it). */
  launchCommand?: SourceCommandLauncher
  signal?: AbortSignal
}

/**
 * One kind of skill source (git, local folder, http, mcp). Everything that differs between kinds is
 * here, so the rest of the sources module never branches on `type`; the registry in `./index.ts` is
 * a `Record<SourceType, SourceKind>`, so a new enum member that has no kind does not compile.
 */
export interface SourceKind {
  /**
   * Checks a source's URL (and ref) when it is added, throwing an AppError that says what to give
   * instead; returns the URL as stored (a local folder becomes an absolute path).
   */
  validate(url: string, ref: string | null): string
  /**
   * Whether the source is fetched into SkillDock's cache (`sources/<id>/`). A kind that is not
   * (a local folder) is read in place, and its "cache" is never deleted.
   */
  cached: boolean
  /** The folder whose skills the source offers, given the folder its cache lives in. */
  root(spec: SourceSpec, cacheDir: string): string
  /**
   * The fetched folder of a skill whose lockfile entry records `path` (see `lockLocation`); the
   * same as `join(root, path)` for kinds whose lock paths count from the root.
   */
  upstreamDir(spec: SourceSpec, cacheDir: string, path: string): string
  /** Fetches the source into `ctx.into` (or only checks it is there, for kinds read in place). */
  fetch(spec: SourceSpec, ctx: FetchContext): Promise<FetchMeta>
  /** The ref and path a lockfile entry records for a skill at `path` (relative to the root). */
  lockLocation(spec: SourceSpec, path: string): { ref: string | null; path: string }
  /**
   * Whether a source at this URL sends a bearer token kept in the keychain (`source token`). Only a
   * kind whose `sourceKindFacts` entry says `takesToken: true` may answer true.
   */
  takesToken(url: string): boolean
  /**
   * Which URLs `source add <url>` and `add <url>` take to be this kind when no type is given, or
   * null for a kind that is never guessed (an MCP server: its http URL would be taken for an index).
   * Kinds are asked by `priority`, highest first (ties: the enum's order); the first whose `test`
   * passes gets the URL. The local folder takes anything at priority 0: it stays the fallback, so
   * give a new kind a priority above 0 (above git's 20 if git could take its URLs, e.g. `….git`).
   */
  claims: { priority: number; test(url: string): boolean } | null
}
