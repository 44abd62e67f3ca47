import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** The folders and files of a data home (ARCHITECTURE.md §7). */
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
