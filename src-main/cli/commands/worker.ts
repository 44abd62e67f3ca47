import type { Command } from 'commander'
import type { CliContext } from '../context'

/** What one pass did, as a person reads it. */
function passText(pass: { requeued: number; keysExpired: number; schedulesFired: number; jobsRun: number }) {
  return [
    `schedules fired: ${pass.schedulesFired}`,
    `job attempts run: ${pass.jobsRun}`,
    `jobs given back from a stopped worker: ${pass.requeued}`,
    `idempotency keys expired: ${pass.keysExpired}`,
  ].join('\n')
}

/**
 * worker: runs schedules, jobs and expirations without the UI. `--once` is for cron and systemd
 * timers: one pass, then exit. Jobs are claimed under leases, so a worker, `serve` and the desktop
 * app on one data home never run the same job twice.
 */
export function registerWorkerCommand(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description('run due schedules, jobs and expirations without the UI (--once: one pass, then exit)')
    .option('--once', 'run what is due now and exit (for cron or a systemd timer)')
    .action(async (opts: { once?: boolean }) => {
      if (opts.once) {
        const pass = await ctx.call('worker.runDue', {})
        // Listing held calls marks the ones whose wait ended as expired: nobody can approve them any more.
        await ctx.call('calls.list', { status: 'pending' })
        ctx.output(pass, () => passText(pass))
        return
      }
      // The watching core runs the worker on its timer (as serve does), plus folder watching and source auto-sync.
      ctx.open({ watch: true })
      ctx.io.stderr(`SkillDock worker running (pid ${process.pid}); Ctrl+C stops it.\n`)
      await new Promise<void>((resolve) => {
        const stop = () => resolve()
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
    })
}
