import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppError } from '../base/appError'
import { type PinnedGit, pinGitRemote } from '../sources/gitNetwork'
import { assertSafeGitUrl, assertSafeRef, HARDENED_GIT_CONFIG } from '../sources/gitUrl'

/** Settings every team git command runs with: no hooks (below), no submodules, no exotic transports. */
const HARDENED = [
  ...HARDENED_GIT_CONFIG,
  // Signatures are checked by ssh-keygen itself, never by a program the repository could name.
  'gpg.ssh.program=ssh-keygen',
]

let emptyHooks: string | null = null
function noHooks(): string {
  emptyHooks ??= mkdtempSync(join(tmpdir(), 'skilldock-team-nohooks-'))
  return emptyHooks
}

/** Runs git for team mode in one repository with the hardened settings; rejects with git's last lines. */
export class TeamGit {
  constructor(
    readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  run(args: string[], config: string[] = [], options: { allowFail?: boolean } = {}): Promise<string> {
    const flags = [...HARDENED, `core.hooksPath=${noHooks()}`, ...config].flatMap((c) => ['-c', c])
    const env: NodeJS.ProcessEnv = {
      PATH: this.env.PATH ?? '',
      HOME: this.env.HOME ?? '',
      GIT_TERMINAL_PROMPT: '0',
      GCM_INTERACTIVE: 'never',
    }
    // An admin's own identity and agent reach the commit they sign; nothing else of the parent leaks.
    for (const key of [
      'GIT_AUTHOR_NAME',
      'GIT_AUTHOR_EMAIL',
      'GIT_COMMITTER_NAME',
      'GIT_COMMITTER_EMAIL',
      'GIT_CONFIG_NOSYSTEM',
      'SSH_AUTH_SOCK',
    ]) {
      if (this.env[key] !== undefined) env[key] = this.env[key]
    }
    return new Promise((resolve, reject) => {
      execFile(
        'git',
        [...flags, '-C', this.dir, ...args],
        { env, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
        (err, stdout, stderr) => {
          if (err && !options.allowFail) {
            const lines = String(stderr || err.message)
              .split('\n')
              .filter(Boolean)
              .slice(-2)
              .join(' ')
            reject(new AppError('SOURCE_UNREACHABLE', `git ${args[0]} failed: ${lines}`))
            return
          }
          resolve(String(stdout))
        },
      )
    })
  }

  /** Fetches `refspecs` from a remote pinned by pinGitRemote, pruning stale refs and without tags. */
  fetchPinned(pinned: PinnedGit, refspecs: string[]): Promise<string> {
    return this.run(
      ['fetch', '--quiet', '--prune', '--no-tags', '--', pinned.url, ...refspecs],
      pinned.config,
    )
  }

  /** The blob at `path` in `commit`, or null when the commit has no such file. */
  async show(commit: string, path: string): Promise<string | null> {
    const id = (
      await this.run(['rev-parse', '--verify', '--quiet', `${commit}:${path}`], [], { allowFail: true })
    ).trim()
    if (!id) return null
    return this.run(['cat-file', 'blob', id])
  }
}

/**
 * Brings a full mirror of the team repository (every branch, whole history: signatures are checked
 * commit by commit) up to date in `dir`. The remote host is checked and pinned like a git source's.
 * Returns the commit of `ref` (default: the remote's HEAD).
 */
export async function fetchTeamMirror(
  url: string,
  ref: string | null,
  dir: string,
  env: NodeJS.ProcessEnv,
  allowLocal: boolean,
): Promise<string> {
  assertSafeGitUrl(url)
  if (ref !== null) assertSafeRef(ref)
  mkdirSync(dir, { recursive: true })
  const git = new TeamGit(dir, env)
  await git.run(['init', '--quiet', '--bare'])
  const pinned = await pinGitRemote(url, { allowLocal, ownPorts: [] })
  await git.fetchPinned(pinned, ['+HEAD:refs/team/head', '+refs/heads/*:refs/remotes/origin/*'])
  const target = ref === null ? 'refs/team/head' : `refs/remotes/origin/${ref}`
  const commit = (
    await git.run(['rev-parse', '--verify', '--quiet', `${target}^{commit}`], [], { allowFail: true })
  ).trim()
  if (!commit) throw new AppError('NOT_FOUND', `The team repository has no branch "${ref ?? 'HEAD'}".`)
  return commit
}
