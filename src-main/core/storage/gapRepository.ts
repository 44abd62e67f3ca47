import { randomUUID } from 'node:crypto'
import type { Db } from './database'

export type GapStatus = 'open' | 'generating' | 'proposed' | 'resolved' | 'dismissed'

/** A capability an agent asked for and no usable skill offered (docs/ARCHITECTURE.md §2, generator/). */
export interface GapRecord {
  id: string
  capability: string
  capabilityKey: string
  context: string
  trigger: string
  requester: string
  status: GapStatus
  occurrences: number
  createdAt: string
  updatedAt: string
}

type Row = {
  id: string
  capability: string
  capability_key: string
  context: string
  trigger: string
  requester: string
  status: GapStatus
  occurrences: number
  created_at: string
  updated_at: string
}

const toRecord = (row: Row): GapRecord => ({
  id: row.id,
  capability: row.capability,
  capabilityKey: row.capability_key,
  context: row.context,
  trigger: row.trigger,
  requester: row.requester,
  status: row.status,
  occurrences: row.occurrences,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

/** Words that do not change what is being asked for ("a tool to convert units" = "convert units"). */
const FILLER = new Set(['a', 'an', 'the', 'to', 'for', 'of', 'some', 'skill', 'tool', 'that', 'which', 'can'])

/**
 * The de-duplication key of a capability: case, accents, punctuation, spacing and filler words
 * do not make two requests different.
 */
export function capabilityKey(capability: string): string {
  const words = capability
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !FILLER.has(w))
  return words.join(' ')
}

export interface GapInput {
  capability: string
  context: string
  trigger: string
  requester: string
}

/** Storage of capability gaps (`gaps`). The only place with gap SQL. */
export class GapRepository {
  constructor(private readonly db: Db) {}

  /**
   * Records a gap, or counts one more occurrence of the same capability (by its key).
   * A newer non-empty context replaces the old one; the status is never changed here.
   */
  record(input: GapInput, now: string): { gap: GapRecord; created: boolean } {
    const key = capabilityKey(input.capability) || input.capability.trim().toLowerCase()
    return this.db.transaction(() => {
      const existing = this.db.prepare('SELECT * FROM gaps WHERE capability_key = ?').get(key) as
        Row | undefined
      if (existing) {
        this.db
          .prepare(
            `UPDATE gaps SET occurrences = occurrences + 1, updated_at = ?,
               context = CASE WHEN ? <> '' THEN ? ELSE context END WHERE id = ?`,
          )
          .run(now, input.context, input.context, existing.id)
        return { gap: this.find(existing.id)!, created: false }
      }
      const row = this.db
        .prepare(
          `INSERT INTO gaps (id, capability, capability_key, context, trigger, requester, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        )
        .get(
          randomUUID(),
          input.capability.trim(),
          key,
          input.context,
          input.trigger,
          input.requester,
          now,
          now,
        ) as Row
      return { gap: toRecord(row), created: true }
    })()
  }

  find(id: string): GapRecord | null {
    const row = this.db.prepare('SELECT * FROM gaps WHERE id = ?').get(id) as Row | undefined
    return row ? toRecord(row) : null
  }

  /** Moves a gap along its lifecycle (the generator: generating → proposed / open / resolved). */
  setStatus(id: string, status: GapStatus, now: string): void {
    this.db.prepare('UPDATE gaps SET status = ?, updated_at = ? WHERE id = ?').run(status, now, id)
  }

  list(): GapRecord[] {
    return (this.db.prepare('SELECT * FROM gaps ORDER BY updated_at DESC').all() as Row[]).map(toRecord)
  }
}
