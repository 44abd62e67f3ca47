import type { Migration } from './index'

/** Schema 3: call policies, roles and client permissions, pending call approvals, rate limits. */
export const policies: Migration = {
  version: 3,
  name: 'policies',
  up(db) {
    db.exec(`
      CREATE TABLE call_policies (
        id INTEGER PRIMARY KEY,
        skill_pattern TEXT NOT NULL,
        tool_pattern TEXT NOT NULL DEFAULT '*',
        kind TEXT NOT NULL CHECK (kind IN ('requires_approval', 'dry_run')),
        timeout_seconds INTEGER NOT NULL DEFAULT 300,
        created_at TEXT NOT NULL
      );

      CREATE TABLE roles (
        name TEXT PRIMARY KEY,
        allow_json TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL
      );

      CREATE TABLE client_roles (
        client TEXT PRIMARY KEY REFERENCES client_tokens (name) ON DELETE CASCADE,
        role TEXT NOT NULL REFERENCES roles (name),
        assigned_at TEXT NOT NULL
      );

      CREATE TABLE rate_limits (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL CHECK (scope IN ('skill', 'client')),
        target TEXT NOT NULL,
        max_calls INTEGER NOT NULL CHECK (max_calls > 0),
        window_seconds INTEGER NOT NULL CHECK (window_seconds > 0),
        created_at TEXT NOT NULL,
        UNIQUE (scope, target)
      );

      CREATE TABLE rate_limit_hits (
        limit_id INTEGER NOT NULL REFERENCES rate_limits (id) ON DELETE CASCADE,
        at_ms INTEGER NOT NULL
      );
      CREATE INDEX rate_limit_hits_limit ON rate_limit_hits (limit_id, at_ms);

      CREATE TABLE call_requests (
        id TEXT PRIMARY KEY,
        skill_name TEXT NOT NULL,
        tool TEXT NOT NULL,
        arguments_json TEXT NOT NULL DEFAULT '{}',
        client TEXT NOT NULL,
        origin TEXT NOT NULL,
        policy_id INTEGER,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'expired')),
        reason TEXT,
        decided_by TEXT,
        decided_at TEXT,
        expires_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX call_requests_status ON call_requests (status, created_at);
    `)
  },
}
