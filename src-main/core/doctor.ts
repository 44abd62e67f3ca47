import { execFile } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { createServer } from 'node:net'
import type { DoctorCheck } from '../contract/models'
import type { HostEnvironment } from './skills/gating'

const MIN_GIT = [2, 39, 4]

function run(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 5000 }, (err, stdout, stderr) =>
      resolve(err ? null : `${stdout}${stderr}`.trim()),
    )
  })
}

const versionOf = (text: string): number[] =>
  (/(\d+)\.(\d+)(?:\.(\d+))?/.exec(text) ?? []).slice(1, 4).map((n) => Number(n ?? 0))

const olderThan = (a: number[], b: number[]): boolean => {
  for (let i = 0; i < b.length; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0)
  }
  return false
}

async function checkPython(): Promise<DoctorCheck> {
  const out = await run('python3', ['--version'])
  const fix =
    'Install Python 3.10 or newer (Debian/Ubuntu: `sudo apt-get install python3`; macOS: `brew install python`).'
  if (out === null)
    return {
      id: 'python',
      label: 'python3',
      status: 'fail',
      detail: 'python3 is not on PATH; skills with a skill.py cannot run.',
      fix,
    }
  const v = versionOf(out)
  if (olderThan(v, [3, 10]))
    return {
      id: 'python',
      label: 'python3',
      status: 'fail',
      detail: `${out} is too old; 3.10+ is needed.`,
      fix,
    }
  return { id: 'python', label: 'python3', status: 'ok', detail: out }
}

async function checkGit(): Promise<DoctorCheck> {
  return gitVersionCheck(await run('git', ['--version']))
}

/** The git line from `git --version` output (null: git did not run). */
export function gitVersionCheck(out: string | null): DoctorCheck {
  if (out === null) {
    return {
      id: 'git',
      label: 'git',
      status: 'warn',
      detail: 'git is not on PATH: the library is not versioned and git sources cannot be added.',
      fix: 'Install git (Debian/Ubuntu: `sudo apt-get install git`).',
    }
  }
  if (olderThan(versionOf(out), MIN_GIT)) {
    return {
      id: 'git',
      label: 'git',
      status: 'warn',
      detail: `${out}: older than 2.39.4, which fixed clone-time vulnerabilities (your distribution may have backported them).`,
      fix: 'Update git to 2.39.4 or newer.',
    }
  }
  return { id: 'git', label: 'git', status: 'ok', detail: out }
}

async function checkKeychain(): Promise<DoctorCheck> {
  const fix =
    process.platform === 'linux'
      ? 'Run a Secret Service keyring (GNOME Keyring or KWallet) in your session; headless: `dbus-run-session` with `gnome-keyring-daemon --unlock`.'
      : 'Unlock the system keychain.'
  try {
    const { AsyncEntry } = await import('@napi-rs/keyring')
    const entry = new AsyncEntry('SkillDock', 'doctor-probe')
    const signal = AbortSignal.timeout(5000)
    await entry.setPassword('probe', signal)
    const back = await entry.getPassword(signal)
    await entry.deletePassword(signal)
    if (back !== 'probe') throw new Error('the probe value did not read back')
    return {
      id: 'keychain',
      label: 'OS keychain',
      status: 'ok',
      detail: 'credentials can be stored and read',
    }
  } catch (err) {
    return {
      id: 'keychain',
      label: 'OS keychain',
      status: 'warn',
      detail: `not available (${(err as Error).message}); skills that need credentials cannot start.`,
      fix,
    }
  }
}

function checkSandbox(host: HostEnvironment): DoctorCheck {
  if (process.platform === 'darwin') {
    return host.hasBinary('sandbox-exec')
      ? { id: 'sandbox', label: 'sandbox', status: 'ok', detail: 'sandbox-exec is available' }
      : {
          id: 'sandbox',
          label: 'sandbox',
          status: 'warn',
          detail: 'sandbox-exec is missing; sandboxed skills cannot start.',
        }
  }
  if (process.platform !== 'linux') {
    return {
      id: 'sandbox',
      label: 'sandbox',
      status: 'warn',
      detail: 'no OS sandbox on this platform; sandboxed skills cannot start.',
    }
  }
  const missing = ['bwrap', 'socat', 'rg'].filter((bin) => !host.hasBinary(bin))
  if (missing.length === 0)
    return {
      id: 'sandbox',
      label: 'sandbox',
      status: 'ok',
      detail: 'bubblewrap, socat and ripgrep are available',
    }
  return {
    id: 'sandbox',
    label: 'sandbox',
    status: 'warn',
    detail: `missing ${missing.join(', ')}; sandboxed skills cannot start.`,
    fix: 'Install them: `sudo apt-get install bubblewrap socat ripgrep`.',
  }
}

function checkPort(port: number): Promise<DoctorCheck> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () =>
      resolve({
        id: 'port',
        label: `port ${port}`,
        status: 'warn',
        detail: `port ${port} is in use (perhaps by a running SkillDock).`,
        fix: 'Pass `--port N` to `skilldock serve`, or stop the other program.',
      }),
    )
    server.listen(port, '127.0.0.1', () =>
      server.close(() => resolve({ id: 'port', label: `port ${port}`, status: 'ok', detail: 'free' })),
    )
  })
}

function checkHome(home: string, schemaVersion: number): DoctorCheck {
  try {
    accessSync(home, constants.W_OK)
    return {
      id: 'home',
      label: 'data home',
      status: 'ok',
      detail: `${home} (database schema ${schemaVersion})`,
    }
  } catch {
    return {
      id: 'home',
      label: 'data home',
      status: 'fail',
      detail: `${home} is not writable.`,
      fix: 'Fix its permissions or pass --home.',
    }
  }
}

/** Everything SkillDock relies on outside itself, checked in parallel. */
export async function runDoctor(options: {
  home: string
  schemaVersion: number
  port: number
  host: HostEnvironment
  /** Checks of the data itself (e.g. the lockfile), run after the environment's. */
  extra?: () => DoctorCheck[]
}): Promise<DoctorCheck[]> {
  const node: DoctorCheck = { id: 'node', label: 'Node.js', status: 'ok', detail: process.version }
  return [
    node,
    checkHome(options.home, options.schemaVersion),
    ...(await Promise.all([checkPython(), checkGit(), checkKeychain()])),
    checkSandbox(options.host),
    await checkPort(options.port),
    ...(options.extra?.() ?? []),
  ]
}
