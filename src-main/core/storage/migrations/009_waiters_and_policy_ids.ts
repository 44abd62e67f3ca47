import type { Migration } from './index'

/**
 * Schema 9: a held call records the process waiting for it (pid and host), so approving a call
 * whose waiter died says so instead of approving a call that will never run; call policy ids are
 * never reused after a removal (AUTOINCREMENT), so `policy remove 2` cannot later hit a new policy.
 */
export const waitersAndPolicyIds: Migration = {
  version: 9,
  name: 'waiters-and-policy-ids',
  up(db) {
    db.exec(`
      CREATE TABLE call_policies_v9 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        skill_pattern TEXT NOT NULL,
        tool_pattern TEXT NOT NULL DEFAULT '*',
        kind TEXT NOT NULL CHECK (kind IN ('requires_approval', 'dry_run')),
        timeout_seconds INTEGER NOT NULL DEFAULT 300,
        created_at TEXT NOT NULL
      );
      INSERT INTO call_policies_v9 (id, skill_pattern, tool_pattern, kind, timeout_seconds, created_at)
        SELECT id, skill_pattern, tool_pattern, kind, timeout_seconds, created_at FROM call_policies;
      DROP TABLE call_policies;
      ALTER TABLE call_policies_v9 RENAME TO call_policies;

      ALTER TABLE call_requests ADD COLUMN waiter_pid INTEGER;
      ALTER TABLE call_requests ADD COLUMN waiter_host TEXT;
    `)
  },
}
