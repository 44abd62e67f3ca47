import type { Governance, GovernanceMode, TrustLevel } from '../../contract/models'
import type { Db } from './database'

/** The single governance row. */
export class GovernanceRepository {
  constructor(private readonly db: Db) {}

  get(): Governance {
    const row = this.db
      .prepare(
        'SELECT mode, default_trust, gap_detection, self_generation, updated_at FROM governance WHERE id = 1',
      )
      .get() as {
      mode: GovernanceMode
      default_trust: TrustLevel
      gap_detection: number
      self_generation: number
      updated_at: string
    }
    return {
      mode: row.mode,
      defaultTrust: row.default_trust,
      gapDetection: row.gap_detection === 1,
      selfGeneration: row.self_generation === 1,
      updatedAt: row.updated_at,
    }
  }

  update(change: Partial<Omit<Governance, 'updatedAt'>>, now: string): Governance {
    const next = { ...this.get(), ...change }
    this.db
      .prepare(
        `UPDATE governance SET mode = ?, default_trust = ?, gap_detection = ?, self_generation = ?, updated_at = ?
          WHERE id = 1`,
      )
      .run(next.mode, next.defaultTrust, next.gapDetection ? 1 : 0, next.selfGeneration ? 1 : 0, now)
    return this.get()
  }
}
