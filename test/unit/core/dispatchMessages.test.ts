import { describe, expect, it } from 'vitest'
import { makeCore } from '../../support/core'

describe('invalid input messages', () => {
  it('say which field to fix in words, never the internal route name', async () => {
    const t = makeCore()
    const result = await t.raw('files.create', { name: 'Not A Valid Name!' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INVALID_INPUT')
    expect(result.error.message).not.toContain('files.create')
    expect(result.error.message).toMatch(/^Please check what you entered: name: /)
    expect(result.error.message).toMatch(/Correct it and try again\.$/)

    const nested = await t.raw('files.saveDraft', { name: 'x', files: [{ path: 'SKILL.md' }] })
    expect(nested.ok).toBe(false)
    if (nested.ok) return
    expect(nested.error.message).toContain('content of item 1 of files:')
    expect(nested.error.message).not.toContain('files.saveDraft')
  })
})
