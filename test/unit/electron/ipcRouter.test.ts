import { describe, expect, it } from 'vitest'
import type { InstallRequest } from '../../../src-main/contract/desktop'
import { AppError } from '../../../src-main/core/base/appError'
import {
  createIpcInvokeHandler,
  EVENT_CHANNEL,
  forwardEvent,
  sendDesktopEvent,
  type ShellRoutes,
} from '../../../src-main/electron/ipcRouter'
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

const noRequests: ShellRoutes = { 'desktop.takeInstallRequests': () => [] }

function handlerFor(shell = noRequests) {
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

  it('answers shell routes in main, validating their input like core routes', async () => {
    const request: InstallRequest = { kind: 'install', source: '/tmp/x', sourceKind: 'path', path: '/tmp/x' }
    const { handle } = handlerFor({ 'desktop.takeInstallRequests': () => [request] })
    expect(await handle(trusted, 'desktop.takeInstallRequests', {})).toEqual({ ok: true, data: [request] })
    expect(await handle(trusted, 'desktop.takeInstallRequests', { all: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await handle(trusted, 'desktop.nothing', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await handle(foreign, 'desktop.takeInstallRequests', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    })
  })

  it('reports a shell failure with its own code; only unexpected ones become INTERNAL', async () => {
    const failingWith = (error: Error) =>
      handlerFor({
        'desktop.takeInstallRequests': () => {
          throw error
        },
      }).handle(trusted, 'desktop.takeInstallRequests', {})
    expect(await failingWith(new AppError('CONFLICT', 'Another window took the requests.'))).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Another window took the requests.' },
    })
    expect(await failingWith(new Error('tray gone'))).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Unexpected error: tray gone' },
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

  it("sends the shell's own events on the same channel", () => {
    const sent: unknown[][] = []
    const live = { isDestroyed: () => false, send: (...args: unknown[]) => void sent.push(args) }
    const request: InstallRequest = {
      kind: 'install',
      source: 'https://x.test/s.git',
      sourceKind: 'url',
      path: null,
    }
    sendDesktopEvent(live, 'desktop.installRequest', request)
    expect(sent).toEqual([[EVENT_CHANNEL, 'desktop.installRequest', request]])
  })
})
