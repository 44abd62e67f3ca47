import type { Migration } from './index'

/**
 * Schema 6: one row per tool call for metrics, whatever the skill's trust level (the audit log keeps
 * per-call lines only for skills that are not `trusted`). Filled from the audit log's existing calls.
 */
export const callMetrics: Migration = {
  version: 6,
  name: 'call-metrics',
  up(db) {
    db.exec(`
      CREATE TABLE tool_calls (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        skill TEXT NOT NULL,
        tool TEXT NOT NULL,
        client TEXT,
        outcome TEXT NOT NULL,
        duration_ms REAL
      );
      CREATE INDEX tool_calls_skill_at ON tool_calls (skill, at);
      CREATE INDEX tool_calls_at ON tool_calls (at);

      INSERT INTO tool_calls (at, skill, tool, client, outcome, duration_ms)
        SELECT at, skill_name, coalesce(json_extract(detail_json, '$.tool'), '?'), client,
               coalesce(outcome, 'error'), json_extract(detail_json, '$.durationMs')
          FROM audit_log
         WHERE action = 'tool.call' AND skill_name IS NOT NULL AND json_valid(detail_json);
    `)
  },
}
