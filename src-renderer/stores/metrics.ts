import { createStore, type StoreApi } from 'zustand/vanilla'
import type { MetricsPoint, ToolMetrics } from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

export type MetricsApi = Pick<ApiClient, 'invoke' | 'on'>

/** The spans the skill activity panel offers, in hours. */
export const metricsSpans: ReadonlyArray<{ hours: number; label: string }> = [
  { hours: 24, label: '24 hours' },
  { hours: 24 * 7, label: '7 days' },
  { hours: 24 * 30, label: '30 days' },
]

export interface MetricsState {
  /** The skill whose calls are shown. */
  skill: string | null
  hours: number
  points: MetricsPoint[]
  bucketMinutes: number
  tools: ToolMetrics[]
  loaded: boolean
  loading: boolean
  error: string | null

  /** Shows `skill` over `hours` (default: the current span). */
  show(skill: string, hours?: number): Promise<void>
  /** Stops following a skill (the panel closed). */
  hide(): void
  dispose(): void
}

/** A skill's calls, errors and p50 latency over time, and its per-tool table; follows new calls live. */
export function createMetricsStore(
  api: MetricsApi,
  options: { debounceMs?: number } = {},
): StoreApi<MetricsState> {
  const debounceMs = options.debounceMs ?? 500
  let request = 0
  let liveTimer: ReturnType<typeof setTimeout> | null = null

  return createStore<MetricsState>()((set, get) => {
    const load = async (skill: string, hours: number): Promise<void> => {
      const mine = ++request
      set({ loading: true })
      try {
        const [series, tools] = await Promise.all([
          api.invoke('metrics.series', { skill, hours, buckets: hours <= 24 ? 24 : 30 }),
          api.invoke('metrics.tools', {
            skill,
            since: new Date(Date.now() - hours * 3600_000).toISOString(),
          }),
        ])
        if (mine !== request) return
        set({
          points: series.points,
          bucketMinutes: series.bucketMinutes,
          tools,
          loaded: true,
          loading: false,
          error: null,
        })
      } catch (error) {
        if (mine !== request) return
        set({ loaded: true, loading: false, error: messageOf(error) })
      }
    }

    // Every call of every trust level (trusted skills write no audit line, but their calls count).
    const unsubscribe = api.on('calls.recorded', ({ skill }) => {
      const shown = get().skill
      if (!shown || skill !== shown || liveTimer !== null) return
      liveTimer = setTimeout(() => {
        liveTimer = null
        const { skill: current, hours } = get()
        if (current) void load(current, hours)
      }, debounceMs)
    })

    return {
      skill: null,
      hours: 24,
      points: [],
      bucketMinutes: 60,
      tools: [],
      loaded: false,
      loading: false,
      error: null,

      async show(skill, hours = get().hours) {
        if (skill !== get().skill) set({ skill, points: [], tools: [], loaded: false, error: null })
        set({ hours })
        await load(skill, hours)
      },
      hide() {
        request++
        set({ skill: null })
      },
      dispose() {
        if (liveTimer !== null) clearTimeout(liveTimer)
        unsubscribe()
      },
    }
  })
}
