import { describe, expect, it } from 'vitest'
import type { SyncItem } from '../../../../src-main/contract/sources'
import { syncSummary } from '../../../../src-main/core/sources/syncReconcile'

const item = (name: string, status: SyncItem['status']): SyncItem => ({
  name,
  status,
  state: null,
  message: null,
})

describe('what a finished sync says', () => {
  it('counts the skills in the right number', () => {
    expect(syncSummary([item('a', 'installed')])).toBe('1 skill')
    expect(syncSummary([item('a', 'installed'), item('b', 'unchanged')])).toBe('2 skills')
    expect(syncSummary([])).toBe('0 skills')
  })

  it('says how many of them did not get in', () => {
    expect(syncSummary([item('good', 'installed'), item('broken', 'skipped')])).toBe(
      '2 skills (1 not installed)',
    )
    expect(
      syncSummary([
        item('a', 'conflict'),
        item('b', 'skipped'),
        item('c', 'skipped'),
        item('d', 'installed'),
      ]),
    ).toBe('4 skills (2 not installed, 1 in conflict)')
  })
})
