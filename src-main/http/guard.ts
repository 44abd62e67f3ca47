import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

/**
 * DNS-rebinding defence: the Host header must name a loopback address with our port,
 * and an Origin, when present, must be a loopback origin with our port.
 */
export function checkHostAndOrigin(req: IncomingMessage, port: number): string | null {
  const host = req.headers.host
  const allowedHosts = LOOPBACK_NAMES.map((name) => `${name}:${port}`)
  if (!host || !allowedHosts.includes(host.toLowerCase())) {
    return `Host "${host ?? ''}" is not allowed; SkillDock only answers on 127.0.0.1:${port}.`
  }
  const origin = req.headers.origin
  if (origin !== undefined && !allowedHosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return `Origin "${origin}" is not allowed.`
  }
  return null
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  return match?.[1] ?? null
}

/** Constant-time comparison of the presented bearer token with the expected one. */
export function hasValidBearer(req: IncomingMessage, expected: string): boolean {
  const token = bearerToken(req)
  if (token === null) return false
  const a = createHash('sha256').update(token).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}
