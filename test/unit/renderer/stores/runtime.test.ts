import { afterEach, describe, expect, it } from 'vitest'
import type { StoreApi } from 'zustand'
import {
  createRuntimeStore,
  LOG_LIMIT,
  type RuntimeStoreState,
} from '../../../../src-renderer/stores/runtime'
import { createFakeApi, makeStoppedStatus } from '../fakeApi'

let store: StoreApi<RuntimeStoreState> | null = null
afterEach(() => store?.getState().dispose())

const status = makeStoppedStatus('a')

describe('runtime store', () => {
  it('keeps only the last LOG_LIMIT lines, and only for skills the runner opened', async () => {
    const api = createFakeApi({
      'runtime.status': () => [status],
      'runtime.logs': () => ({ stderr: ['first'], audit: [] }),
      'runtime.tools': () => [],
    })
    store = createRuntimeStore(api)
    api.emit('runtime.log', { skill: 'a', line: 'before open' })
    expect(store.getState().runs.a).toBeUndefined()

    await store.getState().open('a')
    for (let index = 0; index < LOG_LIMIT + 10; index++)
      api.emit('runtime.log', { skill: 'a', line: `line ${index}` })
    const log = store.getState().runs.a?.log ?? []
    expect(log).toHaveLength(LOG_LIMIT)
    expect(log.at(-1)).toBe(`line ${LOG_LIMIT + 9}`)
    expect(log[0]).toBe('line 10')
  })

  it('records each call with its duration and shows the newest', async () => {
    let clock = 1000
    const api = createFakeApi({
      'runtime.call': () => {
        clock += 250
        return { content: [{ type: 'text', text: 'ok' }] }
      },
    })
    store = createRuntimeStore(api, { now: () => clock })
    await store.getState().call('a', 'tidy', { text: 'x' })
    await store.getState().call('a', 'tidy', { text: 'y' })
    const run = store.getState().runs.a
    expect(run?.history.map((record) => [record.arguments, record.durationMs])).toEqual([
      [{ text: 'y' }, 250],
      [{ text: 'x' }, 250],
    ])
    expect(run?.shownCallId).toBe(run?.history[0]?.id)
  })

  it('reads the cached tools again once a server without known tools is running', async () => {
    let cached: Array<{ name: string; description: string; inputSchema: Record<string, unknown> }> = []
    const api = createFakeApi({
      'runtime.status': () => [status],
      'runtime.logs': () => ({ stderr: [], audit: [] }),
      'runtime.tools': () => cached,
    })
    store = createRuntimeStore(api)
    await store.getState().open('a')
    expect(store.getState().runs.a?.tools).toEqual([])

    cached = [{ name: 'tidy', description: '', inputSchema: {} }]
    api.emit('runtime.status', { ...status, state: 'running', pid: 7 })
    await expect.poll(() => store?.getState().runs.a?.selectedTool).toBe('tidy')
    expect(api.callsTo('runtime.tools')).toEqual([{ name: 'a' }, { name: 'a' }])
  })
})
