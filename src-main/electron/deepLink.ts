import type { InstallRequest } from '../contract/desktop'

/** The scheme registered with the OS for links like skilldock://install?source=… */
export const DEEP_LINK_SCHEME = 'skilldock'

const MAX_SOURCE = 2048

/** Parses `skilldock://install?source=<url>`; anything else (or malformed) is null. */
export function parseDeepLink(raw: string): InstallRequest | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return null
  // skilldock://install?… puts "install" in the host; skilldock:install?… in the path.
  const action = (url.host || url.pathname).replace(/^\/+|\/+$/g, '')
  if (action !== 'install') return null
  const source = url.searchParams.get('source')?.trim()
  if (!source || source.length > MAX_SOURCE || hasControlCharacter(source)) return null
  if (source.startsWith('file://')) {
    try {
      const fileUrl = new URL(source)
      if (fileUrl.host !== '' && fileUrl.host !== 'localhost') return null
      return { kind: 'install', source, sourceKind: 'path', path: decodeURIComponent(fileUrl.pathname) }
    } catch {
      return null
    }
  }
  if (source.startsWith('/') || /^[A-Za-z]:[\\/]/.test(source)) {
    return { kind: 'install', source, sourceKind: 'path', path: source }
  }
  if (/^(https|git|ssh):\/\//.test(source) || /^git@[\w.-]+:/.test(source)) {
    return { kind: 'install', source, sourceKind: 'url', path: null }
  }
  return null
}

function hasControlCharacter(text: string): boolean {
  return [...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)
}

/** The first skilldock:// argument of a command line (Windows/Linux pass deep links as argv). */
export function findDeepLink(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) ?? null
}

/**
 * Holds install requests until the renderer asks for them (the link may arrive before the window
 * has loaded) and pushes the ones that arrive later.
 */
export class DeepLinkInbox {
  private readonly queue: InstallRequest[] = []
  private deliver: ((request: InstallRequest) => void) | null = null

  /** Accepts a raw link; returns the parsed request or null when it was not one we act on. */
  receive(raw: string): InstallRequest | null {
    const request = parseDeepLink(raw)
    if (!request) return null
    if (this.deliver) this.deliver(request)
    else this.queue.push(request)
    return request
  }

  /** Called once the renderer listens: returns queued requests; later ones go to `deliver`. */
  take(deliver: (request: InstallRequest) => void): InstallRequest[] {
    this.deliver = deliver
    return this.queue.splice(0)
  }
}
