import type { Migration } from './index'

/** Schema 2: scan cache, pinning, exposure policy of approved skills, capability gaps. */
export const trustAndEndpoint: Migration = {
  version: 2,
  name: 'trust-and-endpoint',
  up(db) {
    db.exec(`
      ALTER TABLE skills ADD COLUMN pinned_tools_hash TEXT;
      ALTER TABLE skills ADD COLUMN allowed_clients_json TEXT;
      ALTER TABLE skills ADD COLUMN rate_limit_per_minute INTEGER;
      ALTER TABLE skills ADD COLUMN promoted_at TEXT;
      ALTER TABLE skills ADD COLUMN approved_at TEXT;
      ALTER TABLE skills ADD COLUMN approved_commit TEXT;

      CREATE TABLE scan_results (
        fingerprint TEXT PRIMARY KEY,
        risk TEXT NOT NULL CHECK (risk IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
        report_json TEXT NOT NULL,
        scanned_at TEXT NOT NULL
      );

      ALTER TABLE approvals ADD COLUMN diff_json TEXT;
      ALTER TABLE approvals ADD COLUMN requested_trust TEXT;
      ALTER TABLE approvals ADD COLUMN allowed_clients_json TEXT;
      ALTER TABLE approvals ADD COLUMN rate_limit_per_minute INTEGER;
      ALTER TABLE approvals ADD COLUMN skill_path TEXT;

      CREATE TABLE gaps (
        id TEXT PRIMARY KEY,
        capability TEXT NOT NULL,
        capability_key TEXT NOT NULL UNIQUE,
        context TEXT NOT NULL DEFAULT '',
        trigger TEXT NOT NULL,
        requester TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'generating', 'proposed', 'resolved', 'dismissed')),
        occurrences INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `)
  },
}
