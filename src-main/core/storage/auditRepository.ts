import type { Db } from './database'
import { prepared } from './prepared'

export interface AuditEntry {
  actor: string
  action: string
  skillName?: string
  client?: string
  outcome?: string
  detail?: Record<string, unknown>
}

/** Append-only record of what people and clients did. Never holds secrets or argument values. */
export class AuditRepository {
  /** `onAppend` runs after each line is written (the core announces it to the UI). */
  constructor(
    private readonly db: Db,
    private readonly onAppend?: (entry: AuditEntry) => void,
  ) {}

  append(entry: AuditEntry, at: string): void {
    prepared(
      this.db,
      `INSERT INTO audit_log (at, actor, action, skill_name, client, outcome, detail_json)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      at,
      entry.actor,
      entry.action,
      entry.skillName ?? null,
      entry.client ?? null,
      entry.outcome ?? null,
      JSON.stringify(entry.detail ?? {}),
    )
    try {
      this.onAppend?.(entry)
    } catch {
      // Announcing is best effort: a listener's failure must not undo or fail the audit write.
    }
  }

  recent(skillName: string, limit = 50): (AuditEntry & { at: string })[] {
    const rows = prepared(
      this.db,
      `SELECT at, actor, action, skill_name, client, outcome, detail_json FROM audit_log
          WHERE skill_name = ? ORDER BY id DESC LIMIT ?`,
    ).all(skillName, limit) as Record<string, string | null>[]
    return rows.map((r) => ({
      at: r.at ?? '',
      actor: r.actor ?? '',
      action: r.action ?? '',
      skillName: r.skill_name ?? undefined,
      client: r.client ?? undefined,
      outcome: r.outcome ?? undefined,
      detail: JSON.parse(r.detail_json ?? '{}') as Record<string, unknown>,
    }))
  }
}
