import type { Db } from './database'

/**
 * Tells whether another connection (another SkillDock process: the CLI, the desktop app) committed
 * to the database since the last look. `PRAGMA data_version` ignores this connection's own commits.
 */
export class ForeignChangeProbe {
  private last: number

  constructor(private readonly db: Db) {
    this.last = this.version()
  }

  changed(): boolean {
    const now = this.version()
    if (now === this.last) return false
    this.last = now
    return true
  }

  private version(): number {
    return this.db.pragma('data_version', { simple: true }) as number
  }
}
