import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SkillDetail, SkillSummary } from '../../../../src-main/contract'
import { createSkillsStore, type SkillsState } from '../../../../src-renderer/stores/skills'
import type { StoreApi } from 'zustand'
import { createFakeApi, makeDetail, makeSummary } from '../fakeApi'

let store: StoreApi<SkillsState> | null = null
afterEach(() => {
  store?.getState().dispose()
  vi.useRealTimers()
})

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}

describe('skills store', () => {
  it('keeps the answer to the latest search when answers arrive out of order', async () => {
    const answers = [deferred<SkillSummary[]>(), deferred<SkillSummary[]>()]
    let call = 0
    const api = createFakeApi({ 'skills.list': () => answers[call++]!.promise })
    store = createSkillsStore(api, { debounceMs: 0 })

    store.getState().setQuery('p')
    const first = store.getState().refresh()
    store.getState().setQuery('pd')
    const second = store.getState().refresh()
    answers[1]!.resolve([makeSummary({ name: 'pdf-tools' })])
    await second
    answers[0]!.resolve([makeSummary({ name: 'pptx' }), makeSummary({ name: 'pdf-tools' })])
    await first

    expect(store.getState().skills.map((skill) => skill.name)).toEqual(['pdf-tools'])
    expect(store.getState().listedQuery).toBe('pd')
  })

  it('debounces typing into one search', async () => {
    vi.useFakeTimers()
    const api = createFakeApi({ 'skills.list': () => [] })
    store = createSkillsStore(api, { debounceMs: 20 })
    for (const query of ['p', 'pd', 'pdf']) {
      store.getState().setQuery(query)
      await vi.advanceTimersByTimeAsync(10)
    }
    expect(api.callsTo('skills.list')).toEqual([])
    await vi.advanceTimersByTimeAsync(20)
    expect(api.callsTo('skills.list')).toEqual([{ query: 'pdf' }])
  })

  it('reloads the open skill when the core says it changed', async () => {
    let description = 'old words'
    const api = createFakeApi({
      'skills.list': () => [],
      'skills.get': ({ name }) => makeDetail(makeSummary({ name, description })),
    })
    store = createSkillsStore(api)
    await store.getState().select('pdf-tools')
    expect(store.getState().detail?.description).toBe('old words')

    description = 'new words'
    api.emit('skills.changed', { names: ['other'] })
    expect(api.callsTo('skills.get')).toHaveLength(1)
    api.emit('skills.changed', { names: ['pdf-tools'] })
    await expect.poll(() => store?.getState().detail?.description).toBe('new words')
  })

  it('re-reads the update badges when a sync ends, and keeps the list when updates cannot be read', async () => {
    let updates: Array<{ name: string; source: string; status: 'update-available' | 'conflict' }> = []
    let failUpdates = false
    const api = createFakeApi({
      'skills.list': () => [makeSummary({ name: 'pdf-tools' })],
      'skills.updates': () => {
        if (failUpdates) throw new Error('lockfile unreadable')
        return updates
      },
    })
    store = createSkillsStore(api)
    await store.getState().refresh()
    expect(store.getState().updates).toEqual({})

    updates = [{ name: 'pdf-tools', source: 'team', status: 'update-available' }]
    api.emit('sync.progress', { repo: 'team', phase: 'fetching', message: null })
    expect(api.callsTo('skills.updates')).toHaveLength(1)
    api.emit('sync.progress', { repo: 'team', phase: 'done', message: null })
    await vi.waitFor(() => expect(store!.getState().updates).toEqual({ 'pdf-tools': 'update-available' }))

    failUpdates = true
    await store.getState().refresh()
    expect(store.getState().skills.map((skill) => skill.name)).toEqual(['pdf-tools'])
    expect(store.getState().listError).toBeNull()
    expect(store.getState().updates).toEqual({ 'pdf-tools': 'update-available' })
  })

  it('re-reads the open skill when its server starts, to show the tools it reported', async () => {
    let tools: SkillDetail['tools'] = []
    const api = createFakeApi({
      'skills.list': () => [],
      'skills.get': ({ name }) => makeDetail(makeSummary({ name }), { tools }),
    })
    store = createSkillsStore(api)
    await store.getState().select('text-stats')
    expect(store.getState().detail?.tools).toEqual([])

    tools = [{ name: 'top_words', description: 'Top words.', inputSchema: { type: 'object' } }]
    const status = {
      pid: 9,
      startedAt: null,
      inFlight: 0,
      recentCrashes: 0,
      lastError: null,
    }
    api.emit('runtime.status', { ...status, skill: 'other', state: 'running' })
    api.emit('runtime.status', { ...status, skill: 'text-stats', state: 'starting' })
    expect(api.callsTo('skills.get')).toHaveLength(1)
    api.emit('runtime.status', { ...status, skill: 'text-stats', state: 'running' })
    await vi.waitFor(() =>
      expect(store!.getState().detail?.tools.map((tool) => tool.name)).toEqual(['top_words']),
    )
  })
})
