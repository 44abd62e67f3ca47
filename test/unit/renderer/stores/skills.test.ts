import { afterEach, describe, expect, it } from 'vitest'
import type { SkillSummary } from '../../../../src-main/contract'
import { createSkillsStore, type SkillsState } from '../../../../src-renderer/stores/skills'
import type { StoreApi } from 'zustand'
import { createFakeApi, makeDetail, makeSummary } from '../fakeApi'

let store: StoreApi<SkillsState> | null = null
afterEach(() => store?.getState().dispose())

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
    const api = createFakeApi({ 'skills.list': () => [] })
    store = createSkillsStore(api, { debounceMs: 20 })
    for (const query of ['p', 'pd', 'pdf']) store.getState().setQuery(query)
    await new Promise((resolve) => setTimeout(resolve, 60))
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
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(store.getState().detail?.description).toBe('new words')
  })
})
