import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ActivityEntry, RouteInput } from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

export type ActivityApi = Pick<ApiClient, 'invoke' | 'on'>

/** How far back the log reaches: the last hour, day, week, 30 days, or everything. */
export type ActivityRange = '1h' | '24h' | '7d' | '30d' | 'all'

export const activityRanges: ReadonlyArray<{ id: ActivityRange; label: string; ms: number | null }> = [
  { id: '1h', label: 'Last hour', ms: 3600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 24 * 3600_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 24 * 3600_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 24 * 3600_000 },
  { id: 'all', label: 'All time', ms: null },
]

/** The Activity screen's filters; empty text means "any". */
export interface ActivityFilters {
  skill: string
  client: string
  outcome: string
  /** An action (`tool.call`) or a family ending in `.` (`skill.`); empty for all. */
  action: string
  range: ActivityRange
}

export const emptyActivityFilters: ActivityFilters = {
  skill: '',
  client: '',
  outcome: '',
  action: '',
  range: 'all',
}

export interface ActivityState {
  filters: ActivityFilters
  entries: ActivityEntry[]
  /** Where "load older" continues from; null when the oldest matching entry is shown. */
  nextBefore: number | null
  loaded: boolean
  loading: boolean
  loadingOlder: boolean
  error: string | null

  /** Changes some filters; the list reloads after a short debounce (typing) or at once (`now`). */
  setFilters(change: Partial<ActivityFilters>, now?: boolean): void
  resetFilters(): void
  /** Reloads the newest page with the current filters. */
  refresh(): Promise<void>
  loadOlder(): Promise<void>
  /** The screen is shown: load, and follow new audit lines live until `close`. */
  open(): void
  close(): void
  dispose(): void
}

export interface ActivityStoreOptions {
  pageSize?: number
  debounceMs?: number
  /** Milliseconds since the epoch; the time range is counted back from it. */
  now?: () => number
}

/** The audit log as the Activity screen shows it: filtered, paged backwards, refreshed live. */
export function createActivityStore(
  api: ActivityApi,
  options: ActivityStoreOptions = {},
): StoreApi<ActivityState> {
  const pageSize = options.pageSize ?? 100
  const debounceMs = options.debounceMs ?? 250
  const now = options.now ?? Date.now
  let filterTimer: ReturnType<typeof setTimeout> | null = null
  let liveTimer: ReturnType<typeof setTimeout> | null = null
  let request = 0
  let openCount = 0

  return createStore<ActivityState>()((set, get) => {
    const query = (before?: number): RouteInput<'activity.list'> => {
      const { filters } = get()
      const input: RouteInput<'activity.list'> = { limit: pageSize }
      const skill = filters.skill.trim()
      const client = filters.client.trim()
      const outcome = filters.outcome.trim()
      if (skill) input.skill = skill
      if (client) input.client = client
      if (outcome) input.outcome = outcome
      if (filters.action) input.action = filters.action
      const span = activityRanges.find((range) => range.id === filters.range)?.ms ?? null
      if (span !== null) input.since = new Date(now() - span).toISOString()
      if (before !== undefined) input.before = before
      return input
    }

    const cancelTimers = (): void => {
      if (filterTimer !== null) clearTimeout(filterTimer)
      if (liveTimer !== null) clearTimeout(liveTimer)
      filterTimer = liveTimer = null
    }

    const refresh = async (): Promise<void> => {
      if (filterTimer !== null) clearTimeout(filterTimer)
      filterTimer = null
      const mine = ++request
      set({ loading: true })
      try {
        const page = await api.invoke('activity.list', query())
        if (mine !== request) return
        set({ entries: page.entries, nextBefore: page.nextBefore, loaded: true, loading: false, error: null })
      } catch (error) {
        if (mine !== request) return
        set({ loaded: true, loading: false, error: messageOf(error) })
      }
    }

    /** New lines arrived: put them on top and keep the older pages the person loaded. */
    const catchUp = async (): Promise<void> => {
      const newest = get().entries[0]?.id
      if (newest === undefined) return refresh()
      const mine = ++request
      try {
        const page = await api.invoke('activity.list', query())
        if (mine !== request) return
        const fresh = page.entries.filter((entry) => entry.id > newest)
        // A full page of new lines may have a gap below it: start over from the newest page.
        if (fresh.length === page.entries.length) {
          set({ entries: page.entries, nextBefore: page.nextBefore, error: null })
        } else if (fresh.length > 0) {
          set({ entries: [...fresh, ...get().entries], error: null })
        }
      } catch (error) {
        if (mine !== request) return
        set({ error: messageOf(error) })
      }
    }

    const unsubscribe = api.on('activity.appended', () => {
      if (openCount === 0 || liveTimer !== null) return
      // A burst of lines (a sync, a bulk approval) becomes one request.
      liveTimer = setTimeout(() => {
        liveTimer = null
        void catchUp()
      }, debounceMs)
    })

    return {
      filters: emptyActivityFilters,
      entries: [],
      nextBefore: null,
      loaded: false,
      loading: false,
      loadingOlder: false,
      error: null,

      setFilters(change, immediately = false) {
        set({ filters: { ...get().filters, ...change } })
        if (filterTimer !== null) clearTimeout(filterTimer)
        if (immediately) void refresh()
        else filterTimer = setTimeout(() => void refresh(), debounceMs)
      },
      resetFilters() {
        set({ filters: emptyActivityFilters })
        void refresh()
      },
      refresh,
      async loadOlder() {
        const { nextBefore, loadingOlder } = get()
        if (nextBefore === null || loadingOlder) return
        const mine = request
        set({ loadingOlder: true })
        try {
          const page = await api.invoke('activity.list', query(nextBefore))
          // The filters changed meanwhile: this page belongs to another list.
          if (mine !== request) return set({ loadingOlder: false })
          set({
            entries: [...get().entries, ...page.entries],
            nextBefore: page.nextBefore,
            loadingOlder: false,
            error: null,
          })
        } catch (error) {
          set({ loadingOlder: false, error: messageOf(error) })
        }
      },
      open() {
        openCount += 1
        void refresh()
      },
      close() {
        openCount = Math.max(0, openCount - 1)
      },
      dispose() {
        cancelTimers()
        unsubscribe()
      },
    }
  })
}
