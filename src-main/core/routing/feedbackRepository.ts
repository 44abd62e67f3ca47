import type { RouteFeedback } from '../../contract/routing'
import type { Db } from '../storage/database'

interface Row {
  id: number
  query: string
  skill_name: string
  tool: string | null
  created_at: string
}

const toFeedback = (row: Row): RouteFeedback => ({
  id: row.id,
  query: row.query,
  skill: row.skill_name,
  tool: row.tool,
  createdAt: row.created_at,
})

/** The `route_feedback` table: corrections people made to routing decisions. */
export class FeedbackRepository {
  constructor(private readonly db: Db) {}

  add(query: string, skill: string, tool: string | null, at: string): RouteFeedback {
    const info = this.db
      .prepare('INSERT INTO route_feedback (query, skill_name, tool, created_at) VALUES (?, ?, ?, ?)')
      .run(query, skill, tool, at)
    return { id: Number(info.lastInsertRowid), query, skill, tool, createdAt: at }
  }

  /** Newest first. */
  list(limit = 1000): RouteFeedback[] {
    return (
      this.db
        .prepare(
          'SELECT id, query, skill_name, tool, created_at FROM route_feedback ORDER BY id DESC LIMIT ?',
        )
        .all(limit) as Row[]
    ).map(toFeedback)
  }
}
