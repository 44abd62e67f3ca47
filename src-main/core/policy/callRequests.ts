import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { CallRequest, CallRequestStatus } from '../../contract/policies'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { CoreEvents } from '../events'
import type { Db } from '../storage/database'

type Row = {
  id: string
  skill_name: string
  tool: string
  arguments_json: string
  client: string
  origin: string
  policy_id: number | null
  status: CallRequestStatus
  reason: string | null
  decided_by: string | null
  decided_at: string | null
  expires_at: string
  created_at: string
  waiter_pid: number | null
  waiter_host: string | null
}

/** False when the process that waits for a held call is known to be gone (same host, no such pid). */
function waiterAlive(row: Row): boolean {
  if (row.waiter_pid === null || row.waiter_host !== hostname()) return true
  try {
    process.kill(row.waiter_pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const toRequest = (r: Row): CallRequest => ({
  id: r.id,
  skill: r.skill_name,
  tool: r.tool,
  arguments: JSON.parse(r.arguments_json) as Record<string, unknown>,
  client: r.client,
  origin: r.origin,
  policyId: r.policy_id,
  status: r.status,
  reason: r.reason,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
})

/** How often a waiting call looks for a decision another process (the CLI) wrote to the database. */
export const DECISION_POLL_MS = 250

export interface NewCallRequest {
  skill: string
  tool: string
  args: Record<string, unknown>
  client: string
  origin: string
  policyId: number
  timeoutSeconds: number
}

/**
 * Calls held by `requires_approval` policies. A decision may come from this process (the UI, a
 * route) or another one sharing the database (the CLI), so a waiting call both listens for the
 * in-process event and polls the database.
 */
export class CallRequestInbox {
  constructor(
    private readonly db: Db,
    private readonly events: CoreEvents,
    private readonly clock: Clock,
  ) {}

  create(input: NewCallRequest): CallRequest {
    const now = this.clock.now()
    const expires = new Date(now.getTime() + input.timeoutSeconds * 1000)
    const row = this.db
      .prepare(
        `INSERT INTO call_requests (id, skill_name, tool, arguments_json, client, origin, policy_id, status,
           expires_at, created_at, waiter_pid, waiter_host) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)
           RETURNING *`,
      )
      .get(
        randomUUID(),
        input.skill,
        input.tool,
        JSON.stringify(input.args),
        input.client,
        input.origin,
        input.policyId,
        expires.toISOString(),
        now.toISOString(),
        // The process that waits for the decision: approving after it died would run nothing.
        process.pid,
        hostname(),
      ) as Row
    const request = toRequest(row)
    this.events.emit('calls.pending', {
      id: request.id,
      skill: request.skill,
      tool: request.tool,
      client: request.client,
    })
    return request
  }

  get(id: string): CallRequest | null {
    const row = this.db.prepare('SELECT * FROM call_requests WHERE id = ?').get(id) as Row | undefined
    return row ? toRequest(row) : null
  }

  /** Newest first; pending requests whose wait ended (their process may be gone) are marked expired first. */
  list(status?: CallRequestStatus, limit = 100): CallRequest[] {
    this.expireOverdue()
    const rows = (
      status === undefined
        ? this.db.prepare('SELECT * FROM call_requests ORDER BY created_at DESC LIMIT ?').all(limit)
        : this.db
            .prepare('SELECT * FROM call_requests WHERE status = ? ORDER BY created_at DESC LIMIT ?')
            .all(status, limit)
    ) as Row[]
    return rows.map(toRequest)
  }

  /** Approves or denies a pending request, by id or a unique prefix of it. */
  decide(idOrPrefix: string, approve: boolean, by: string, reason?: string): CallRequest {
    this.expireOverdue()
    const request = this.resolve(idOrPrefix)
    if (request.status !== 'pending') {
      throw new AppError(
        'CONFLICT',
        `The call ${request.id.slice(0, 8)} to ${request.skill}/${request.tool} is already ${request.status}; nothing was changed.`,
      )
    }
    const row = this.db.prepare('SELECT * FROM call_requests WHERE id = ?').get(request.id) as Row
    if (approve && !waiterAlive(row)) {
      this.markExpired(request.id)
      throw new AppError(
        'CONFLICT',
        `The process that was waiting for the call ${request.id.slice(0, 8)} to ${request.skill}/${request.tool} (pid ${row.waiter_pid}) has stopped, so approving it would run nothing; it is now marked expired. Make the call again.`,
      )
    }
    const status: CallRequestStatus = approve ? 'approved' : 'denied'
    this.db
      .prepare(
        `UPDATE call_requests SET status = ?, reason = ?, decided_by = ?, decided_at = ?
          WHERE id = ? AND status = 'pending'`,
      )
      .run(status, reason ?? null, by, isoNow(this.clock), request.id)
    this.events.emit('calls.decided', { id: request.id, status })
    return this.get(request.id) ?? request
  }

  /**
   * Waits until the request is decided or its wait ends (then it is marked expired). Resolves with
   * the final request (null if it vanished); an aborted wait leaves the request expired too, so nobody approves a call
   * whose caller went away.
   */
  wait(id: string, signal?: AbortSignal): Promise<CallRequest | null> {
    return new Promise((resolve) => {
      let settled = false
      const look = () => {
        const request = this.get(id)
        if (!request) return finish(null)
        if (request.status !== 'pending') return finish(request)
        if (signal?.aborted || this.clock.now().toISOString() >= request.expiresAt) {
          this.markExpired(id)
          return finish(this.get(id))
        }
      }
      const check = () => {
        if (settled) return
        try {
          look()
        } catch {
          // The database closed under the wait (the app is shutting down): the wait ends, undecided.
          finish(null)
        }
      }
      const finish = (request: CallRequest | null) => {
        settled = true
        clearInterval(timer)
        off()
        signal?.removeEventListener('abort', check)
        resolve(request)
      }
      const timer = setInterval(check, DECISION_POLL_MS)
      const off = this.events.on('calls.decided', (e) => {
        if (e.id === id) check()
      })
      signal?.addEventListener('abort', check)
      check()
    })
  }

  private markExpired(id: string): void {
    const changed = this.db
      .prepare(
        `UPDATE call_requests SET status = 'expired', decided_at = ? WHERE id = ? AND status = 'pending'`,
      )
      .run(isoNow(this.clock), id).changes
    if (changed > 0) this.events.emit('calls.decided', { id, status: 'expired' })
  }

  private expireOverdue(): void {
    this.db
      .prepare(
        `UPDATE call_requests SET status = 'expired', decided_at = ? WHERE status = 'pending' AND expires_at <= ?`,
      )
      .run(isoNow(this.clock), isoNow(this.clock))
  }

  private resolve(idOrPrefix: string): CallRequest {
    const rows = this.db
      .prepare(`SELECT * FROM call_requests WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 2`)
      .all(idOrPrefix, idOrPrefix.replace(/[%_\\]/g, '\\$&') + '%') as Row[]
    const exact = rows.find((r) => r.id === idOrPrefix)
    if (exact) return toRequest(exact)
    const [only, second] = rows
    if (!only) {
      throw new AppError(
        'NOT_FOUND',
        `No held call has the id "${idOrPrefix}". List them with \`skilldock calls list --pending\`.`,
      )
    }
    if (second) {
      throw new AppError('INVALID_INPUT', `"${idOrPrefix}" matches several held calls; give more of the id.`)
    }
    return toRequest(only)
  }
}
