import { existsSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { AppError } from '../../base/appError'
import type { SourceKind } from './sourceKind'

/** A folder on this machine, read in place: never copied into the cache, never deleted. */
export const localKind: SourceKind = {
  validate(url) {
    const dir = resolve(url)
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new AppError('NOT_FOUND', `${dir} is not a folder. Give the folder that holds your skills.`)
    }
    return dir
  },
  cached: false,
  root: (spec) => spec.url,
  upstreamDir: (spec, _cacheDir, path) => join(spec.url, path),
  async fetch(spec) {
    if (!existsSync(spec.url))
      throw new AppError('SOURCE_UNREACHABLE', `${spec.url} does not exist any more.`)
    return { commit: null, archiveSha256: null }
  },
  lockLocation: (spec, path) => ({ ref: spec.ref, path }),
  takesToken: () => false,
  // The fallback: whatever no other kind claims is taken for a path.
  claims: { priority: 0, test: () => true },
}
