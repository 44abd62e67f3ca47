import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { simpleGit } from 'simple-git'
import { AppError } from '../base/appError'
import { pinGitRemote } from './gitNetwork'
import { assertSafeGitUrl, assertSafeRef, HARDENED_GIT_CONFIG } from './gitUrl'
import type { HttpPolicy } from './safeHttp'

/**
 * Fetches one ref of a repository into `dest` (which must not exist): a depth-1 fetch into a fresh
 * repository, no submodules, hooks pointed at an empty folder, symlinks checked out as plain files,
 * no terminal prompts, `--` before the URL. The host is resolved and checked under `policy` before
 * git runs, and git is pinned to the checked address with redirects off. Returns the commit.
 */
export async function fetchGit(
  url: string,
  ref: string | null,
  dest: string,
  env: NodeJS.ProcessEnv,
  policy: HttpPolicy,
  signal?: AbortSignal,
): Promise<string> {
  assertSafeGitUrl(url)
  if (ref !== null) assertSafeRef(ref)
  const noHooks = mkdtempSync(join(dest, '..', '.nohooks-'))
  mkdirSync(dest, { recursive: true })
  const config = [`core.hooksPath=${noHooks}`, ...HARDENED_GIT_CONFIG]
  const gitWith = (extra: string[]) =>
    simpleGit({
      baseDir: dest,
      config: [...config, ...extra],
      abort: signal,
      // simple-git refuses to set core.hooksPath at all; here it points at an empty folder, which is
      // what disables hooks (the user's own global hooksPath included). Likewise protocol.* is only
      // ever set to `never` here, which narrows what git may do. core.sshCommand is only ever plain
      // `ssh` keeping the host key checked under the host's name while it connects to the checked IP.
      unsafe: {
        allowUnsafeHooksPath: true,
        allowUnsafeProtocolOverride: true,
        allowUnsafeSshCommand: extra.some((c) => c.startsWith('core.sshCommand=')),
      },
    }).env({
      PATH: env.PATH ?? '',
      HOME: env.HOME ?? '',
      GIT_TERMINAL_PROMPT: '0',
      GCM_INTERACTIVE: 'never',
    })
  try {
    // The host git will really contact: the user's own `url.<base>.insteadOf` rules apply first
    // (`--get-url` only rewrites, it connects nowhere). That host is checked and pinned.
    const effective = (await gitWith([]).raw(['ls-remote', '--get-url', '--', url])).trim() || url
    const pinned = await pinGitRemote(effective, policy)
    const git = gitWith(pinned.config)
    await git.raw(['init', '--quiet'])
    await git.raw([
      'fetch',
      '--quiet',
      '--depth',
      '1',
      '--no-tags',
      '--no-recurse-submodules',
      '--',
      pinned.url === effective ? url : pinned.url,
      ref ?? 'HEAD',
    ])
    await git.raw(['checkout', '--quiet', '--detach', 'FETCH_HEAD'])
    return (await git.raw(['rev-parse', 'HEAD'])).trim()
  } catch (err) {
    if (signal?.aborted) throw new AppError('CANCELLED', 'The sync was cancelled.')
    if (err instanceof AppError) throw err
    const message =
      err instanceof Error ? err.message.split('\n').filter(Boolean).slice(-2).join(' ') : String(err)
    throw new AppError('SOURCE_UNREACHABLE', `Could not fetch ${url}${ref ? ` (${ref})` : ''}: ${message}`)
  } finally {
    rmSync(noHooks, { recursive: true, force: true })
  }
}
