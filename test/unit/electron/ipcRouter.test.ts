import { describe, expect, it } from 'vitest'
import { createIpcInvokeHandler, EVENT_CHANNEL, forwardEvent } from '../../../src-main/electron/ipcRouter'
import { isTrustedSender } from '../../../src-main/electron/senderCheck'
import { makeCore } from '../../support/core'
import { tempDir, writeSkill } from '../../support/fs'

interface FakeEvent {
  sender: unknown
  senderFrame: { url: string; parent: unknown } | null
}
const win = { id: 'main' }
const trusted: FakeEvent = { sender: win, senderFrame: { url: 'app://skilldock/index.html', parent: null } }
const foreign: FakeEvent = { sender: win, senderFrame: { url: 'https://evil.example/', parent: null } }

function handlerFor(shell = {}) {
  const { core, builtin } = makeCore()
  const handle = createIpcInvokeHandler<FakeEvent>({
    invoke: core.invoke,
    isTrusted: (event) => isTrustedSender(event, win, ['app://skilldock']),
    shell,
  })
  return { core, builtin, handle }
}

describe('route dispatch over IPC', () => {
  it('runs routes of the real core for the trusted window', async () => {
    const { handle } = handlerFor()
    const result = await handle(trusted, 'skills.list', {})
    expect(result).toEqual({ ok: true, data: expect.any(Array) })
  })

  it('refuses an untrusted frame before the route runs', async () => {
    const { core, handle } = handlerFor()
    const dir = writeSkill(tempDir(), 'from-evil')
    const refused = await handle(foreign, 'skills.add', { path: dir })
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    const list = await core.invoke('skills.list', {})
    expect(list.ok && (list.data as Array<{ name: string }>).map((s) => s.name)).not.toContain('from-evil')
  })

  it('returns validation and unknown-route errors as results, never throwing', async () => {
    const { handle } = handlerFor()
    expect(await handle(trusted, 'skills.get', { name: 42 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await handle(trusted, 'nope.nothing', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await handle(trusted, { toString: () => 'skills.list' }, {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await handle(trusted, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('answers shell routes in main and reports their failures as results', async () => {
    const { handle } = handlerFor({
      'desktop.takeInstallRequests': () => [{ source: '/tmp/x' }],
      'desktop.broken': () => {
        throw new Error('tray gone')
      },
    })
    expect(await handle(trusted, 'desktop.takeInstallRequests', {})).toEqual({
      ok: true,
      data: [{ source: '/tmp/x' }],
    })
    expect(await handle(trusted, 'desktop.broken', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'tray gone' },
    })
    expect(await handle(foreign, 'desktop.takeInstallRequests', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    })
  })

  it('forwards core events to a live window only', () => {
    const sent: unknown[][] = []
    const live = { isDestroyed: () => false, send: (...args: unknown[]) => void sent.push(args) }
    forwardEvent(live, 'skills.changed', { names: ['a'] })
    forwardEvent({ isDestroyed: () => true, send: () => sent.push(['dead']) }, 'skills.changed', {
      names: [],
    })
    expect(sent).toEqual([[EVENT_CHANNEL, 'skills.changed', { names: ['a'] }]])
  })
})
