import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { StoreApi } from 'zustand'
import type { ActivityEntry, RouteInput } from '../../../../src-main/contract'
import { createActivityStore, type ActivityState } from '../../../../src-renderer/stores/activity'
import { createFakeApi } from '../fakeApi'

let store: StoreApi<ActivityState> | null = null
// The store debounces on timers: the tests move time on by hand, so no result depends on the machine's speed.
beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  store?.getState().dispose()
  vi.useRealTimers()
})

const NOW = Date.parse('2026-03-01T12:00:00.000Z')

function entry(id: number, overrides: Partial<ActivityEntry> = {}): ActivityEntry {
  return {
    id,
    at: new Date(NOW - (1000 - id) * 1000).toISOString(),
    actor: 'user',
    action: 'tool.call',
    skill: 'text-stats',
    client: 'user',
    outcome: 'ok',
    detail: { tool: 'count_words', durationMs: 12 },
    ...overrides,
  }
}

/** An audit log of `count` lines (ids 1…count) answered like the core: newest first, paged by `before`. */
function auditLog(count: number) {
  const lines = Array.from({ length: count }, (_, index) => entry(index + 1))
  return {
    lines,
    list: (query: RouteInput<'activity.list'>) => {
      const matching = lines
        .filter((line) => query.before === undefined || line.id < query.before)
        .filter((line) => query.skill === undefined || line.skill === query.skill)
        .sort((a, b) => b.id - a.id)
      const page = matching.slice(0, query.limit ?? 200)
      const more = matching.length > page.length
      return { entries: page, nextBefore: more ? (page.at(-1)?.id ?? null) : null }
    },
  }
}

const settle = (ms = 30) => vi.advanceTimersByTimeAsync(ms)

describe('activity store', () => {
  it('sends every filter to the core, with the time range counted back from now', async () => {
    const api = createFakeApi({ 'activity.list': () => ({ entries: [], nextBefore: null }) })
    store = createActivityStore(api, { now: () => NOW, debounceMs: 0 })
    store
      .getState()
      .setFilters(
        { skill: ' text-stats ', client: 'cursor', outcome: 'error', action: 'tool.call', range: '24h' },
        true,
      )
    await settle()
    expect(api.callsTo('activity.list').at(-1)).toEqual({
      limit: 100,
      skill: 'text-stats',
      client: 'cursor',
      outcome: 'error',
      action: 'tool.call',
      since: '2026-02-28T12:00:00.000Z',
    })

    store.getState().resetFilters()
    await settle()
    expect(api.callsTo('activity.list').at(-1)).toEqual({ limit: 100 })
  })

  it('debounces typing in a filter into one request', async () => {
    const api = createFakeApi({ 'activity.list': () => ({ entries: [], nextBefore: null }) })
    store = createActivityStore(api, { debounceMs: 20 })
    for (const skill of ['t', 'te', 'tex']) {
      store.getState().setFilters({ skill })
      await settle(10)
    }
    expect(api.callsTo('activity.list')).toEqual([])
    await settle(20)
    expect(api.callsTo('activity.list')).toEqual([{ limit: 100, skill: 'tex' }])
  })

  it('loads older pages until the oldest line, then offers no more', async () => {
    const log = auditLog(5)
    const api = createFakeApi({ 'activity.list': log.list })
    store = createActivityStore(api, { pageSize: 2 })
    await store.getState().refresh()
    expect(store.getState().entries.map((line) => line.id)).toEqual([5, 4])
    await store.getState().loadOlder()
    await store.getState().loadOlder()
    expect(store.getState().entries.map((line) => line.id)).toEqual([5, 4, 3, 2, 1])
    expect(store.getState().nextBefore).toBeNull()
    await store.getState().loadOlder()
    expect(api.callsTo('activity.list')).toHaveLength(3)
  })

  it('puts new lines on top while the screen is open, keeping the older pages loaded', async () => {
    const log = auditLog(4)
    const api = createFakeApi({ 'activity.list': log.list })
    store = createActivityStore(api, { pageSize: 2, debounceMs: 5 })
    store.getState().open()
    await settle()
    await store.getState().loadOlder()
    expect(store.getState().entries.map((line) => line.id)).toEqual([4, 3, 2, 1])

    log.lines.push(entry(5, { outcome: 'error' }))
    api.emit('activity.appended', { action: 'tool.call', skill: 'text-stats' })
    await settle()
    expect(store.getState().entries.map((line) => line.id)).toEqual([5, 4, 3, 2, 1])

    // Closed: no requests follow the core's events.
    store.getState().close()
    const before = api.calls.length
    log.lines.push(entry(6))
    api.emit('activity.appended', { action: 'tool.call', skill: 'text-stats' })
    await settle()
    expect(api.calls).toHaveLength(before)
  })

  it('drops a page that answers for filters no longer shown', async () => {
    let answer: (value: { entries: ActivityEntry[]; nextBefore: number | null }) => void = () => {}
    const api = createFakeApi({
      'activity.list': (query) =>
        query.skill === 'slow'
          ? new Promise((resolve) => (answer = resolve))
          : { entries: [entry(9, { skill: 'fast' })], nextBefore: null },
    })
    store = createActivityStore(api, { debounceMs: 0 })
    store.getState().setFilters({ skill: 'slow' }, true)
    store.getState().setFilters({ skill: 'fast' }, true)
    await settle()
    answer({ entries: [entry(1, { skill: 'slow' })], nextBefore: null })
    await settle()
    expect(store.getState().entries.map((line) => line.skill)).toEqual(['fast'])
  })

  it('shows the core’s message when the log cannot be read', async () => {
    const api = createFakeApi({})
    store = createActivityStore(api)
    await store.getState().refresh()
    expect(store.getState().error).toBe('no fake for activity.list')
    expect(store.getState().loaded).toBe(true)
  })
})
