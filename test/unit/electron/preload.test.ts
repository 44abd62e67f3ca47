import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '..', '..', '..')
const built = join(root, 'out', 'preload', 'index.js')

/**
 * Loads the BUILT preload in a bare VM context whose only module is a stand-in for electron's
 * contextBridge and ipcRenderer (plain objects recording what the preload does with them).
 */
function loadPreload() {
  const exposed: Array<{ name: string; api: Record<string, unknown> }> = []
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  const invoked: unknown[][] = []
  const electron = {
    contextBridge: {
      exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.push({ name, api }),
    },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invoked.push(args)
        return Promise.resolve({ ok: true, data: null })
      },
      on: (channel: string, fn: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set())
        listeners.get(channel)?.add(fn)
      },
      removeListener: (channel: string, fn: (...args: unknown[]) => void) =>
        listeners.get(channel)?.delete(fn),
    },
  }
  const required: string[] = []
  const requireStub = (id: string): unknown => {
    required.push(id)
    if (id === 'electron') return electron
    throw new Error(`the preload required ${id}`)
  }
  const module = { exports: {} }
  runInNewContext(readFileSync(built, 'utf8'), { require: requireStub, module, exports: module.exports })
  const emit = (...args: unknown[]) => listeners.get('skilldock:event')?.forEach((fn) => fn({}, ...args))
  return { exposed, invoked, listeners, required, emit }
}

describe('built preload', () => {
  it('exposes exactly invoke and on, under window.skilldock, and requires nothing but electron', () => {
    const { exposed, required } = loadPreload()
    expect(exposed.map((e) => e.name)).toEqual(['skilldock'])
    expect(Object.keys(exposed[0]?.api ?? {}).sort()).toEqual(['invoke', 'on'])
    expect(new Set(required)).toEqual(new Set(['electron']))
  })

  it('invoke sends route and input on the one channel; on filters by event and unsubscribes', async () => {
    const { exposed, invoked, listeners, emit } = loadPreload()
    const api = exposed[0]?.api as {
      invoke: (r: string, i: unknown) => Promise<unknown>
      on: (e: string, cb: (p: unknown) => void) => () => void
    }
    await api.invoke('skills.list', { query: 'pdf' })
    expect(invoked).toEqual([['skilldock:invoke', 'skills.list', { query: 'pdf' }]])

    const got: unknown[] = []
    const off = api.on('skills.changed', (p) => got.push(p))
    emit('runtime.log', { line: 'x' })
    emit('skills.changed', { names: ['a'] })
    expect(got).toEqual([{ names: ['a'] }])
    off()
    emit('skills.changed', { names: ['b'] })
    expect(got).toHaveLength(1)
    expect(listeners.get('skilldock:event')?.size).toBe(0)
  })
})
