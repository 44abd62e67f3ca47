import { describe, expect, it } from 'vitest'
import { createSourcesStore } from '../../../../src-renderer/stores/sources'
import { createFakeApi } from '../fakeApi'

describe('sources store: update all', () => {
  it('says which updated skills are held (not served) until the update is approved', async () => {
    const api = createFakeApi({
      'skills.update': () => [
        { name: 'gamma', applied: true, state: 'changed', message: null },
        { name: 'delta', applied: true, state: 'active', message: null },
      ],
      'skills.updates': () => [],
    })
    const store = createSourcesStore(api)
    await store.getState().updateAll()
    const message = store.getState().updateMessage ?? ''
    expect(message).toContain('Updated gamma, delta.')
    expect(message).toContain(
      'gamma is held (not served to clients) until the update is approved in Approvals.',
    )
    expect(message).not.toMatch(/delta is held/)
  })
})
