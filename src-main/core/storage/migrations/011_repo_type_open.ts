import type { Migration } from './index'

/**
 * Schema 11: `repos.type` loses its `CHECK (type IN ('git','local','http','mcp'))`, so a new source
 * kind (a `SourceType` member and its module in core/sources/kinds/) needs no migration of its own;
 * the type is checked by the contract's `SourceType` on the way in. SQLite cannot change a CHECK in
 * place: the table is rebuilt (new table, rows copied with their ids, old one dropped, new one
 * renamed). Nothing references `repos` and it has no index or trigger besides its UNIQUE name.
 */
export const repoTypeOpen: Migration = {
  version: 11,
  name: 'repo_type_open',
  up(db) {
    db.exec(`
      CREATE TABLE repos_new (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        url TEXT NOT NULL,
        ref TEXT,
        auto_sync_minutes INTEGER,
        allow_local INTEGER NOT NULL DEFAULT 0,
        last_sync_at TEXT,
        last_status TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL
      );
      INSERT INTO repos_new (id, name, type, url, ref, auto_sync_minutes, allow_local, last_sync_at,
        last_status, last_error, created_at)
        SELECT id, name, type, url, ref, auto_sync_minutes, allow_local, last_sync_at,
          last_status, last_error, created_at
        FROM repos;
      DROP TABLE repos;
      ALTER TABLE repos_new RENAME TO repos;
    `)
  },
}
