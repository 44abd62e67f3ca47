import type { ScanReport } from '../../contract/models'
import type { Db } from './database'
import { prepared } from './prepared'

/**
 * Scan reports by content fingerprint: the same content is never scanned twice. `variant` keeps
 * scans of the same content apart that were made differently (the static scan vs. one with an
 * LLM review).
 */
export class ScanCache {
  constructor(private readonly db: Db) {}

  private key(fingerprint: string, variant: string): string {
    return variant === 'static' ? fingerprint : `${fingerprint}|${variant}`
  }

  get(fingerprint: string, variant = 'static'): ScanReport | null {
    const row = prepared(this.db, 'SELECT report_json FROM scan_results WHERE fingerprint = ?').get(
      this.key(fingerprint, variant),
    ) as { report_json: string } | undefined
    if (!row) return null
    try {
      return JSON.parse(row.report_json) as ScanReport
    } catch {
      return null
    }
  }

  put(report: ScanReport, variant = 'static'): void {
    if (report.fingerprint === null || report.status !== 'complete') return
    prepared(
      this.db,
      `INSERT INTO scan_results (fingerprint, risk, report_json, scanned_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (fingerprint) DO UPDATE SET risk = excluded.risk, report_json = excluded.report_json,
           scanned_at = excluded.scanned_at`,
    ).run(this.key(report.fingerprint, variant), report.risk, JSON.stringify(report), report.scannedAt)
  }
}
