import { createReadStream, existsSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
}

export const UI_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

/**
 * Serves the built renderer from `root`; unknown paths without an extension get index.html
 * (client-side routes). Returns false when nothing was served.
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, headOnly: boolean): boolean {
  let relative: string
  try {
    relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '')
  } catch {
    return false
  }
  const base = resolve(root)
  let file = resolve(join(base, relative || 'index.html'))
  if (file !== base && !file.startsWith(base + sep)) return false
  if (!existsSync(file) || !statSync(file).isFile()) {
    if (extname(relative) !== '') return false
    file = join(base, 'index.html')
    if (!existsSync(file)) return false
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream'
  res.writeHead(200, {
    ...UI_SECURITY_HEADERS,
    'Content-Type': type,
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
  })
  if (headOnly) res.end()
  else createReadStream(file).pipe(res)
  return true
}
