import type { ScanReport } from '../../contract/models'
import type { Db } from './database'

/** Scan reports by content fingerprint: the same content is never scanned twice. */
export class ScanCache {
  constructor(private readonly db: Db) {}

  get(fingerprint: string): ScanReport | null {
    const row = this.db
      .prepare('SELECT report_json FROM scan_results WHERE fingerprint = ?')
      .get(fingerprint) as { report_json: string } | undefined
    if (!row) return null
    try {
      return JSON.parse(row.report_json) as ScanReport
    } catch {
      return null
    }
  }

  put(report: ScanReport): void {
    if (report.fingerprint === null || report.status !== 'complete') return
    this.db
      .prepare(
        `INSERT INTO scan_results (fingerprint, risk, report_json, scanned_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (fingerprint) DO UPDATE SET risk = excluded.risk, report_json = excluded.report_json,
           scanned_at = excluded.scanned_at`,
      )
      .run(report.fingerprint, report.risk, JSON.stringify(report), report.scannedAt)
  }
}
