import { SourceType } from '../../../contract/sources'
import { AppError } from '../../base/appError'
import { gitKind } from './git'
// Not './http': core's lint rule reserves that name for the http/ face.
import { httpKind } from './httpKind'
import { localKind } from './local'
import { mcpKind } from './mcp'
import type { SourceKind } from './sourceKind'

export type { FetchContext, SourceKind } from './sourceKind'

/**
 * Every kind of source, by its `SourceType`. A `Record` over the enum: adding a member to
 * `SourceType` without a kind here is a compile error, and nothing else in the sources module
 * branches on the type.
 */
export const sourceKinds: Record<SourceType, SourceKind> = {
  git: gitKind,
  local: localKind,
  http: httpKind,
  mcp: mcpKind,
}

/** The kind of a source. */
export function kindOf(spec: { type: SourceType }): SourceKind {
  return sourceKinds[spec.type]
}

/** The kinds that may be guessed from a URL, in the order they are asked (see `SourceKind.claims`). */
const claimants = SourceType.options
  .flatMap((type) => {
    const claims = sourceKinds[type].claims
    return claims ? [{ type, ...claims }] : []
  })
  .sort((a, b) => b.priority - a.priority)

/** Which kind of source a URL or path is, when the user did not say: the first kind that claims it. */
export function inferType(url: string): SourceType {
  const type = claimants.find((c) => c.test(url))?.type
  // Unreachable while the local folder claims everything at priority 0.
  if (type === undefined)
    throw new AppError('INVALID_INPUT', `No kind of source takes ${url}; give its type.`)
  return type
}

/** The kinds fetched into SkillDock's cache (`cached`): their skills must have a lockfile entry. */
export const fetchedTypes: readonly SourceType[] = SourceType.options.filter(
  (type) => sourceKinds[type].cached,
)
