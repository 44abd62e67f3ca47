import type { Migration } from './index'

/**
 * Schema 4: schedules, the persistent job queue, webhooks and the signatures they have seen.
 * A running job is leased by one worker (`claimed_by`, `lease_until`); an expired lease means its
 * worker died, and the job is queued again.
 */
export const automation: Migration = {
  version: 4,
  name: 'automation',
  up(db) {
    db.exec(`
      CREATE TABLE schedules (
        id TEXT PRIMARY KEY,
        skill TEXT NOT NULL,
        tool TEXT NOT NULL,
        args_json TEXT NOT NULL,
        every_seconds INTEGER,
        at TEXT,
        next_run_at TEXT,
        last_run_at TEXT,
        -- the job the last firing queued, or why the firing could not queue one
        last_job_id TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        CHECK ((every_seconds IS NULL) <> (at IS NULL))
      );

      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        skill TEXT NOT NULL,
        tool TEXT NOT NULL,
        args_json TEXT NOT NULL,
        idempotency_key TEXT UNIQUE,
        state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'succeeded', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL,
        run_at TEXT NOT NULL,
        last_error TEXT,
        result_json TEXT,
        origin TEXT NOT NULL CHECK (origin IN ('job', 'schedule')),
        schedule_id TEXT,
        -- the worker (one per process) running the job, and until when its claim holds
        claimed_by TEXT,
        lease_until TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX jobs_due ON jobs (state, run_at);

      CREATE TABLE webhooks (
        id TEXT PRIMARY KEY,
        skill TEXT NOT NULL,
        tool TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_called_at TEXT
      );

      CREATE TABLE webhook_signatures (
        signature TEXT PRIMARY KEY,
        hook_id TEXT NOT NULL,
        seen_at TEXT NOT NULL
      );
    `)
  },
}
