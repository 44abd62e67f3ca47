import type { RuntimeState } from '../../contract/models'
import type { Entry, SupervisorDeps, SupervisorOptions } from './supervisorModel'

/**
 * Crash accounting for skill servers: crashes counted within a window (in this process and, through
 * the database, across SkillDock processes), exponential backoff before the next start, and a skill
 * disabled after a crash loop.
 */
export class CrashAccounting {
  constructor(
    private readonly deps: SupervisorDeps,
    private readonly options: SupervisorOptions,
    private readonly setState: (skill: string, e: Entry, state: RuntimeState) => void,
  ) {}

  /** Counts a crash; a loop disables the skill, otherwise it backs off before the next start. */
  record(skill: string, e: Entry, reason: string): void {
    const now = Date.now()
    e.crashes = [...e.crashes.filter((t) => now - t < this.options.crashWindowMs), now]
    e.lastError = reason
    const crashes = Math.max(e.crashes.length, this.countShared(skill, now))
    this.deps.logger.log('warn', 'skill server crashed', { skill, reason, crashes })
    if (crashes >= this.options.maxCrashes) {
      this.setState(skill, e, 'disabled')
      this.deps.crashes?.clear(skill)
      this.deps.disable(
        skill,
        `${crashes} crashes within ${Math.round(this.options.crashWindowMs / 60_000)} minutes; last: ${reason}`,
      )
      return
    }
    const delay = Math.min(
      this.options.backoffBaseMs * 2 ** (e.crashes.length - 1),
      this.options.backoffMaxMs,
    )
    e.backoffUntil = now + delay
    this.setState(skill, e, 'backoff')
  }

  /** The crashes of every process within the window; a failing store never hides this process's own. */
  private countShared(skill: string, now: number): number {
    try {
      return this.deps.crashes?.record(skill, now, this.options.crashWindowMs) ?? 0
    } catch (err) {
      this.deps.logger.log('warn', 'counting a crash in the database failed', { skill, error: String(err) })
      return 0
    }
  }

  /** This process's crashes of the skill within the window. */
  recent(e: Entry): number {
    const now = Date.now()
    return e.crashes.filter((t) => now - t < this.options.crashWindowMs).length
  }
}
