import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ApiClient } from '../api/client'
import { routeHref } from '../router'

export type NoticeTone = 'success' | 'info' | 'warning' | 'error'

/** Something worth a toast: an action's outcome or an important core event. */
export interface Notice {
  id: number
  tone: NoticeTone
  title: string
  description?: string
  /** Where "Open" goes (a route href). */
  href?: string
}

export type NotificationsApi = Pick<ApiClient, 'on'>

export interface NotificationsState {
  /** Notices not yet shown; the toaster takes them in order. */
  notices: Notice[]
  push(notice: Omit<Notice, 'id'>): void
  /** Removes and returns every notice not yet shown. */
  takeAll(): Notice[]
  dispose(): void
}

/**
 * The one place core events become notices: a request waiting for approval, a sync that finished
 * or failed, a skill server that gave up. Action outcomes are pushed by `watchOutcomes`.
 */
export function createNotificationsStore(api: NotificationsApi): StoreApi<NotificationsState> {
  let nextId = 1
  return createStore<NotificationsState>()((set, get) => {
    const push = (notice: Omit<Notice, 'id'>): void => {
      set({ notices: [...get().notices, { ...notice, id: nextId++ }] })
    }
    const unsubscribers = [
      api.on('approvals.pending', ({ id, skill, risk, kind }) =>
        push({
          tone: risk === 'HIGH' || risk === 'CRITICAL' ? 'warning' : 'info',
          title: `${skill} waits for approval`,
          description: `${kind} request · ${risk} risk`,
          href: routeHref('approvals', id),
        }),
      ),
      api.on('sync.progress', ({ repo, phase, message }) => {
        if (phase === 'done') {
          push({
            tone: 'success',
            title: `Synced ${repo}`,
            href: routeHref('sources', repo),
            ...(message && { description: message }),
          })
        } else if (phase === 'failed') {
          push({
            tone: 'error',
            title: `Sync of ${repo} failed`,
            description: message ?? 'Open the source to see why.',
            href: routeHref('sources', repo),
          })
        }
      }),
      api.on('runtime.status', (status) => {
        if (status.state !== 'disabled') return
        push({
          tone: 'error',
          title: `${status.skill}'s server was stopped after repeated crashes`,
          description: status.lastError ?? 'Open the skill and check its log, then start it again.',
          href: routeHref('skills', status.skill, 'run'),
        })
      }),
    ]
    return {
      notices: [],
      push,
      takeAll() {
        const { notices } = get()
        if (notices.length > 0) set({ notices: [] })
        return notices
      },
      dispose() {
        for (const unsubscribe of unsubscribers) unsubscribe()
      },
    }
  })
}
