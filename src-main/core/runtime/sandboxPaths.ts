import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs'
import { homedir, userInfo } from 'node:os'
import { basename, delimiter, dirname, isAbsolute, join, resolve, sep } from 'node:path'
import type { SandboxLibrary } from './sandboxLibrary'

/**
 * Credential stores, keyrings, shell histories and browser profiles under the home folder. Under the
 * allowlist the whole home is hidden anyway; these stay hidden even when a read path the person approved
 * (or a bundled skill's user-files policy) would otherwise cover them.
 */
export const SECRET_HOME_PATHS = [
  '.ssh',
  '.aws',
  '.azure',
  '.gnupg',
  '.config/gcloud',
  '.kube',
  '.docker',
  '.netrc',
  '.git-credentials',
  '.config/git/credentials',
  '.config/gh',
  '.config/hub',
  '.config/github-copilot',
  '.codex',
  '.cargo/credentials',
  '.cargo/credentials.toml',
  '.pgpass',
  '.my.cnf',
  '.vault-token',
  '.terraform.d/credentials.tfrc.json',
  '.config/op',
  '.config/rclone',
  '.m2/settings.xml',
  '.gradle/gradle.properties',
  '.password-store',
  '.pypirc',
  '.npmrc',
  '.yarnrc.yml',
  '.env',
  // More command-line tools' credentials (cloud, hosting, registries, package publishing, secrets tools).
  '.s3cfg',
  '.boto',
  '.oci',
  '.databrickscfg',
  '.config/hcloud',
  '.config/doctl',
  '.config/heroku',
  '.config/netlify',
  '.netlify',
  '.fly',
  '.wrangler',
  '.config/.wrangler',
  '.vercel',
  '.local/share/com.vercel.cli',
  '.pulumi/credentials.json',
  '.terraformrc',
  '.ngrok2',
  '.config/ngrok',
  '.kaggle',
  '.huggingface/token',
  '.cache/huggingface/token',
  '.config/containers/auth.json',
  '.config/composer/auth.json',
  '.gem/credentials',
  '.nuget/NuGet/NuGet.Config',
  '.config/configstore',
  '.config/sops',
  '.config/age',
  '.config/Bitwarden CLI',
  '.config/keybase',
  // Wallet keys.
  '.config/solana',
  '.ethereum',
  '.bitcoin',
  '.electrum',
  // Mail and chat clients (saved logins, session tokens).
  '.thunderbird',
  '.config/Signal',
  '.config/Slack',
  '.config/discord',
  '.local/share/TelegramDesktop',
  // Editors' extension state (extension tokens).
  '.config/Code/User/globalStorage',
  '.config/Cursor/User/globalStorage',
  // Shell and REPL histories: typed passwords and tokens end up there.
  '.bash_history',
  '.zsh_history',
  '.zhistory',
  '.sh_history',
  '.history',
  '.local/share/fish',
  '.python_history',
  '.node_repl_history',
  '.psql_history',
  '.mysql_history',
  '.sqlite_history',
  '.lesshst',
  '.viminfo',
  '.local/share/atuin',
  '.ipython/profile_default/history.sqlite',
  // Claude Code keeps its login here; the sandbox library would also make `.claude/debug` writable.
  '.claude',
  '.claude.json',
  // The sandbox library makes this writable by default; nothing of ours needs it.
  '.npm/_logs',
  '.local/share/keyrings',
  '.local/share/kwalletd',
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

/** System secrets outside the home folder (readable when SkillDock itself runs as root). */
export const SECRET_SYSTEM_PATHS = [
  '/etc/shadow',
  '/etc/gshadow',
  '/etc/shadow-',
  '/etc/gshadow-',
  '/etc/sudoers',
  '/etc/sudoers.d',
  '/etc/ssh',
  '/etc/ssl/private',
  '/Library/Keychains',
]

/**
 * What an allowlisted process may read besides its own folders: the operating system and its programs
 * (libraries, locale, certificates, time zones). No home, no /tmp, /var, /run, /mnt, /media, /opt, /srv.
 */
export const SYSTEM_READ_PATHS = [
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/etc',
  '/nix/store',
  // macOS
  '/System',
  '/Library',
  '/private/etc',
  '/private/var/db/dyld',
  '/opt/homebrew',
]

export function executableOn(name: string, searchPath: string): string | null {
  for (const dir of searchPath.split(delimiter)) {
    if (!dir) continue
    const file = join(dir, name)
    try {
      accessSync(file, constants.X_OK)
      if (statSync(file).isFile()) return file
    } catch {
      // Not in this folder.
    }
  }
  return null
}

/**
 * The install folder of an executable: `<prefix>` for `<prefix>/bin/x` or `<prefix>/shims/x` (pyenv,
 * nvm, a virtualenv), otherwise its own folder. Never the home folder or `~/.local` itself.
 */
function installFolder(file: string, home: string): string {
  const dir = dirname(file)
  const name = basename(dir)
  if (name !== 'bin' && name !== 'shims') return dir
  const prefix = dirname(dir)
  const wide = [home, join(home, '.local'), '/', '/usr/local', '/usr']
  return wide.includes(prefix) ? dir : prefix
}

/**
 * The folders a command needs to be readable to start at all: its interpreter's prefix when it lives
 * outside the system folders (pyenv under HOME, a virtualenv), through symlinks too. Read-only.
 */
export function commandReadPaths(command: string, searchPath: string, home: string): string[] {
  const found = isAbsolute(command)
    ? command
    : command.includes('/')
      ? resolve(command)
      : executableOn(command, searchPath)
  if (found === null) return []
  const paths = new Set([installFolder(found, home)])
  try {
    paths.add(installFolder(realpathSync(found), home))
  } catch {
    // A dangling link: the command will fail to start with its own message.
  }
  return [...paths]
}

/** Files that mark the root of a program's own folder (its dependencies live under it). */
const PROJECT_MARKERS = ['package.json', 'node_modules', 'pyproject.toml', 'requirements.txt', '.git']

/** The folder a named script belongs to: its nearest project root below the home folder, else its own folder. */
function programFolder(file: string, home: string): string {
  const own = dirname(file)
  for (let dir = own; dir !== dirname(dir) && dir !== home; dir = dirname(dir)) {
    if (PROJECT_MARKERS.some((marker) => existsSync(join(dir, marker)))) return dir
  }
  return own
}

/** `path` is `folder` or inside it. */
function within(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep)
}

