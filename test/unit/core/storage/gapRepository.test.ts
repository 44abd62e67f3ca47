import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../../src-main/core/storage/database'
import { capabilityKey, GapRepository } from '../../../../src-main/core/storage/gapRepository'

describe('capability gaps', () => {
  it('normalizes wording that does not change the capability', () => {
    expect(capabilityKey('A tool to convert HEIC images → PNG!')).toBe('convert heic images png')
    expect(capabilityKey('  convert   heic images, png ')).toBe('convert heic images png')
    expect(capabilityKey('Café menus')).toBe(capabilityKey('cafe MENUS'))
    expect(capabilityKey('convert png to heic')).not.toBe(capabilityKey('convert heic to png'))
  })

  it('records a gap once and counts repeats, keeping the newest non-empty context', () => {
    const db = openDatabase({ file: ':memory:' })
    const gaps = new GapRepository(db)
    const input = {
      capability: 'Convert HEIC to PNG',
      context: 'photos',
      trigger: 'mcp',
      requester: 'cursor',
    }
    const first = gaps.record(input, '2026-01-01T00:00:00.000Z')
    expect(first.created).toBe(true)
    expect(first.gap).toMatchObject({ status: 'open', occurrences: 1, capabilityKey: 'convert heic png' })
    const second = gaps.record(
      { ...input, capability: 'convert heic → png', context: '' },
      '2026-01-02T00:00:00.000Z',
    )
    expect(second).toMatchObject({
      created: false,
      gap: { id: first.gap.id, occurrences: 2, context: 'photos' },
    })
    const third = gaps.record({ ...input, context: 'scans' }, '2026-01-03T00:00:00.000Z')
    expect(third.gap).toMatchObject({
      occurrences: 3,
      context: 'scans',
      updatedAt: '2026-01-03T00:00:00.000Z',
    })
    expect(gaps.list()).toHaveLength(1)
    db.close()
  })
})
