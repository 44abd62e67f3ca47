import { useMemo, useSyncExternalStore } from 'react'

/**
 * A hash route: `#/skills/pdf-tools` → `{ section: 'skills', params: ['pdf-tools'] }`.
 * Hash-based so a reload keeps the selection under both file:// (desktop) and serve mode.
 */
export interface Route {
  section: string
  params: string[]
}

export function parseRoute(hash: string): Route {
  const [section = '', ...params] = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((part) => part !== '')
    .map(safeDecode)
  return { section, params }
}

/** The href for a route, e.g. `routeHref('skills', 'pdf-tools')` → `#/skills/pdf-tools`. */
export function routeHref(section: string, ...params: string[]): string {
  return `#/${[section, ...params].map(encodeURIComponent).join('/')}`
}

export function navigate(href: string): void {
  if (window.location.hash !== href) window.location.hash = href
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

/** The current route; re-renders on every hash change. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash)
  return useMemo(() => parseRoute(hash), [hash])
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}
