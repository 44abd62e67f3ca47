import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../src-main/core/base/appError'
import { DisposableStore } from '../../../../src-main/core/base/disposable'

describe('AppError.from', () => {
  it('keeps the original failure as the cause of an INTERNAL error, and off the wire', () => {
    const original = new TypeError('x is not a function')
    const wrapped = AppError.from(original)
    expect(wrapped.code).toBe('INTERNAL')
    expect(wrapped.message).toBe('Unexpected error: x is not a function')
    expect(wrapped.cause).toBe(original)
    expect(JSON.stringify(wrapped)).not.toContain('TypeError')
  })

  it('returns an AppError unchanged', () => {
    const error = new AppError('NOT_FOUND', 'No skill named "x".')
    expect(AppError.from(error)).toBe(error)
  })
})

describe('DisposableStore', () => {
  it('releases everything in reverse order and reports each failure instead of swallowing it', async () => {
    const released: string[] = []
    const failures: unknown[] = []
    const store = new DisposableStore((err) => failures.push(err))
    store.add({ dispose: () => void released.push('database') })
    store.add({
      dispose: () => {
        throw new Error('watcher would not close')
      },
    })
    store.add({
      dispose: async () => {
        released.push('runtime')
        throw new Error('skill server did not stop')
      },
    })
    store.add({ dispose: () => void released.push('timers') })

    await store.dispose()

    expect(released).toEqual(['timers', 'runtime', 'database'])
    expect(failures.map((f) => (f as Error).message)).toEqual([
      'skill server did not stop',
      'watcher would not close',
    ])
  })

  it('still releases the rest when the failure reporter itself throws', async () => {
    const released: string[] = []
    const store = new DisposableStore(() => {
      throw new Error('log sink gone')
    })
    store.add({ dispose: () => void released.push('database') })
    store.add({
      dispose: () => {
        throw new Error('boom')
      },
    })
    await expect(store.dispose()).resolves.toBeUndefined()
    expect(released).toEqual(['database'])
  })

  it('disposes once and refuses new items afterwards', async () => {
    let count = 0
    const store = new DisposableStore(() => {})
    store.add({ dispose: () => void count++ })
    await store.dispose()
    await store.dispose()
    expect(count).toBe(1)
    expect(() => store.add({ dispose: () => {} })).toThrow(/already disposed/)
  })
})
