import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Migration } from './index'

interface OldTeam {
  name?: unknown
  url?: unknown
  ref?: unknown
  source?: unknown
  allowLocal?: unknown
  genesis?: unknown
  joinedAt?: unknown
}

/**
 * Schema 10: the joined teams live in the database (they were `<home>/team/teams.json`), so joining,
 * pinning a team's trust anchors and applying its shared policies commit together or not at all.
 * An existing teams.json is imported here, inside this migration's transaction: exactly once.
 */
export const teams: Migration = {
  version: 10,
  name: 'teams',
  up(db) {
    db.exec(`
      CREATE TABLE teams (
        name TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        ref TEXT,
        source TEXT NOT NULL,
        allow_local INTEGER NOT NULL DEFAULT 0,
        genesis TEXT,
        signers_commit TEXT,
        joined_at TEXT NOT NULL
      );
      CREATE TABLE team_shared (
        team TEXT NOT NULL REFERENCES teams (name) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value_json TEXT NOT NULL,
        local_id INTEGER,
        PRIMARY KEY (team, key)
      );
    `)
    const insert = db.prepare(
      `INSERT OR IGNORE INTO teams (name, url, ref, source, allow_local, genesis, joined_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    for (const t of oldTeams(db.name)) {
      if (typeof t.name !== 'string' || typeof t.url !== 'string' || typeof t.source !== 'string') continue
      insert.run(
        t.name,
        t.url,
        typeof t.ref === 'string' ? t.ref : null,
        t.source,
        t.allowLocal === true ? 1 : 0,
        typeof t.genesis === 'string' ? t.genesis : null,
        typeof t.joinedAt === 'string' ? t.joinedAt : new Date(0).toISOString(),
      )
    }
  },
}

/** The teams of a `team/teams.json` next to the database; none when absent or unreadable. */
function oldTeams(dbFile: string): OldTeam[] {
  if (dbFile === ':memory:' || dbFile === '') return []
  const file = join(dirname(dbFile), 'team', 'teams.json')
  if (!existsSync(file)) return []
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { teams?: unknown }
    return Array.isArray(doc.teams) ? (doc.teams as OldTeam[]) : []
  } catch {
    // A damaged file held nothing usable; the team is joined again (`team join`).
    return []
  }
}
