import type { RepoInfo, SourceType } from '../../contract/sources'
import { looksLikeGit } from './gitUrl'
import type { RefusedSkill } from './mcpFetcher'

/** A source as the fetchers see it: a configured repo, or a one-off `add <source>`. */
export type SourceSpec = Pick<RepoInfo, 'name' | 'type' | 'url' | 'ref' | 'allowLocal'>

/** What the last fetch of a source found, kept next to its cache. */
export interface FetchMeta {
  commit: string | null
  archiveSha256: string | null
  /** Skills an `mcp` source offered but that failed verification (nothing of them written). */
  refused?: RefusedSkill[]
  /** Skills generated to proxy an HTTP MCP server's tools: the only ones given the repo's token. */
  proxied?: string[]
}

/** Which kind of source a URL or path is, when the user did not say. */
export function inferType(url: string): SourceType {
  if (/^https?:\/\//i.test(url) && !looksLikeGit(url)) return 'http'
  // Remote-helper and option-like text is git's to misread: judge it as git, so it is refused as unsafe.
  if (looksLikeGit(url) || /^[a-z][a-z0-9+.-]*::/i.test(url) || url.startsWith('-')) return 'git'
  return 'local'
}
