import type { Db } from './database'

/**
 * Crashes of skill servers within the crash-loop window, shared by every SkillDock process on the
 * data home. Only times are kept: a crash reason may quote a skill's output.
 */
export class CrashLog {
  private readonly insert
  private readonly prune
  private readonly count
  private readonly remove

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO skill_crashes (skill, at_ms) VALUES (?, ?)')
    this.prune = db.prepare('DELETE FROM skill_crashes WHERE skill = ? AND at_ms <= ?')
    this.count = db.prepare('SELECT count(*) AS n FROM skill_crashes WHERE skill = ? AND at_ms > ?')
    this.remove = db.prepare('DELETE FROM skill_crashes WHERE skill = ?')
  }

  /** Records a crash at `atMs`; returns how many crashes of the skill (any process) fall within `windowMs`. */
  record(skill: string, atMs: number, windowMs: number): number {
    return this.db.transaction(() => {
      this.prune.run(skill, atMs - windowMs)
      this.insert.run(skill, atMs)
      return (this.count.get(skill, atMs - windowMs) as { n: number }).n
    })()
  }

  /** Forgets a skill's crashes (it was re-enabled, or removed). */
  clear(skill: string): void {
    this.remove.run(skill)
  }
}
