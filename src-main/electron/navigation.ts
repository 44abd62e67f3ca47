/**
 * Hosts whose https links open in the user's browser; everything else is dropped. Links that
 * skills or approvals show (homepages, sources) are not on it on purpose: the UI shows them as text
 * to copy, so a hostile SKILL.md cannot make the app open a page.
 */
export const EXTERNAL_HOSTS: readonly string[] = [
  'github.com',
  'modelcontextprotocol.io',
  'agentskills.io',
  'docs.anthropic.com',
  'www.electronjs.org',
]

/** True for an https URL (no credentials, default port) on an allow-listed host. */
export function isAllowedExternalUrl(raw: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    hosts.includes(url.hostname)
  )
}

/** What to do with a window.open / target=_blank request: always deny; maybe open in the browser. */
export function decideWindowOpen(raw: string): { action: 'deny'; openExternal: string | null } {
  return { action: 'deny', openExternal: isAllowedExternalUrl(raw) ? raw : null }
}

/**
 * Whether the window may navigate to `target`: only a reload of the page it shows (same URL without
 * the hash). In-app routes change the hash, which is not a navigation.
 */
export function isNavigationAllowed(current: string, target: string): boolean {
  const strip = (u: string): string => u.split('#')[0] ?? u
  return current !== '' && strip(current) === strip(target)
}
