import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import { BlockList, isIP } from 'node:net'
import { AppError } from '../base/appError'

/** Who may be reached: private networks only with `allowLocal`; SkillDock's own ports never. */
export interface HttpPolicy {
  allowLocal: boolean
  ownPorts: number[]
  maxBytes?: number
  timeoutMs?: number
}

const privateRanges = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  privateRanges.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  privateRanges.addSubnet(net, prefix, 'ipv6')

/** Whether an address is loopback, private, link-local, unspecified or multicast. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  if (mapped) return privateRanges.check(mapped, 'ipv4')
  const family = isIP(address)
  if (family === 0) return true
  return privateRanges.check(address, family === 6 ? 'ipv6' : 'ipv4')
}

/** Refuses an address the policy does not allow (private without `allowLocal`, SkillDock's own ports). */
export function checkAddress(address: string, port: number, policy: HttpPolicy, url: string): void {
  if (!isPrivateAddress(address)) return
  if (policy.ownPorts.includes(port)) {
    throw new AppError(
      'UNSAFE_SOURCE',
      `Refused ${url}: that is SkillDock's own server, never a skill source.`,
    )
  }
  if (!policy.allowLocal) {
    throw new AppError(
      'UNSAFE_SOURCE',
      `Refused ${url}: it resolves to a private or loopback address (${address}). Add the repo with --allow-local if you trust it.`,
    )
  }
}

function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80
}

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void

/**
 * A `lookup` for node:http(s) and node:net that checks every address DNS answers before the socket
 * connects to one of them: the checked answer is the one used, so no second lookup can differ.
 */
export function checkedLookup(port: number, policy: HttpPolicy, label: string) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true }, (err, addresses) => {
      if (err) return callback(err, [])
      try {
        for (const a of addresses) checkAddress(a.address, port, policy, label)
      } catch (refusal) {
        return callback(refusal as Error, [])
      }
      if (options.all) return callback(null, addresses)
      const first = addresses[0]!
      callback(null, first.address, first.family)
    })
  }
}

/** A response body fetched under the policy, with the final URL after redirects. */
export interface Fetched {
  url: string
  body: Buffer
  contentType: string
}

/**
 * GETs a URL: http(s) only, every hop's resolved addresses checked (in the socket's own lookup,
 * so a DNS answer cannot change between check and connect), redirects followed by hand and
 * re-checked, body size bounded.
 */
export async function safeGet(
  raw: string,
  policy: HttpPolicy,
  signal?: AbortSignal,
  hops = 0,
): Promise<Fetched> {
  if (hops > 5) throw new AppError('SOURCE_UNREACHABLE', `Too many redirects fetching ${raw}.`)
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new AppError('INVALID_INPUT', `"${raw}" is not a URL.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('UNSAFE_SOURCE', `Refused ${raw}: only http and https URLs are fetched.`)
  }
  const port = portOf(url)
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(host)) checkAddress(host, port, policy, raw)
  const lookup = checkedLookup(port, policy, raw)
  const client = url.protocol === 'https:' ? https : http
  const maxBytes = policy.maxBytes ?? 60 * 1024 * 1024
  const response = await new Promise<{ status: number; location?: string; body: Buffer; type: string }>(
    (resolve, reject) => {
      const req = client.get(
        url,
        { lookup: lookup as never, signal, timeout: policy.timeoutMs ?? 30_000 },
        (res) => {
          const chunks: Buffer[] = []
          let size = 0
          res.on('data', (chunk: Buffer) => {
            size += chunk.length
            if (size > maxBytes) {
              req.destroy(
                new AppError(
                  'UNSAFE_SOURCE',
                  `Refused ${raw}: the response is larger than ${maxBytes} bytes.`,
                ),
              )
              return
            }
            chunks.push(chunk)
          })
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              location: res.headers.location,
              body: Buffer.concat(chunks),
              type: res.headers['content-type'] ?? '',
            }),
          )
          res.on('error', reject)
        },
      )
      req.on('timeout', () => req.destroy(new AppError('SOURCE_UNREACHABLE', `Timed out fetching ${raw}.`)))
      req.on('error', reject)
    },
  ).catch((err: unknown) => {
    if (err instanceof AppError) throw err
    throw new AppError(
      'SOURCE_UNREACHABLE',
      `Could not fetch ${raw}: ${err instanceof Error ? err.message : String(err)}`,
    )
  })
  if (response.status >= 300 && response.status < 400 && response.location) {
    const next = new URL(response.location, url)
    // --allow-local trusts the host the user named, not wherever it points: a redirect to another
    // host is checked as if the repo had no --allow-local.
    const hopPolicy = next.host === url.host ? policy : { ...policy, allowLocal: false }
    return safeGet(next.toString(), hopPolicy, signal, hops + 1)
  }
  if (response.status !== 200) {
    throw new AppError('SOURCE_UNREACHABLE', `Fetching ${raw} answered HTTP ${response.status}.`)
  }
  return { url: url.toString(), body: response.body, contentType: response.type }
}
