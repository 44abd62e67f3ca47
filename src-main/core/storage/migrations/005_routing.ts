import type { Migration } from './index'

/** Schema 5: routing feedback (a person's correction: this query belongs to that skill, maybe that tool). */
export const routing: Migration = {
  version: 5,
  name: 'routing',
  up(db) {
    db.exec(`
      CREATE TABLE route_feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        query TEXT NOT NULL,
        skill_name TEXT NOT NULL,
        tool TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX route_feedback_skill ON route_feedback(skill_name);
    `)
  },
}
