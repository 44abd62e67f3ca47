import { readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve, sep } from 'node:path'
import type { SandboxLimits } from './sandboxLimits'
import { SECRET_HOME_PATHS, SECRET_SYSTEM_PATHS, SYSTEM_READ_PATHS } from './sandboxPaths'

/**
 * How a sandboxed process may read:
 * - `allowlist`: nothing but the system folders, `readable` and its data folder (an empty tmpfs over `/`,
 *   the home folder included, with only those bound back read-only). `sandboxed` and `restricted` skills,
 *   MCP source commands.
 * - `userFiles`: the user's files, because reading them is the skill's purpose (bundled file readers), but
 *   never the data home, keyrings, credential files or shell histories.
 */
export type SandboxReads = 'allowlist' | 'userFiles'

/** What one sandboxed skill process may touch (docs/ARCHITECTURE.md §9, trust levels `sandboxed` and `restricted`). */
export interface SandboxPolicy {
  /** The skill's own data folder: the only writable place (plus a private tmp inside it). */
  dataDir: string
  /** Read-only: the skill folder, the python kit, approved read paths. */
  readable: string[]
  /**
   * The SkillDock data home. Nothing in it is readable except `dataDir` and `readable` paths inside it,
   * and its database (`skilldock.db*`) is never readable, not even through those.
   */
  dataHome: string
  /** Domains the skill declared in metadata.skilldock.network (e.g. api.example.com, *.example.org). Empty = no network. */
  allowedDomains: string[]
  /** Default `allowlist`. */
  reads?: SandboxReads
  /** CPU, memory and process limits; default DEFAULT_SANDBOX_LIMITS. */
  limits?: SandboxLimits
}

/** The filesystem lists handed to the OS sandbox for one skill process. */
export interface SandboxFilesystemRules {
  denyRead: string[]
  allowRead: string[]
  allowWrite: string[]
  denyWrite: string[]
}

/** The sandbox library's shared scratch folder, writable by every sandboxed process when it exists. */
const SHARED_SCRATCH = ['/tmp/claude', '/private/tmp/claude']

const DATABASE_FILE = 'skilldock.db'
const DATABASE_SIDE_FILES = ['', '-wal', '-shm', '-journal']

/** The data home's database files: the known names plus whatever else starts with `skilldock.db`. */
function databaseFiles(dataHome: string): string[] {
  const names = new Set(DATABASE_SIDE_FILES.map((suffix) => DATABASE_FILE + suffix))
  try {
    for (const name of readdirSync(dataHome)) if (name.startsWith(DATABASE_FILE)) names.add(name)
  } catch {
    // No data home yet: the known names are denied anyway.
  }
  return [...names].map((name) => join(dataHome, name))
}

/** The private temp folder of a skill process, inside its data folder. */
export function sandboxTempDir(dataDir: string): string {
  return join(resolve(dataDir), '.tmp')
}

/**
 * Turns a skill's policy into the OS sandbox's filesystem lists. Reads under `allowlist`: `/` is denied
 * (the library mounts an empty tmpfs over each of its children) and only the system folders, `readable`
 * (plus `extraReadable`, what the command itself needs to start) and `dataDir` are bound back. Under both
 * modes the secrets under each `home`, the system secrets and the data home stay denied (a deny more specific
 * than an allow wins), the database files even inside an allowed folder. Writes: only `dataDir`.
 */
export function sandboxFilesystemRules(
  policy: SandboxPolicy,
  home: string | string[] = homedir(),
  extraReadable: string[] = [],
): SandboxFilesystemRules {
  const dataHome = resolve(policy.dataHome)
  const dataDir = resolve(policy.dataDir)
  const homes = [...new Set(typeof home === 'string' ? [home] : home)]
  const secrets = [
    ...homes.flatMap((dir) => SECRET_HOME_PATHS.map((path) => join(dir, path))),
    ...SECRET_SYSTEM_PATHS,
  ]
  const allowlist = (policy.reads ?? 'allowlist') === 'allowlist'
  // A deny wins only over a wider allow: an allow naming a secret (or the data home) itself, or a path
  // inside one, would open it. Such entries are dropped, whoever asked for them.
  const closed = (path: string) =>
    path === dataHome || secrets.some((secret) => path === secret || path.startsWith(secret + sep))
  const readable = [...policy.readable, ...extraReadable]
    .map((path) => resolve(path))
    .filter((p) => !closed(p))
  return {
    denyRead: [...(allowlist ? ['/'] : []), ...secrets, dataHome, ...databaseFiles(dataHome)],
    allowRead: [...new Set([...(allowlist ? SYSTEM_READ_PATHS : []), ...readable, dataDir])],
    allowWrite: [dataDir],
    denyWrite: SHARED_SCRATCH,
  }
}
