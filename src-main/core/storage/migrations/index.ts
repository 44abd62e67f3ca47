import type Database from 'better-sqlite3'
import { initialSchema } from './001_initial'
import { trustAndEndpoint } from './002_trust_and_endpoint'
import { policies } from './003_policies'
import { automation } from './004_automation'
import { routing } from './005_routing'
import { callMetrics } from './006_call_metrics'
import { approvalDetails } from './007_approval_details'
import { crashLog } from './008_crash_log'
import { waitersAndPolicyIds } from './009_waiters_and_policy_ids'
import { teams } from './010_teams'
import { repoTypeOpen } from './011_repo_type_open'

export interface Migration {
  version: number
  name: string
  up(db: Database.Database): void
}

/** Every migration in order; append only, never edit a released one. */
export const migrations: readonly Migration[] = [
  initialSchema,
  trustAndEndpoint,
  policies,
  automation,
  routing,
  callMetrics,
  approvalDetails,
  crashLog,
  waitersAndPolicyIds,
  teams,
  repoTypeOpen,
]

export const latestSchemaVersion = migrations.reduce((max, m) => Math.max(max, m.version), 0)
