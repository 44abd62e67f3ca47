import { afterEach, describe, expect, it } from 'vitest'
import type { StoreApi } from 'zustand'
import { createAutomationStore, type AutomationState } from '../../../../src-renderer/stores/automation'
import { automationFake, makeJob } from '../automationFake'
import { createFakeApi } from '../fakeApi'

let store: StoreApi<AutomationState> | null = null
afterEach(() => store?.getState().dispose())

function setup() {
  const fake = automationFake()
  const api = createFakeApi(fake.handlers)
  store = createAutomationStore(api)
  return { fake, api, store }
}

describe('the automation store', () => {
  it('loads schedules, jobs, webhooks, composites and the skill names for the pickers', async () => {
    const { fake, store } = setup()
    fake.jobs.push(makeJob({ id: 'j1', state: 'failed', lastError: 'text is empty' }))
    await store.getState().load()
    expect(store.getState()).toMatchObject({
      loaded: true,
      error: null,
      skills: ['text-stats', 'json-tools'],
      jobs: [{ id: 'j1', state: 'failed', lastError: 'text is empty' }],
      endpointUrl: 'http://127.0.0.1:7545/mcp',
    })
  })

  it('adds a schedule and shows the core’s refusal verbatim', async () => {
    const { store } = setup()
    await store.getState().load()
    expect(
      await store
        .getState()
        .addSchedule({ skill: 'text-stats', tool: 'top_words', arguments: {}, every: 'often' }),
    ).toBe(false)
    expect(store.getState().error).toBe('"often" is not an interval.')
    expect(store.getState().schedules).toEqual([])

    const ok = await store.getState().addSchedule({
      skill: 'text-stats',
      tool: 'top_words',
      arguments: { text: 'a b' },
      every: '1h',
    })
    expect(ok).toBe(true)
    expect(store.getState().error).toBeNull()
    expect(store.getState().schedules).toMatchObject([
      { skill: 'text-stats', tool: 'top_words', everySeconds: 3600 },
    ])
    await store.getState().removeSchedule('s1')
    expect(store.getState().schedules).toEqual([])
  })

  it('re-reads the jobs when the core says a job changed', async () => {
    const { fake, api, store } = setup()
    fake.jobs.push(makeJob({ id: 'j1' }))
    await store.getState().load()
    expect(store.getState().jobs[0]?.state).toBe('pending')
    fake.jobs[0]!.state = 'succeeded'
    fake.jobs[0]!.attempts = 1
    api.emit('jobs.changed', { id: 'j1', state: 'succeeded' })
    await expect.poll(() => store.getState().jobs[0]?.state).toBe('succeeded')
    expect(store.getState().jobs[0]?.attempts).toBe(1)
  })

  it('keeps a new webhook’s secret only until it is dismissed; the list never has it', async () => {
    const { store } = setup()
    await store.getState().load()
    expect(await store.getState().addWebhook({ id: 'inbox', skill: 'text-stats', tool: 'top_words' })).toBe(
      true,
    )
    expect(store.getState().newSecret).toEqual({
      id: 'inbox',
      path: '/hooks/inbox',
      secret: 'whsec-1-7f3a9c0d2b',
    })
    expect(JSON.stringify(store.getState().webhooks)).not.toContain('whsec')
    store.getState().dismissSecret()
    expect(store.getState().newSecret).toBeNull()
    expect(JSON.stringify(store.getState())).not.toContain('whsec')

    expect(await store.getState().addWebhook({ id: 'inbox', skill: 'text-stats', tool: 'top_words' })).toBe(
      false,
    )
    expect(store.getState().error).toBe('A webhook "inbox" exists already.')
    expect(store.getState().newSecret).toBeNull()
  })

  it('reads a skill’s tools once for the pickers', async () => {
    const { api, store } = setup()
    await store.getState().loadTools('text-stats')
    await store.getState().loadTools('text-stats')
    expect(store.getState().tools['text-stats']?.map((t) => t.name)).toEqual(['text_statistics', 'top_words'])
    expect(api.callsTo('runtime.tools')).toHaveLength(1)
  })
})
