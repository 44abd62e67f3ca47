import type { RepoInfo } from '../../contract/sources'
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
