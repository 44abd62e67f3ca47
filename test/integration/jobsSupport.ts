import { appWith, automationCore, ManualClock, ManualTimer } from '../support/automation'
import { tempDir } from '../support/fs'

// Shared by the automation worker suites (jobs.test.ts, schedules.test.ts).

/** A long-running core (serve/desktop) whose worker runs only when the test fires its timer. */
export function worker(
  appRoot = appWith(['text-stats']),
  home = tempDir('skilldock-jobs-home-'),
  clock = new ManualClock(),
) {
  const timer = new ManualTimer()
  const t = automationCore(appRoot, { home, clock, watch: true, automationTimer: timer })
  return { t, clock, timer, home, appRoot }
}

export const HOUR = 3600_000
