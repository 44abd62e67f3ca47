import { join } from 'node:path'
import { fetchMcp, parseMcpTarget } from '../mcpFetcher'
import type { SourceKind } from './sourceKind'

/**
 * An MCP server (over HTTP, or a command run in the sandbox) whose skills, prompts and tools are
 * written into the cache as skills. Over HTTP it may send a bearer token kept in the keychain.
 */
export const mcpKind: SourceKind = {
  validate(url) {
    parseMcpTarget(url)
    return url
  },
  cached: true,
  root: (_spec, cacheDir) => cacheDir,
  upstreamDir: (_spec, cacheDir, path) => join(cacheDir, path),
  async fetch(spec, ctx) {
    const token = /^https?:/i.test(spec.url) ? await ctx.tokenOf(spec.name) : null
    const got = await fetchMcp(spec, ctx.into, {
      token,
      env: ctx.env,
      ownPorts: ctx.ownPorts,
      signal: ctx.signal,
      launch: ctx.launchCommand,
    })
    return { commit: null, archiveSha256: got.archiveSha256, refused: got.refused, proxied: got.proxied }
  },
  lockLocation: (spec, path) => ({ ref: spec.ref, path }),
  takesToken: (url) => parseMcpTarget(url).kind === 'http',
  // Never guessed: an MCP server over HTTP would be taken for an http index (give `--type mcp`).
  claims: null,
}
