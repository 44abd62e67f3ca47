import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ApiClient } from '../api/client'

export interface SessionState {
  /** Serve mode only: the server no longer accepts this page's token. */
  expired: boolean
  dispose(): void
}

/** Connection-level state shared by every screen. */
export function createSessionStore(api: Pick<ApiClient, 'onUnauthorized'>): StoreApi<SessionState> {
  return createStore<SessionState>()((set) => {
    const unsubscribe = api.onUnauthorized(() => set({ expired: true }))
    return { expired: false, dispose: unsubscribe }
  })
}
