import type {
  RiskLevel,
  SkillFile,
  SkillOrigin,
  SkillState,
  TrustLevel,
  ValidationIssue,
} from '../../contract/models'
import type { GatingRequirements } from '../skills/manifest'

// Skill rows as the repository reads and returns them, and the column lists it selects.

/** What the catalog needs to list a skill without reading its folder. */
export interface SkillSummaryRecord {
  id: number
  name: string
  origin: SkillOrigin
  path: string
  state: SkillState
  trust: TrustLevel
  source: string
  version: string | null
  description: string
  requires: GatingRequirements
  tags: string[]
  category: string | null
  emoji: string | null
  valid: boolean
  hasServer: boolean
  risk: RiskLevel | null
  deprecatedReason: string | null
  replacement: string | null
  fingerprint: string | null
  statSignature: string | null
}

/** Everything stored about a skill. */
export interface SkillRecord extends SkillSummaryRecord {
  frontmatter: Record<string, unknown>
  instructions: string
  declaredTools: string[]
  homepage: string | null
  license: string | null
  files: SkillFile[]
  errors: ValidationIssue[]
  warnings: ValidationIssue[]
  approvedFingerprint: string | null
  indexedAt: string
  createdAt: string
  updatedAt: string
}

/** The fields the indexer writes from a skill folder; state and trust are owned by the lifecycle. */
export type IndexedSkill = Omit<
  SkillRecord,
  | 'id'
  | 'state'
  | 'trust'
  | 'risk'
  | 'approvedFingerprint'
  | 'deprecatedReason'
  | 'replacement'
  | 'createdAt'
  | 'updatedAt'
>

export const summaryColumns = `id, name, origin, path, state, trust, source, version, description, requires_json, tags_json,
  category, emoji, valid, has_server, risk, deprecated_reason, replacement, fingerprint, stat_signature`

/** The part of a skill row the indexer needs to decide whether a folder changed. */
export type SkillIndexState = Pick<
  SkillSummaryRecord,
  'id' | 'name' | 'path' | 'fingerprint' | 'statSignature'
>

export type Row = Record<string, unknown>

export const json = <T>(value: unknown, fallback: T): T => {
  if (typeof value !== 'string') return fallback
  try {
    return JSON.parse(value) as T
  } catch {
    return fallback
  }
}
export const str = (value: unknown): string | null => (typeof value === 'string' ? value : null)

export function toSummary(row: Row): SkillSummaryRecord {
  return {
    id: row.id as number,
    name: row.name as string,
    origin: row.origin as SkillOrigin,
    path: row.path as string,
    state: row.state as SkillState,
    trust: row.trust as TrustLevel,
    source: row.source as string,
    version: str(row.version),
    description: row.description as string,
    requires: json(row.requires_json, { os: [], bins: [], anyBins: [], env: [], config: [] }),
    tags: json(row.tags_json, []),
    category: str(row.category),
    emoji: str(row.emoji),
    valid: row.valid === 1,
    hasServer: row.has_server === 1,
    risk: str(row.risk) as RiskLevel | null,
    deprecatedReason: str(row.deprecated_reason),
    replacement: str(row.replacement),
    fingerprint: str(row.fingerprint),
    statSignature: str(row.stat_signature),
  }
}

export function toRecord(row: Row): SkillRecord {
  return {
    ...toSummary(row),
    frontmatter: json(row.frontmatter_json, {}),
    instructions: row.instructions as string,
    declaredTools: json(row.declared_tools_json, []),
    homepage: str(row.homepage),
    license: str(row.license),
    files: json(row.files_json, []),
    errors: json(row.errors_json, []),
    warnings: json(row.warnings_json, []),
    approvedFingerprint: str(row.approved_fingerprint),
    indexedAt: row.indexed_at as string,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  }
}
