import { readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** What one sandboxed skill process may touch (ARCHITECTURE.md §9, trust levels `sandboxed` and `restricted`). */
export interface SandboxPolicy {
  /** The skill's own data folder: the only writable place (plus a private tmp inside it). */
  dataDir: string
  /** The skill folder and the python kit: readable. */
  readable: string[]
  /**
   * The SkillDock data home. Nothing in it is readable except `dataDir` and `readable` paths inside it,
   * and its database (`skilldock.db*`) is never readable, not even through those.
   */
  dataHome: string
  /** Domains the skill declared in metadata.skilldock.network (e.g. api.example.com, *.example.org). Empty = no network. */
  allowedDomains: string[]
}

/** The filesystem lists handed to the OS sandbox for one skill process. */
export interface SandboxFilesystemRules {
  denyRead: string[]
  allowRead: string[]
  allowWrite: string[]
  denyWrite: string[]
}

/**
 * Credential stores and browser profiles under the home folder. Reads are open by default in the OS sandbox
 * (python, its standard library and the skill need the system), so everything secret is named here.
 */
const SECRET_HOME_PATHS = [
  '.ssh',
  '.aws',
  '.azure',
  '.gnupg',
  '.config/gcloud',
  '.kube',
  '.docker',
  '.netrc',
  '.git-credentials',
  '.config/gh',
  '.password-store',
  '.pypirc',
  '.npmrc',
  // Claude Code keeps its login here; the sandbox library would also make `.claude/debug` writable.
  '.claude',
  // The sandbox library makes this writable by default; nothing of ours needs it.
  '.npm/_logs',
  '.local/share/keyrings',
  'Library/Keychains',
  // Browser profiles (cookies, saved passwords, session tokens).
  '.mozilla',
  '.config/google-chrome',
  '.config/chromium',
  '.config/BraveSoftware',
  '.config/microsoft-edge',
  '.config/vivaldi',
  '.config/opera',
  'snap/firefox',
  'snap/chromium',
  '.var/app/org.mozilla.firefox',
  '.var/app/com.google.Chrome',
  '.var/app/org.chromium.Chromium',
  'Library/Application Support/Google/Chrome',
  'Library/Application Support/Chromium',
  'Library/Application Support/Firefox',
  'Library/Application Support/BraveSoftware',
  'Library/Application Support/Microsoft Edge',
  'Library/Safari',
  'Library/Cookies',
]

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
 * Turns a skill's policy into the OS sandbox's filesystem lists. Reads: secrets under `home` and the whole
 * data home are denied, then `dataDir` and `readable` are opened again; the database files stay denied
 * because a deny more specific than an allow wins. Writes: only `dataDir`.
 */
export function sandboxFilesystemRules(
  policy: SandboxPolicy,
  home: string = homedir(),
): SandboxFilesystemRules {
  const dataHome = resolve(policy.dataHome)
  const dataDir = resolve(policy.dataDir)
  return {
    denyRead: [...SECRET_HOME_PATHS.map((path) => join(home, path)), dataHome, ...databaseFiles(dataHome)],
    allowRead: [...new Set([...policy.readable.map((path) => resolve(path)), dataDir])],
    allowWrite: [dataDir],
    denyWrite: SHARED_SCRATCH,
  }
}
