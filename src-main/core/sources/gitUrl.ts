import { AppError } from '../base/appError'

/** A git source resolved from what the user typed: clone URL, ref and sub-path. */
export interface GitTarget {
  url: string
  ref: string | null
  subPath: string | null
}

const unsafe = (url: string, why: string) =>
  new AppError(
    'UNSAFE_SOURCE',
    `Refused git source "${url}": ${why}. Give an https://, ssh:// or file:// URL.`,
  )

/** Settings every git command on a source or team repository runs with: no submodules, no exotic transports. */
export const HARDENED_GIT_CONFIG = [
  'core.symlinks=false',
  'protocol.ext.allow=never',
  'protocol.fd.allow=never',
  'submodule.recurse=false',
  'fetch.recurseSubmodules=false',
  'advice.detachedHead=false',
]

/**
 * Refuses URLs git could treat as options or as command-running transports (`ext::`, `fd::`),
 * before git ever runs. Only https, http, ssh, git and file URLs and scp-like `user@host:path` pass.
 */
export function assertSafeGitUrl(url: string): void {
  const trimmed = url.trim()
  if (trimmed !== url || url.length === 0) throw unsafe(url, 'it has leading or trailing blanks')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\0-\x1f\x7f]/.test(url)) throw unsafe(url, 'it contains control characters')
  if (url.startsWith('-')) throw unsafe(url, 'it looks like a command-line option')
  if (/^[a-z][a-z0-9+.-]*::/i.test(url)) throw unsafe(url, 'remote helpers ("transport::") can run commands')
  if (/\s--?[a-z]/i.test(url)) throw unsafe(url, 'it contains option-like text')
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase()
  if (scheme !== undefined) {
    if (!['https', 'http', 'ssh', 'git', 'file'].includes(scheme))
      throw unsafe(url, `the "${scheme}" scheme is not allowed`)
    return
  }
  if (/^[\w.-]+@[\w.-]+:[^-]/.test(url)) return
  throw unsafe(url, 'it is not a URL git can clone safely')
}

/** A ref must not be taken for an option either. */
export function assertSafeRef(ref: string): void {
  if (ref.startsWith('-') || !/^[\w./@^~-]+$/.test(ref) || ref.includes('..')) {
    throw new AppError('UNSAFE_SOURCE', `Refused git ref "${ref}": use a branch, tag or commit name.`)
  }
}

/**
 * Understands GitHub tree URLs (`https://github.com/o/r/tree/<ref>/<path>`) and plain clone URLs.
 * A ref given separately wins over the one in the URL.
 */
export function parseGitTarget(url: string, ref: string | null = null): GitTarget {
  const tree =
    /^https:\/\/github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?\/(?:tree|blob)\/([^/]+)(?:\/(.+?))?\/?$/.exec(
      url,
    )
  let target: GitTarget = { url, ref, subPath: null }
  if (tree) {
    const [, owner, repo, treeRef, path] = tree
    target = {
      url: `https://github.com/${owner}/${repo}.git`,
      ref: ref ?? decodeURIComponent(treeRef!),
      subPath: path ? decodeURIComponent(path).replace(/\/SKILL\.md$/i, '') : null,
    }
  }
  assertSafeGitUrl(target.url)
  if (target.ref !== null) assertSafeRef(target.ref)
  if (target.subPath !== null && target.subPath.split('/').some((s) => s === '..' || s === '')) {
    throw new AppError('UNSAFE_SOURCE', `Refused sub-path "${target.subPath}" in ${url}.`)
  }
  return target
}

/** Whether text looks like something git should clone rather than a folder or an HTTP file. */
export function looksLikeGit(url: string): boolean {
  return (
    /\.git\/?$/.test(url) ||
    /^(git|ssh|file):\/\//.test(url) ||
    /^https:\/\/(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)\/[^/]+\/[^/]+/.test(url) ||
    /^[\w.-]+@[\w.-]+:/.test(url)
  )
}
