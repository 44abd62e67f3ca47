import { accessSync, constants, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '../base/appError'
import { ownerOnly } from '../paths'
import { type Migration, migrations } from './migrations'

export type Db = Database.Database

export interface OpenDatabaseOptions {
  /** Path of the SQLite file; created with its folder when missing. */
  file: string
  /** A better_sqlite3.node built for the running ABI (Electron passes its own build). */
  nativeBinding?: string
}

/**
 * Opens the SkillDock database: WAL, busy timeout, foreign keys, then pending migrations.
 * A database written by a newer SkillDock is refused untouched; a damaged file is reported, not replaced.
 */
export function openDatabase(options: OpenDatabaseOptions): Db {
  const { file } = options
  if (file !== ':memory:' && !existsSync(dirname(file)))
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  if (file !== ':memory:' && existsSync(file)) checkWritable(file)
  // Created owner-only before SQLite opens it: SQLite gives the WAL and SHM files the database's mode.
  if (file !== ':memory:' && !existsSync(file)) writeFileSync(file, '', { mode: 0o600, flag: 'wx' })
  let db: Db
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  } catch (err) {
    throw new AppError(
      'INTERNAL',
      `Cannot open the database at ${file}: ${(err as Error).message}. Check that the folder is writable.`,
    )
  }
  try {
    checkReadable(db, file)
    db.pragma('busy_timeout = 5000')
    db.pragma('foreign_keys = ON')
    migrate(db, file)
    if (file !== ':memory:') db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    if (file !== ':memory:') for (const path of [file, `${file}-wal`, `${file}-shm`]) ownerOnly(path)
    return db
  } catch (err) {
    db.close()
    throw err
  }
}

/**
 * SkillDock writes on every start (the index, WAL files next to the database): a file or folder
 * this user may not write is reported as such, before SQLite reads it as a damaged database.
 */
function checkWritable(file: string): void {
  for (const path of [file, dirname(file)]) {
    try {
      accessSync(path, constants.R_OK | constants.W_OK)
    } catch (err) {
      throw readOnly(file, (err as NodeJS.ErrnoException).code ?? (err as Error).message)
    }
  }
}

const readOnly = (file: string, why: string) =>
  new AppError(
    'DATABASE_UNREADABLE',
    `The database at ${file} is read-only for this user (${why}). Nothing was changed. ` +
      `Give this user write access to the file and its folder (${dirname(file)}), or run SkillDock as the user who owns them.`,
  )

function checkReadable(db: Db, file: string): void {
  try {
    db.pragma('schema_version', { simple: true })
    // The header can be intact while the schema page is not; reading the schema finds that.
    db.prepare('SELECT count(*) FROM sqlite_master').get()
  } catch (err) {
    const code = (err as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) throw readOnly(file, code)
    throw new AppError(
      'DATABASE_UNREADABLE',
      `The database at ${file} is damaged or is not a SkillDock database (${(err as Error).message}). ` +
        'Nothing was changed. Move the file aside and run `skilldock init` to start a new one.',
    )
  }
}

/** Runs each pending migration in its own transaction, keyed by `PRAGMA user_version`. */
export function migrate(db: Db, file = 'the database', list: readonly Migration[] = migrations): number {
  const latest = list.reduce((max, m) => Math.max(max, m.version), 0)
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > latest) {
    throw new AppError(
      'DATABASE_TOO_NEW',
      `The database at ${file} was written by a newer SkillDock (schema ${current}; this version knows up to ` +
        `${latest}). Nothing was changed. Update SkillDock, or use another data home with --home.`,
      { schemaVersion: current, supported: latest },
    )
  }
  for (const migration of list) {
    if (migration.version <= current) continue
    db.transaction(() => {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
  return db.pragma('user_version', { simple: true }) as number
}
