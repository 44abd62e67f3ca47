import { join } from 'node:path'
import { AppError } from '../../base/appError'
import { looksLikeGit } from '../gitUrl'
import { fetchHttp } from '../httpFetcher'
import type { SourceKind } from './sourceKind'

/** An http(s) index, SKILL.md or archive URL, downloaded into the cache. */
export const httpKind: SourceKind = {
  validate(url) {
    if (!/^https?:\/\//i.test(url)) {
      throw new AppError('UNSAFE_SOURCE', `Refused ${url}: an http source needs an http:// or https:// URL.`)
    }
    return url
  },
  cached: true,
  root: (_spec, cacheDir) => cacheDir,
  upstreamDir: (_spec, cacheDir, path) => join(cacheDir, path),
  async fetch(spec, ctx) {
    const policy = { allowLocal: spec.allowLocal, ownPorts: ctx.ownPorts }
    return { commit: null, ...(await fetchHttp(spec.url, ctx.into, policy, ctx.signal)) }
  },
  lockLocation: (spec, path) => ({ ref: spec.ref, path }),
  takesToken: () => false,
  claims: { priority: 10, test: (url) => /^https?:\/\//i.test(url) && !looksLikeGit(url) },
}
