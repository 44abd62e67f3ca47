/** Where serve mode keeps its bearer token for the life of the browser tab. */
export const TOKEN_STORAGE_KEY = 'skilldock.token'

export type LocationLike = Pick<Location, 'hash' | 'pathname' | 'search'>
export type HistoryLike = Pick<History, 'replaceState'>
export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>

/**
 * Takes the serve-mode token from `#token=<hex>`, keeps it in session storage and removes it from
 * the address bar, so it is neither bookmarked, shared in a screenshot, nor kept in history.
 * Falls back to the stored token after a reload. Returns null when there is none.
 */
export function takeSessionToken(
  location: LocationLike,
  history: HistoryLike,
  storage: StorageLike,
): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token')
  if (fromHash) {
    try {
      storage.setItem(TOKEN_STORAGE_KEY, fromHash)
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    history.replaceState(null, '', `${location.pathname}${location.search}`)
    return fromHash
  }
  try {
    return storage.getItem(TOKEN_STORAGE_KEY)
  } catch {
    return null
  }
}
