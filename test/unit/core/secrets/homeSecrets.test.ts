import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ensureHomeId, HOME_ID_FILE } from '../../../../src-main/core/secrets/homeSecrets'
import { tempDir } from '../../../support/fs'

describe('the data home id the keychain entries are filed under', () => {
  it('is created once, owner-only, and stays with the home when its folder is moved', () => {
    const home = join(tempDir(), 'home')
    const first = ensureHomeId(home, join(home, 'skilldock.db'))
    expect(first.id).toMatch(/^[0-9a-f]{32}$/)
    // A home with no database yet is new: there is nothing of older versions to adopt.
    expect(first.adoptLegacy).toBe(false)
    expect(ensureHomeId(home, join(home, 'skilldock.db')).id).toBe(first.id)
    if (process.platform !== 'win32') expect(statSync(join(home, HOME_ID_FILE)).mode & 0o777).toBe(0o600)
    const moved = join(tempDir(), 'moved')
    renameSync(home, moved)
    expect(ensureHomeId(moved, join(moved, 'skilldock.db')).id).toBe(first.id)
    // Another home gets another id.
    const other = join(tempDir(), 'other')
    expect(ensureHomeId(other, join(other, 'skilldock.db')).id).not.toBe(first.id)
  })

  it('marks a home that already had a database (an older version’s) for adopting its entries', () => {
    const home = tempDir()
    writeFileSync(join(home, 'skilldock.db'), '')
    expect(ensureHomeId(home, join(home, 'skilldock.db')).adoptLegacy).toBe(true)
  })

  it('refuses a damaged id file, saying what to do, and leaves it as it was', () => {
    const home = tempDir()
    writeFileSync(join(home, HOME_ID_FILE), 'not an id')
    expect(() => ensureHomeId(home, join(home, 'skilldock.db'))).toThrow(
      /home-id is damaged.*Restore it from a backup; or delete it/,
    )
    expect(readFileSync(join(home, HOME_ID_FILE), 'utf8')).toBe('not an id')
  })
})
