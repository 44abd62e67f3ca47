import type { ScanReport } from '../../../contract/models'

/** Folders scanned per pass: large enough to share Python processes, small enough for steady progress. */
const CHUNK = 200

interface Waiting {
  dir: string
  resolve: (r: ScanReport) => void
  reject: (e: unknown) => void
}

/**
 * A one-folder scanner that gathers the folders asked for at the same moment (an install batch
 * assesses all of its skills at once) into `scanMany` calls of up to 200 folders, so the Python
 * analyser runs once per batch of files (its processes shared between skills) rather than once per
 * skill, and a ten-thousand-skill sync still reports progress between passes. A folder asked for
 * alone is scanned alone, as before.
 */
export function batchedScanner(
  scanMany: (dirs: string[]) => Promise<ScanReport[]>,
): (dir: string) => Promise<ScanReport> {
  const waiting: Waiting[] = []
  let running = false
  const pass = async (): Promise<void> => {
    running = true
    try {
      while (waiting.length > 0) {
        const chunk = waiting.splice(0, CHUNK)
        try {
          const reports = await scanMany(chunk.map((w) => w.dir))
          chunk.forEach((w, i) => {
            const report = reports[i]
            if (report) w.resolve(report)
            else w.reject(new Error(`The scan of ${w.dir} produced no report.`))
          })
        } catch (err) {
          for (const w of chunk) w.reject(err)
        }
        // Let the resolved assessments report their progress before the next pass.
        await new Promise((next) => setImmediate(next))
      }
    } finally {
      running = false
    }
  }
  return (dir) =>
    new Promise<ScanReport>((resolve, reject) => {
      // After the calls made in this turn of the event loop (and their synchronous work) are in.
      if (waiting.length === 0 && !running) setImmediate(() => void pass())
      waiting.push({ dir, resolve, reject })
    })
}
