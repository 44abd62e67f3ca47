import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { fetchGit } from '../gitFetcher'
import { looksLikeGit, parseGitTarget } from '../gitUrl'
import type { SourceKind } from './sourceKind'

/**
 * A git repository (GitHub tree URLs too, whose path is a sub-folder of the repository). Lockfile
 * paths count from the repository root, so they name the sub-path.
 */
export const gitKind: SourceKind = {
  validate(url, ref) {
    parseGitTarget(url, ref)
    return url
  },
  cached: true,
  root(spec, cacheDir) {
    const { subPath } = parseGitTarget(spec.url, spec.ref)
    return subPath ? join(cacheDir, subPath) : cacheDir
  },
  upstreamDir(spec, cacheDir, path) {
    const { subPath } = parseGitTarget(spec.url, spec.ref)
    // Entries written before sub-paths were recorded count from the sub-path.
    if (subPath === null || path === subPath || path.startsWith(`${subPath}/`)) return join(cacheDir, path)
    return join(gitKind.root(spec, cacheDir), path)
  },
  async fetch(spec, ctx) {
    const target = parseGitTarget(spec.url, spec.ref)
    const policy = { allowLocal: spec.allowLocal, ownPorts: ctx.ownPorts }
    const commit = await fetchGit(target.url, target.ref, ctx.into, ctx.env, policy, ctx.signal)
    rmSync(join(ctx.into, '.git'), { recursive: true, force: true })
    return { commit, archiveSha256: null }
  },
  lockLocation(spec, path) {
    const { ref, subPath } = parseGitTarget(spec.url, spec.ref)
    return { ref, path: subPath === null ? path : path === '.' ? subPath : `${subPath}/${path}` }
  },
  takesToken: () => false,
  // Remote-helper and option-like text is git's to misread: judged as git, it is refused as unsafe.
  claims: {
    priority: 20,
    test: (url) => looksLikeGit(url) || /^[a-z][a-z0-9+.-]*::/i.test(url) || url.startsWith('-'),
  },
}
