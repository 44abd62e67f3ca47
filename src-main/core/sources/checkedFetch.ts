import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import { Readable } from 'node:stream'
import { AppError } from '../base/appError'
import { checkAddress, checkedLookup, type HttpPolicy } from './safeHttp'

const NULL_BODY = new Set([101, 204, 205, 304])

/**
 * A `fetch` for clients that take one (the MCP SDK's HTTP transport) whose sockets connect only to
 * addresses checked under `policy`: the check runs in the socket's own DNS lookup, so a name cannot
 * answer one address to a check and another to the connection. Redirects are refused, not followed.
 */
export function checkedFetch(policy: HttpPolicy): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new AppError('UNSAFE_SOURCE', `Refused ${url.href}: only http and https URLs are fetched.`)
    }
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80
    const host = url.hostname.replace(/^\[|\]$/g, '')
    if (isIP(host)) checkAddress(host, port, policy, url.href)
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined
    const headers: Record<string, string> = {}
    request.headers.forEach((value, key) => (headers[key] = value))
    const client = url.protocol === 'https:' ? https : http
    return new Promise<Response>((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: request.method,
          headers,
          lookup: checkedLookup(port, policy, url.href) as never,
          signal: request.signal,
        },
        (res) => {
          const status = res.statusCode ?? 0
          if (status >= 300 && status < 400 && res.headers.location) {
            res.resume()
            reject(
              new AppError(
                'UNSAFE_SOURCE',
                `Refused ${url.href}: it redirects, and redirects are not followed.`,
              ),
            )
            return
          }
          const out = new Headers()
          for (const [key, value] of Object.entries(res.headers)) {
            if (value === undefined) continue
            for (const v of Array.isArray(value) ? value : [value]) out.append(key, v)
          }
          const stream = NULL_BODY.has(status) || request.method === 'HEAD' ? null : Readable.toWeb(res)
          if (stream === null) res.resume()
          resolve(
            new Response(stream as ReadableStream | null, {
              status,
              statusText: res.statusMessage,
              headers: out,
            }),
          )
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  }
}
