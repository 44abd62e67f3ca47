import type Database from 'better-sqlite3'
import { initialSchema } from './001_initial'
import { trustAndEndpoint } from './002_trust_and_endpoint'

export interface Migration {
  version: number
  name: string
  up(db: Database.Database): void
}

/** Every migration in order; append only, never edit a released one. */
export const migrations: readonly Migration[] = [initialSchema, trustAndEndpoint]

export const latestSchemaVersion = migrations.reduce((max, m) => Math.max(max, m.version), 0)
