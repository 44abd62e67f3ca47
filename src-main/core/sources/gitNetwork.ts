import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { AppError } from '../base/appError'
import { checkAddress, type HttpPolicy } from './safeHttp'

/** How git is made to reach exactly the address that was checked. */
export interface PinnedGit {
  /** The URL git is given (ssh and git:// URLs name the checked IP instead of the host). */
  url: string
  /** `-c` settings for this fetch. */
  config: string[]
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, git: 9418, ssh: 22 }
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/

interface Remote {
  scheme: 'http' | 'https' | 'git' | 'ssh'
  host: string
  port: number
  /** The URL with its host replaced by `address`. */
  withAddress: (address: string) => string
}

const bracketed = (address: string) => (isIP(address) === 6 ? `[${address}]` : address)

/** The network host of a git URL; null for file:// and local paths, which reach no network. */
function remoteOf(url: string): Remote | null {
  const scp = /^([\w.-]+)@([\w.-]+|\[[0-9a-fA-F:.]+\]):(.*)$/.exec(url)
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    const [, user, host, path] = scp
    return {
      scheme: 'ssh',
      host: host!.replace(/^\[|\]$/g, ''),
      port: 22,
      withAddress: (address) => `${user}@${bracketed(address)}:${path}`,
    }
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase()
  if (scheme === undefined || scheme === 'file') return null
  if (scheme !== 'http' && scheme !== 'https' && scheme !== 'git' && scheme !== 'ssh') {
    throw new AppError('UNSAFE_SOURCE', `Refused git source "${url}": the "${scheme}" scheme is not allowed.`)
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new AppError('UNSAFE_SOURCE', `Refused git source "${url}": it is not a URL git can clone safely.`)
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  return {
    scheme,
    host,
    port: parsed.port ? Number(parsed.port) : DEFAULT_PORTS[scheme]!,
    withAddress: (address) => {
      const copy = new URL(url)
      copy.hostname = bracketed(address)
      return copy.toString()
    },
  }
}

/**
 * Resolves and checks the host of a git URL before git runs, under the same address policy as
 * http sources (private and loopback only with `allowLocal`, SkillDock's own ports never), and pins
 * the checked address so git cannot resolve the name again to something else: curl is handed the
 * address (`http.curloptResolve`) and told not to follow redirects; ssh and git:// connect to the
 * IP itself (ssh still checks the host key under the host's name).
 */
export async function pinGitRemote(url: string, policy: HttpPolicy): Promise<PinnedGit> {
  const remote = remoteOf(url)
  if (!remote) return { url, config: [] }
  const { host, port, scheme } = remote
  if (!isIP(host) && !HOST.test(host)) {
    throw new AppError('UNSAFE_SOURCE', `Refused git source "${url}": "${host}" is not a host name.`)
  }
  let addresses: string[]
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address)
  } catch {
    throw new AppError('SOURCE_UNREACHABLE', `Could not resolve ${host} for ${url}. Check the URL.`)
  }
  if (addresses.length === 0)
    throw new AppError('SOURCE_UNREACHABLE', `Could not resolve ${host} for ${url}.`)
  for (const address of addresses) checkAddress(address, port, policy, url)
  const address = addresses[0]!
  if (scheme === 'http' || scheme === 'https') {
    const config = ['http.followRedirects=false']
    if (!isIP(host)) config.push(`http.curloptResolve=${host}:${port}:${bracketed(address)}`)
    return { url, config }
  }
  if (scheme === 'ssh') {
    return {
      url: remote.withAddress(address),
      config: isIP(host) ? [] : [`core.sshCommand=ssh -o HostKeyAlias=${host}`],
    }
  }
  return { url: remote.withAddress(address), config: [] }
}
