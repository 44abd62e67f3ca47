import { describe, expect, it } from 'vitest'
import { formatDateTime } from '../../../../src-renderer/components/time'

describe('formatDateTime', () => {
  it('shows a local, readable time instead of ISO text', () => {
    const iso = '2026-03-04T05:06:07.000Z'
    const shown = formatDateTime(iso)
    expect(shown).not.toContain('T05:06')
    expect(shown).not.toContain('Z')
    expect(shown).toContain(String(new Date(iso).getFullYear()))
  })

  it('leaves text that is not a time as it is', () => {
    expect(formatDateTime('never')).toBe('never')
  })
})
