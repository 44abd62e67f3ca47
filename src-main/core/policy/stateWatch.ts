import type { Disposable } from '../base/disposable'
import type { Logger } from '../base/logger'
import { notRunnable, type SkillGateRow } from './skillGate'

/** How often a long-running core looks for skills another process disabled, deprecated or changed. */
export const STATE_WATCH_MS = 1000

export interface SkillStateWatchDeps {
  /** True when another process committed to the shared database since the last look (`PRAGMA data_version`). */
  foreignChanged: () => boolean
  gate: { read(name: string): SkillGateRow | null }
  /** Skills whose process runs (or is starting) in this process. */
  running: () => string[]
  stop: (skill: string) => Promise<unknown>
  logger: Logger
}

/**
 * `skilldock disable <skill>` in a terminal while `serve` (or the desktop app) runs: nothing in
 * this process hears about it, so its running process would keep serving until the next call.
 * A cheap probe of the database notices other processes' commits; then every running skill's
 * row is read again and the processes of skills that may no longer run are stopped.
 */
export class SkillStateWatch implements Disposable {
  private readonly timer: NodeJS.Timeout

  constructor(private readonly deps: SkillStateWatchDeps) {
    this.timer = setInterval(() => void this.check(), STATE_WATCH_MS)
    this.timer.unref()
  }

  /** Stops what may no longer run when another process changed the database; returns the stopped skills. */
  async check(): Promise<string[]> {
    try {
      if (!this.deps.foreignChanged()) return []
      return await this.sweep()
    } catch (err) {
      // The database closed under the timer (shutting down): nothing to stop.
      this.deps.logger.log('debug', 'the skill state watch could not look', { error: String(err) })
      return []
    }
  }

  private async sweep(): Promise<string[]> {
    const stale = this.deps.running().filter((name) => {
      const row = this.deps.gate.read(name)
      return row === null || notRunnable(row) !== null || row.deprecatedReason !== null
    })
    await Promise.all(stale.map((name) => this.deps.stop(name).catch(() => undefined)))
    for (const skill of stale)
      this.deps.logger.log('info', 'stopped a skill another process switched off', { skill })
    return stale
  }

  dispose(): void {
    clearInterval(this.timer)
  }
}
