import type { ScanReport } from '../../../contract/models'

/**
 * A one-folder scanner that gathers the folders asked for at the same moment (an install batch
 * assesses all of its skills at once) into one `scanMany` call, so the Python analyser runs once
 * per batch of files (its processes shared between skills) rather than once per skill. A folder
 * asked for alone is scanned alone, as before.
 */
export function batchedScanner(
  scanMany: (dirs: string[]) => Promise<ScanReport[]>,
): (dir: string) => Promise<ScanReport> {
  let waiting: { dir: string; resolve: (r: ScanReport) => void; reject: (e: unknown) => void }[] = []
  const flush = (): void => {
    const batch = waiting
    waiting = []
    scanMany(batch.map((w) => w.dir)).then(
      (reports) =>
        batch.forEach((w, i) => {
          const report = reports[i]
          if (report) w.resolve(report)
          else w.reject(new Error(`The scan of ${w.dir} produced no report.`))
        }),
      (err: unknown) => batch.forEach((w) => w.reject(err)),
    )
  }
  return (dir) =>
    new Promise<ScanReport>((resolve, reject) => {
      // After the calls made in this turn of the event loop (and their synchronous work) are in.
      if (waiting.length === 0) setImmediate(flush)
      waiting.push({ dir, resolve, reject })
    })
}
