import { describe, expect, it } from 'vitest'
import { ServingCache } from '../../../../src-main/core/server/servingCache'

describe('ServingCache', () => {
  it('reuses a value until the version changes or it is invalidated, per key', () => {
    let version = 'a'
    let computed = 0
    const cache = new ServingCache<number>(() => version, 60_000)
    const get = (key: string) => cache.get(key, () => ++computed)
    expect(get('cursor')).toBe(1)
    expect(get('cursor')).toBe(1)
    expect(get('vscode')).toBe(2)
    version = 'b'
    expect(get('cursor')).toBe(3)
    expect(get('cursor')).toBe(3)
    cache.invalidate()
    expect(get('cursor')).toBe(4)
    expect(get('vscode')).toBe(5)
  })

  it('works a value out again once it is older than its time limit', () => {
    let computed = 0
    const cache = new ServingCache<number>(() => 'same', 0)
    expect(cache.get('k', () => ++computed)).toBe(1)
    expect(cache.get('k', () => ++computed)).toBe(2)
  })
})
