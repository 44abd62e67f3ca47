import { chmodSync, mkdirSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** The folders and files of a data home (docs/ARCHITECTURE.md §7). */
export interface DataHome {
  home: string
  database: string
  library: string
  drafts: string
  sources: string
  logs: string
  settings: string
  lockfile: string
}

/**
 * The OS app-data folder Electron uses as userData for "SkillDock", so the CLI and the
 * desktop app share one data home.
 */
export function defaultHome(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'SkillDock')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'SkillDock')
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'SkillDock')
}

/** `--home`, else SKILLDOCK_HOME, else the OS default. */
export function resolveHome(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(explicit || env.SKILLDOCK_HOME || defaultHome(env))
}

export function dataHome(home: string): DataHome {
  return {
    home,
    database: join(home, 'skilldock.db'),
    library: join(home, 'skills'),
    drafts: join(home, 'drafts'),
    sources: join(home, 'sources'),
    logs: join(home, 'logs'),
    settings: join(home, 'settings.json'),
    lockfile: join(home, 'skilldock.lock.json'),
  }
}

/**
 * Takes group and other access away from a file or folder, keeping the owner's own bits (a
 * read-only file stays read-only). Missing paths, and paths this user does not own, are left alone.
 */
export function ownerOnly(path: string, platform = process.platform): void {
  if (platform === 'win32') return
  try {
    const mode = statSync(path).mode & 0o777
    if (mode & 0o077) chmodSync(path, mode & 0o700)
  } catch {
    // Not there (yet), or not ours to change.
  }
}

/**
 * Creates the data home's folders owner-only (0700) and fixes a home made before that (or by a
 * looser umask): its folders and its database, WAL, SHM, settings and lockfile lose group and
 * other access. The home holds skills, their audit log, client and credential names: the user's alone.
 */
export function secureDataHome(paths: DataHome, platform = process.platform): void {
  const dirs = [paths.home, paths.library, paths.drafts, paths.sources, paths.logs]
  for (const dir of dirs) mkdirSync(dir, { recursive: true, mode: 0o700 })
  const { database, settings, lockfile } = paths
  for (const path of [...dirs, database, `${database}-wal`, `${database}-shm`, settings, lockfile]) {
    ownerOnly(path, platform)
  }
}
