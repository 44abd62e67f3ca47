import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { InstallRequest, Result } from '../../../../../src-main/contract'
import type { SkillDockBridge } from '../../../../../src-renderer/api/client'
import { InstallRequestDialog } from '../../../../../src-renderer/features/install/InstallRequestDialog'

afterEach(cleanup)

/** A stand-in for the preload bridge: the shell's queued links, events pushed by hand, calls recorded. */
function fakeBridge(queued: InstallRequest[], answer: (route: string, input: unknown) => Result<unknown>) {
  const calls: Array<{ route: string; input: unknown }> = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const bridge: SkillDockBridge = {
    invoke: async (route, input) => {
      calls.push({ route, input })
      if (route === 'desktop.takeInstallRequests') return { ok: true, data: queued.splice(0) }
      return answer(route, input)
    },
    on: (event, callback) => {
      if (!listeners.has(event)) listeners.set(event, new Set())
      listeners.get(event)?.add(callback)
      return () => listeners.get(event)?.delete(callback)
    },
  }
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((fn) => fn(payload))
  return { bridge, calls, emit }
}

const folder: InstallRequest = {
  kind: 'install',
  source: '/home/me/pdf',
  sourceKind: 'path',
  path: '/home/me/pdf',
}
const remote: InstallRequest = {
  kind: 'install',
  source: 'https://git.example/skills.git',
  sourceKind: 'url',
  path: null,
}

describe('InstallRequestDialog', () => {
  it('shows a link queued before the window listened and installs the folder only when confirmed', async () => {
    const { bridge, calls } = fakeBridge([folder], () => ({
      ok: true,
      data: { skills: [{ name: 'pdf', state: 'pending', risk: 'LOW' }] },
    }))
    render(<InstallRequestDialog bridge={bridge} />)
    expect((await screen.findByTestId('install-request-source')).textContent).toBe('/home/me/pdf')
    expect(calls.map((c) => c.route)).toEqual(['desktop.takeInstallRequests'])

    fireEvent.click(screen.getByTestId('install-request-confirm'))
    expect((await screen.findByRole('status')).textContent).toMatch(/Added pdf/)
    expect(calls.at(-1)).toEqual({ route: 'skills.add', input: { path: '/home/me/pdf' } })
  })

  it('takes later links from the shell event, adds remote ones as a source, and shows a refusal', async () => {
    const { bridge, calls, emit } = fakeBridge([], () => ({
      ok: false,
      error: { code: 'UNSAFE_SOURCE', message: 'That host is not allowed.' },
    }))
    render(<InstallRequestDialog bridge={bridge} />)
    expect(screen.queryByTestId('install-request-dialog')).toBeNull()

    emit('desktop.installRequest', { source: 'not-a-request' })
    emit('desktop.installRequest', remote)
    expect((await screen.findByTestId('install-request-source')).textContent).toBe(remote.source)

    fireEvent.click(screen.getByTestId('install-request-confirm'))
    expect(await screen.findByText('That host is not allowed.')).toBeTruthy()
    expect(calls.at(-1)).toEqual({ route: 'skills.addSource', input: { source: remote.source } })
  })
})
