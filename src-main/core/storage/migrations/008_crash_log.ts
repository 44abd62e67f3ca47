import type { Migration } from './index'

/**
 * Schema 8: skill server crashes, so that a crash loop spread over separate processes (three
 * `skilldock call`s, each crashing once) disables the skill just as one long-running process does.
 */
export const crashLog: Migration = {
  version: 8,
  name: 'crash-log',
  up(db) {
    db.exec(`
      CREATE TABLE skill_crashes (
        id INTEGER PRIMARY KEY,
        skill TEXT NOT NULL,
        at_ms INTEGER NOT NULL
      );
      CREATE INDEX skill_crashes_skill_at ON skill_crashes (skill, at_ms);
    `)
  },
}
