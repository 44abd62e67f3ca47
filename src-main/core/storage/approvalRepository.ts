import type {
  Approval,
  ApprovalDetails,
  ApprovalKind,
  RiskLevel,
  ScanFinding,
  TrustLevel,
} from '../../contract/models'
import type { Db } from './database'
import { prepared } from './prepared'

type Row = Record<string, unknown>

const parse = <T>(text: unknown, fallback: T): T => {
  if (typeof text !== 'string') return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

function toApproval(r: Row): Approval {
  return {
    id: r.id as string,
    skill: r.skill_name as string,
    kind: r.kind as ApprovalKind,
    status: r.status as Approval['status'],
    requester: r.requester as string,
    reason: str(r.reason),
    fingerprint: str(r.fingerprint),
    risk: str(r.risk) as RiskLevel | null,
    findings: parse<ScanFinding[]>(r.findings_json, []),
    requestedTrust: str(r.requested_trust) as TrustLevel | null,
    diff: str(r.diff_json),
    trust: str(r.trust) as TrustLevel | null,
    allowedClients: r.allowed_clients_json == null ? null : parse<string[]>(r.allowed_clients_json, []),
    rateLimitPerMinute: typeof r.rate_limit_per_minute === 'number' ? r.rate_limit_per_minute : null,
    notes: str(r.notes),
    decidedBy: str(r.decided_by),
    decidedAt: str(r.decided_at),
    createdAt: r.created_at as string,
    source: str(r.source_name),
    // Requests made before schema 7 recorded no details: what they would have said is unknown.
    details: parse<ApprovalDetails>(r.details_json, { storedCredentials: null, reviewFailure: null }),
  }
}

/** The one source a skill row came from (two sources of the same URL: the older), so no request is listed twice. */
const SOURCE_OF_SKILL = "SELECT id FROM repos WHERE type || ':' || url = s.source ORDER BY id LIMIT 1"
/**
 * Requests with the configured source their skill came from (matched the way a sync records it on the
 * skill: `<type>:<url>`); null for skills that came from no configured source.
 */
const SELECT_WITH_SOURCE = `SELECT a.*, a.rowid AS row_id, r.name AS source_name FROM approvals a
  LEFT JOIN skills s ON s.name = a.skill_name
  LEFT JOIN repos r ON r.id = (${SOURCE_OF_SKILL})`

const RISKS: RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']

/** Which requests one page shows. `after` is the id of the last request of the previous page. */
export interface ApprovalFilter {
  status?: Approval['status']
  source?: string
  risk?: RiskLevel
  /** This risk or lower (requests never scanned are left out). */
  maxRisk?: RiskLevel
  after?: string
  limit?: number
}

export interface NewApproval {
  id: string
  skill: string
  kind: ApprovalKind
  requester: string
  reason: string | null
  fingerprint: string | null
  risk: RiskLevel | null
  findings: ScanFinding[]
  requestedTrust: TrustLevel | null
  diff: string | null
  skillPath: string
  details: ApprovalDetails
}

export interface Decision {
  status: 'approved' | 'rejected'
  trust: TrustLevel | null
  allowedClients: string[] | null
  rateLimitPerMinute: number | null
  notes: string | null
  decidedBy: string
}

/** The approval inbox's storage. Only SQL for approvals lives here. */
export class ApprovalRepository {
  constructor(private readonly db: Db) {}

  /** Adds a request; any older pending request for the same skill is superseded by it. */
  create(a: NewApproval, now: string): Approval {
    prepared(
      this.db,
      "UPDATE approvals SET status = 'superseded', decided_at = ? WHERE skill_name = ? AND status = 'pending'",
    ).run(now, a.skill)
    prepared(
      this.db,
      `INSERT INTO approvals (id, skill_name, kind, status, requester, reason, fingerprint, risk, findings_json,
           requested_trust, diff_json, skill_path, created_at, details_json)
         VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      a.id,
      a.skill,
      a.kind,
      a.requester,
      a.reason,
      a.fingerprint,
      a.risk,
      JSON.stringify(a.findings),
      a.requestedTrust,
      a.diff,
      a.skillPath,
      now,
      JSON.stringify(a.details),
    )
    return this.get(a.id)!
  }

  get(id: string): Approval | null {
    const row = prepared(this.db, `${SELECT_WITH_SOURCE} WHERE a.id = ?`).get(id) as Row | undefined
    return row ? toApproval(row) : null
  }

  list(status?: Approval['status']): Approval[] {
    return this.page({ status })
  }

  /**
   * Newest first, filtered, one page at a time: keyset paging on (created_at, rowid), so a page
   * costs the same at the 2,000th request as at the first. No `limit`: every match.
   */
  page(filter: ApprovalFilter): Approval[] {
    const where: string[] = []
    const params: unknown[] = []
    const add = (clause: string, value: unknown): void => {
      where.push(clause)
      params.push(value)
    }
    if (filter.status) add('a.status = ?', filter.status)
    if (filter.source !== undefined) add('r.name = ?', filter.source)
    if (filter.risk) add('a.risk = ?', filter.risk)
    if (filter.maxRisk) {
      const allowed = RISKS.slice(0, RISKS.indexOf(filter.maxRisk) + 1)
      where.push(`a.risk IN (${allowed.map(() => '?').join(', ')})`)
      params.push(...allowed)
    }
    if (filter.after !== undefined) {
      const anchor = prepared(this.db, 'SELECT created_at, rowid FROM approvals WHERE id = ?').get(
        filter.after,
      ) as { created_at: string; rowid: number } | undefined
      if (!anchor) return []
      where.push('(a.created_at < ? OR (a.created_at = ? AND a.rowid < ?))')
      params.push(anchor.created_at, anchor.created_at, anchor.rowid)
    }
    const sql = `${SELECT_WITH_SOURCE}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
      ORDER BY a.created_at DESC, a.rowid DESC${filter.limit ? ' LIMIT ?' : ''}`
    if (filter.limit) params.push(filter.limit)
    return (prepared(this.db, sql).all(...params) as Row[]).map(toApproval)
  }

  /** Whether a source of this name is configured. */
  hasSource(name: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM repos WHERE name = ?').get(name) !== undefined
  }

  /** How many requests of a status each source and risk has: the inbox's group headings. */
  groups(
    status: Approval['status'],
  ): Array<{ source: string | null; risk: RiskLevel | null; count: number }> {
    const rows = prepared(
      this.db,
      `SELECT r.name AS source, a.risk AS risk, count(*) AS count FROM approvals a
           LEFT JOIN skills s ON s.name = a.skill_name
           LEFT JOIN repos r ON r.id = (${SOURCE_OF_SKILL})
         WHERE a.status = ? GROUP BY r.name, a.risk ORDER BY r.name, a.risk`,
    ).all(status) as Array<{ source: string | null; risk: string | null; count: number }>
    return rows.map((row) => ({ ...row, risk: row.risk as RiskLevel | null }))
  }

  latestFor(skill: string): Approval | null {
    const row = prepared(
      this.db,
      'SELECT * FROM approvals WHERE skill_name = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    ).get(skill) as Row | undefined
    return row ? toApproval(row) : null
  }

  pendingCount(): number {
    return (
      prepared(this.db, "SELECT count(*) AS n FROM approvals WHERE status = 'pending'").get() as {
        n: number
      }
    ).n
  }

  decide(id: string, d: Decision, now: string): Approval {
    prepared(
      this.db,
      `UPDATE approvals SET status = ?, trust = ?, allowed_clients_json = ?, rate_limit_per_minute = ?, notes = ?,
           decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'`,
    ).run(
      d.status,
      d.trust,
      d.allowedClients === null ? null : JSON.stringify(d.allowedClients),
      d.rateLimitPerMinute,
      d.notes,
      d.decidedBy,
      now,
      id,
    )
    return this.get(id)!
  }

  /** Marks open requests of a skill that no longer exists as superseded; returns their ids. */
  supersedeFor(skill: string, notes: string, decidedBy: string, now: string): string[] {
    const ids = prepared(this.db, "SELECT id FROM approvals WHERE skill_name = ? AND status = 'pending'").all(
      skill,
    ) as { id: string }[]
    prepared(
      this.db,
      "UPDATE approvals SET status = 'superseded', notes = ?, decided_by = ?, decided_at = ? WHERE skill_name = ? AND status = 'pending'",
    ).run(notes, decidedBy, now, skill)
    return ids.map((row) => row.id)
  }
}