/**
 * Paths named on the command line that exist: the server's own folder (for a script, its project, so
 * its dependencies load) becomes readable. Never `/`, the home folder or a folder above it, and nothing
 * at, in or above a `private` folder (the data home).
 */
export function commandLinePaths(words: string[], home: string, privateFolders: string[] = []): string[] {
  const paths = new Set<string>()
  const realHome = realOrResolved(home)
  const privates = privateFolders.map(realOrResolved)
  const closed = [realHome, ...privates]
  for (const word of words) {
    if (!isAbsolute(word)) continue
    // Links resolved: the sandbox binds what a path points to (`/proc/self/root/home/me` is the home).
    let path = realOrResolved(word)
    try {
      if (statSync(path).isFile()) path = programFolder(path, realHome)
    } catch {
      continue // Not a path on this machine (an option value, a URL path): nothing to bind.
    }
    if (path === dirname(path) || closed.some((folder) => within(folder, path))) continue
    if (privates.some((folder) => within(path, folder))) continue
    paths.add(path)
  }
  return [...paths]
}

/** The path with every link resolved (what a bind mount would show), or just made absolute when missing. */
function realOrResolved(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return resolve(path)
  }
}

/**
 * The declared read paths (`metadata.skilldock.read`) a sandbox binds: never `/`, a home folder or a
 * folder above one (that would be the whole home back, every project's `.env` with it), and nothing at,
 * in or above a private folder (the data home: other skills' folders and data, logs). A bind more
 * specific than the data home's deny would win over it, so such paths are dropped, not relied on.
 */
export function boundedReadPaths(paths: string[], homes: string[], privateFolders: string[]): string[] {
  const open = [...homes, ...privateFolders].map(realOrResolved)
  const closed = privateFolders.map(realOrResolved)
  // Links resolved first: `/proc/self/root/home/me` or a link to the home is the home.
  return paths
    .map(realOrResolved)
    .filter(
      (path) =>
        path !== dirname(path) &&
        !open.some((folder) => within(folder, path)) &&
        !closed.some((folder) => within(path, folder)),
    )
}

/** Every home folder secrets are looked for under: $HOME and the account's own (they differ under sudo or tests). */
export function homeFolders(): string[] {
  const dirs = [homedir()]
  try {
    dirs.push(userInfo().homedir)
  } catch {
    // No passwd entry: $HOME is all there is.
  }
  return dirs
}

/**
 * Read-only folders a command needs to start in the sandbox: its interpreter outside the system folders,
 * uv's cache, the seccomp helper and the network proxy's sockets.
 */
export function startReadPaths(
  { SandboxManager, getApplySeccompBinaryPath }: SandboxLibrary,
  command: string,
  env: Record<string, string>,
  searchPath: string,
): string[] {
  const paths = commandReadPaths(command, env.PATH ?? searchPath, homedir())
  // uv (skills with PEP 723 dependencies) runs from its cache and the Pythons it manages; read-only,
  // so only what was installed before (no network for it unless the skill declared the index).
  if (basename(command) === 'uv') {
    const cache = env.UV_CACHE_DIR ?? process.env.UV_CACHE_DIR
    paths.push(cache ?? join(homedir(), '.cache', 'uv'), join(homedir(), '.local', 'share', 'uv'))
  }
  if (process.platform === 'linux') {
    const seccomp = getApplySeccompBinaryPath()
    if (seccomp) paths.push(dirname(seccomp))
    // The proxy's sockets live in /tmp, which the allowlist hides; the skill reaches its domains through them.
    for (const socket of [SandboxManager.getLinuxHttpSocketPath(), SandboxManager.getLinuxSocksSocketPath()])
      if (socket) paths.push(socket)
  }
  return paths
}
