import type { SourceType } from '../../../contract/sources'
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
