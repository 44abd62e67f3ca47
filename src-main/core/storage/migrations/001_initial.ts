import type { Migration } from './index'

/** Schema 1: the catalog, its FTS index, and the tables later services fill in. */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE skills (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        origin TEXT NOT NULL CHECK (origin IN ('builtin', 'library', 'draft')),
        path TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('draft', 'pending', 'active', 'disabled', 'installed',
          'builtin', 'rejected', 'changed', 'deprecated')),
        trust TEXT NOT NULL CHECK (trust IN ('trusted', 'monitored', 'sandboxed', 'restricted')),
        source TEXT NOT NULL,
        version TEXT,
        description TEXT NOT NULL DEFAULT '',
        frontmatter_json TEXT NOT NULL DEFAULT '{}',
        requires_json TEXT NOT NULL DEFAULT '{}',
        instructions TEXT NOT NULL DEFAULT '',
        tags_json TEXT NOT NULL DEFAULT '[]',
        declared_tools_json TEXT NOT NULL DEFAULT '[]',
        category TEXT,
        emoji TEXT,
        homepage TEXT,
        license TEXT,
        fingerprint TEXT,
        stat_signature TEXT,
        files_json TEXT NOT NULL DEFAULT '[]',
        valid INTEGER NOT NULL DEFAULT 1,
        errors_json TEXT NOT NULL DEFAULT '[]',
        warnings_json TEXT NOT NULL DEFAULT '[]',
        has_server INTEGER NOT NULL DEFAULT 0,
        risk TEXT CHECK (risk IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
        approved_fingerprint TEXT,
        deprecated_reason TEXT,
        replacement TEXT,
        indexed_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX skills_state ON skills (state);

      CREATE VIRTUAL TABLE skills_fts USING fts5 (
        name, description, tags, instructions,
        tokenize = 'porter unicode61 remove_diacritics 2'
      );

      CREATE TABLE skill_tools (
        skill_id INTEGER NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        input_schema_json TEXT NOT NULL DEFAULT '{}',
        output_schema_json TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (skill_id, name)
      );

      CREATE TABLE repos (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL CHECK (type IN ('git', 'local', 'http', 'mcp')),
        url TEXT NOT NULL,
        ref TEXT,
        auto_sync_minutes INTEGER,
        allow_local INTEGER NOT NULL DEFAULT 0,
        last_sync_at TEXT,
        last_status TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL
      );

      CREATE TABLE approvals (
        id TEXT PRIMARY KEY,
        skill_name TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'superseded')),
        requester TEXT NOT NULL,
        reason TEXT,
        fingerprint TEXT,
        risk TEXT,
        findings_json TEXT NOT NULL DEFAULT '[]',
        trust TEXT,
        notes TEXT,
        decided_by TEXT,
        decided_at TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX approvals_status ON approvals (status, created_at);

      CREATE TABLE governance (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        mode TEXT NOT NULL DEFAULT 'semi_auto' CHECK (mode IN ('full_auto', 'semi_auto', 'locked')),
        default_trust TEXT NOT NULL DEFAULT 'sandboxed',
        gap_detection INTEGER NOT NULL DEFAULT 1,
        self_generation INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL
      );
      INSERT INTO governance (id, updated_at) VALUES (1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        skill_name TEXT,
        client TEXT,
        outcome TEXT,
        detail_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_skill ON audit_log (skill_name, at);

      CREATE TABLE client_tokens (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        token_hash TEXT NOT NULL UNIQUE,
        mode TEXT NOT NULL DEFAULT 'catalog' CHECK (mode IN ('catalog', 'direct')),
        created_at TEXT NOT NULL,
        last_used_at TEXT
      );
    `)
  },
}
